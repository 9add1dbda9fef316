import { startOvhSimulator, type OvhSimulator } from "pulumi-reinstall-simulator";
import { ADVANCE, ED25519, oauth2Client, raw, rejection, requireTrustedCa, SCALE, signedClient, virtualClock } from "./helpers";

describe("OVH simulator: authentication as real clients see it", () => {
  const clock = virtualClock();
  let sim: OvhSimulator;
  beforeAll(async () => {
    requireTrustedCa();
    sim = await startOvhSimulator({ now: clock.now });
  });
  afterEach(() => sim.reset());
  afterAll(() => sim?.close());

  it("node-ovh signs GET and POST (host/port/basePath, no endpoint) and gets real answers", async () => {
    const ovh = signedClient(sim);
    expect(await ovh.requestPromised("GET", "/dedicated/server")).toEqual([SCALE, ADVANCE, "ns3009999.ip-51-68-3.eu"]);
    expect(await ovh.requestPromised("GET", `/dedicated/server/${SCALE}`)).toMatchObject({ name: SCALE, os: "debian11_64", state: "ok", powerState: "poweron" });
    // A non-ASCII key comment: node-ovh escapes it to \uXXXX, and the signature covers those exact bytes.
    const task = await ovh.requestPromised("POST", `/dedicated/server/${SCALE}/reinstall`, {
      operatingSystem: "debian12_64",
      customizations: { hostname: "mon-tux", sshKey: ED25519.replace("alice", "jérôme") },
    });
    expect(task).toEqual({
      taskId: expect.any(Number),
      function: "reinstallServer",
      status: "init",
      comment: "Start bare metal OS installation",
      startDate: "2026-11-22T01:00:00+01:00",
      doneDate: null,
    });
    expect(sim.count({ route: "GET /auth/time" })).toBe(1);
  });

  it("a wrong application secret gets OVH's INVALID_SIGNATURE", async () => {
    const ovh = signedClient(sim, { appSecret: "not-the-secret" });
    expect(await rejection(ovh.requestPromised("GET", "/dedicated/server"))).toEqual({ error: 400, message: "Invalid signature" });
    const wrongBody = await raw(sim, clock, "GET", "/1.0/dedicated/server", { headers: { "X-Ovh-Signature": "$1$0000" } });
    expect(wrongBody).toEqual({ status: 400, body: { errorCode: "INVALID_SIGNATURE", httpCode: "400 Bad Request", message: "Invalid signature" } });
  });

  it("accepts the signed URL with the port (go-ovh, python-ovh) as well as without (node-ovh)", async () => {
    expect((await raw(sim, clock, "GET", "/1.0/dedicated/server", { sign: "with-port" })).status).toBe(200);
    expect((await raw(sim, clock, "GET", "/v1/dedicated/server?x=1", { sign: "without-port" })).status).toBe(200);
  });

  it("answers the legacy auth errors for missing, unknown and stale credentials", async () => {
    expect(await raw(sim, clock, "GET", "/1.0/dedicated/server", { sign: false })).toEqual({
      status: 401,
      body: { errorCode: "NOT_AUTHENTICATED", httpCode: "401 Unauthorized", message: "You must login first" },
    });
    expect(await raw(sim, clock, "GET", "/1.0/dedicated/server", { headers: { "X-Ovh-Application": "someoneElse" } })).toEqual({
      status: 403,
      body: { errorCode: "INVALID_KEY", httpCode: "403 Forbidden", message: "This application key is invalid" },
    });
    expect(await raw(sim, clock, "GET", "/1.0/dedicated/server", { headers: { "X-Ovh-Consumer": "revoked" } })).toEqual({
      status: 403,
      body: { errorCode: "INVALID_CREDENTIAL", httpCode: "403 Forbidden", message: "This credential is not valid" },
    });
    expect(await raw(sim, clock, "GET", "/1.0/dedicated/server", { timestamp: Math.floor(clock.now() / 1000) - 600 })).toEqual({
      status: 400,
      body: { errorCode: "QUERY_TIME_OUT", httpCode: "400 Bad Request", message: "Query out of time" },
    });
  });

  it("serves /auth/time and the template catalogue without authentication, partition schemes only with it", async () => {
    expect(await raw(sim, clock, "GET", "/1.0/auth/time", { sign: false })).toEqual({ status: 200, body: Math.floor(clock.now() / 1000) });
    const template = await raw(sim, clock, "GET", "/1.0/dedicated/installationTemplate/debian12_64", { sign: false });
    expect(template.body).toMatchObject({ templateName: "debian12_64", endOfInstall: "2028-07-04", lvmReady: true, noPartitioning: false, rootMountpoint: "/" });
    expect((await raw(sim, clock, "GET", "/1.0/dedicated/installationTemplate/templateInfos", { sign: false })).status).toBe(200);
    expect(await raw(sim, clock, "GET", "/1.0/dedicated/installationTemplate/nope_64", { sign: false })).toEqual({
      status: 404,
      body: { class: "Client::NotFound", message: "The requested object (templateName = nope_64) does not exist" },
    });
    expect((await raw(sim, clock, "GET", "/1.0/dedicated/installationTemplate/debian12_64/partitionScheme", { sign: false })).status).toBe(401);
    expect((await raw(sim, clock, "GET", "/1.0/dedicated/installationTemplate/debian12_64/partitionScheme")).body).toEqual(["default"]);
    expect((await raw(sim, clock, "GET", "/1.0/dedicated/installationTemplate/byolinux_64/partitionScheme")).body).toEqual([]);
  });

  it("node-ovh's OAuth2 client credentials get a token and make bearer calls journaled under the client id", async () => {
    const ovh = oauth2Client(sim);
    expect(await ovh.requestPromised("GET", `/dedicated/server/${SCALE}/install/compatibleTemplates`)).toEqual({
      ovh: expect.arrayContaining(["debian12_64", "win2022core-std_64"]),
    });
    await ovh.requestPromised("POST", `/dedicated/server/${SCALE}/reinstall`, { operatingSystem: "debian12_64" });
    expect(sim.count({ route: "POST /auth/oauth2/token" })).toBe(1);
    expect(sim.count({ credential: sim.credentials.clientId })).toBe(3);
    expect(sim.count({ route: "GET /auth/time" })).toBe(0);
  });

  it("refuses a wrong client secret, and tokens once their 3599 s are over", async () => {
    const refused = await rejection(oauth2Client(sim, { clientSecret: "wrong" }).requestPromised("GET", "/dedicated/server"));
    expect(refused.error).toMatchObject({ statusCode: 401, message: { error: "invalid_client" } });

    const ovh = oauth2Client(sim);
    await ovh.requestPromised("GET", "/dedicated/server");
    clock.advance(3600 * 1000);
    // node-ovh times the token on the real clock, so it keeps sending it and gets the simulator's verdict.
    expect(await rejection(ovh.requestPromised("GET", "/dedicated/server"))).toEqual({ error: 401, message: "Invalid token" });
  });
});
