import { OVH_ROUTES, startOvhSimulator } from "pulumi-reinstall-simulator";
import { OvhAuth } from "../src/ovh/auth";
import { ADVANCE, ED25519, oauth2Client, raw, rejection, SCALE, signedClient, virtualClock, useOvhSimulator } from "./helpers";

describe("OVH simulator: authentication as real clients see it", () => {
  const clock = virtualClock();
  const sim = useOvhSimulator(clock);

  it("node-ovh signs GET and POST (host/port/basePath, no endpoint) and gets real answers", async () => {
    const ovh = signedClient(sim());
    expect(await ovh.requestPromised("GET", "/dedicated/server")).toEqual([SCALE, ADVANCE, "ns3009999.ip-51-68-3.eu"]);
    expect(await ovh.requestPromised("GET", `/dedicated/server/${SCALE}`)).toMatchObject({
      name: SCALE,
      os: "debian11_64",
      state: "ok",
      powerState: "poweron",
    });
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
    expect(sim().count({ route: OVH_ROUTES.authTime })).toBe(1);
  });

  it("a wrong application secret gets OVH's INVALID_SIGNATURE", async () => {
    const ovh = signedClient(sim(), { appSecret: "not-the-secret" });
    expect(await rejection(ovh.requestPromised("GET", "/dedicated/server"))).toEqual({ error: 400, message: "Invalid signature" });
    const wrongBody = await raw(sim(), clock, "GET", "/1.0/dedicated/server", { headers: { "X-Ovh-Signature": "$1$0000" } });
    expect(wrongBody).toEqual({ status: 400, body: { errorCode: "INVALID_SIGNATURE", httpCode: "400 Bad Request", message: "Invalid signature" } });
  });

  it("accepts the signed URL with the port (go-ovh, python-ovh) as well as without (node-ovh)", async () => {
    expect((await raw(sim(), clock, "GET", "/1.0/dedicated/server", { sign: "with-port" })).status).toBe(200);
    expect((await raw(sim(), clock, "GET", "/v1/dedicated/server?x=1", { sign: "without-port" })).status).toBe(200);
  });

  it("answers the legacy auth errors for missing, unknown and stale credentials", async () => {
    expect(await raw(sim(), clock, "GET", "/1.0/dedicated/server", { sign: false })).toEqual({
      status: 401,
      body: { errorCode: "NOT_AUTHENTICATED", httpCode: "401 Unauthorized", message: "You must login first" },
    });
    expect(await raw(sim(), clock, "GET", "/1.0/dedicated/server", { headers: { "X-Ovh-Application": "someoneElse" } })).toEqual({
      status: 403,
      body: { errorCode: "INVALID_KEY", httpCode: "403 Forbidden", message: "This application key is invalid" },
    });
    expect(await raw(sim(), clock, "GET", "/1.0/dedicated/server", { headers: { "X-Ovh-Consumer": "revoked" } })).toEqual({
      status: 403,
      body: { errorCode: "INVALID_CREDENTIAL", httpCode: "403 Forbidden", message: "This credential is not valid" },
    });
  });

  it("rejects stale timestamps on the real clock, and never on a virtual one that real clients cannot follow", async () => {
    const real = await startOvhSimulator();
    try {
      const stale = Math.floor(Date.now() / 1000) - 600;
      expect(await raw(real, { now: Date.now }, "GET", "/1.0/dedicated/server", { timestamp: stale })).toEqual({
        status: 400,
        body: { errorCode: "QUERY_TIME_OUT", httpCode: "400 Bad Request", message: "Query out of time" },
      });
      expect((await raw(real, { now: Date.now }, "GET", "/1.0/dedicated/server")).status).toBe(200);
    } finally {
      await real.close();
    }
    // node-ovh learns the offset from /auth/time once; the virtual clock then jumps hours ahead of its timestamps.
    const ovh = signedClient(sim());
    await ovh.requestPromised("GET", "/dedicated/server");
    clock.advance(5 * 3600 * 1000);
    expect(await ovh.requestPromised("GET", "/dedicated/server")).toContain(SCALE);
  });

  it("serves /auth/time and the template catalogue without authentication, partition schemes only with it", async () => {
    expect(await raw(sim(), clock, "GET", "/1.0/auth/time", { sign: false })).toEqual({ status: 200, body: Math.floor(clock.now() / 1000) });
    const template = await raw(sim(), clock, "GET", "/1.0/dedicated/installationTemplate/debian12_64", { sign: false });
    expect(template.body).toMatchObject({
      templateName: "debian12_64",
      endOfInstall: "2028-07-04",
      lvmReady: true,
      noPartitioning: false,
      rootMountpoint: "/",
    });
    expect((await raw(sim(), clock, "GET", "/1.0/dedicated/installationTemplate/templateInfos", { sign: false })).status).toBe(200);
    expect(await raw(sim(), clock, "GET", "/1.0/dedicated/installationTemplate/nope_64", { sign: false })).toEqual({
      status: 404,
      body: { class: "Client::NotFound", message: "The requested object (templateName = nope_64) does not exist" },
    });
    expect((await raw(sim(), clock, "GET", "/1.0/dedicated/installationTemplate/debian12_64/partitionScheme", { sign: false })).status).toBe(401);
    expect((await raw(sim(), clock, "GET", "/1.0/dedicated/installationTemplate/debian12_64/partitionScheme")).body).toEqual(["default"]);
    expect((await raw(sim(), clock, "GET", "/1.0/dedicated/installationTemplate/byolinux_64/partitionScheme")).body).toEqual([]);
  });

  it("node-ovh's OAuth2 client credentials get a token and make bearer calls journaled under the client id", async () => {
    const ovh = oauth2Client(sim());
    expect(await ovh.requestPromised("GET", `/dedicated/server/${SCALE}/install/compatibleTemplates`)).toEqual({
      ovh: expect.arrayContaining(["debian12_64", "win2022core-std_64"]),
    });
    expect(await ovh.requestPromised("GET", "/dedicated/server")).toContain(SCALE);
    expect(sim().count({ route: OVH_ROUTES.oauth2Token })).toBe(1);
    expect(sim().count({ credential: sim().credentials.clientId })).toBe(3);
    expect(sim().count({ route: OVH_ROUTES.authTime })).toBe(0);
  });

  it("refuses a body not declared as JSON with a 400 in OVH's shape, node-ovh's bare OAuth2 POST included", async () => {
    const path = `/dedicated/server/${SCALE}/reinstall`;
    const body = { operatingSystem: "debian12_64" };
    const notJson = { class: "Client::BadRequest", message: "The input that you provided isn't valid JSON or not well formatted" };
    // node-ovh's OAuth2 path sends its JSON body with no Content-Type at all.
    expect(await rejection(oauth2Client(sim()).requestPromised("POST", path, body))).toEqual({ error: 400, message: notJson.message });

    const { clientId, clientSecret } = sim().credentials;
    const form = { grant_type: "client_credentials", client_id: clientId, client_secret: clientSecret, scope: "all" };
    const token = ((await raw(sim(), clock, "POST", "/auth/oauth2/token", { sign: false, form })).body as { access_token: string }).access_token;
    const bearer = (contentType: string) => ({ sign: false as const, body, headers: { Authorization: `Bearer ${token}`, "Content-Type": contentType } });
    expect(await raw(sim(), clock, "POST", `/1.0${path}`, bearer("text/plain"))).toEqual({ status: 400, body: notJson });
    expect(await raw(sim(), clock, "POST", `/1.0${path}`, { body, headers: { "Content-Type": "application/x-www-form-urlencoded" } })).toEqual({
      status: 400,
      body: notJson,
    });
    expect(sim().server(SCALE).taskIds).toEqual([]);

    expect((await raw(sim(), clock, "POST", `/1.0${path}`, bearer("application/json; charset=utf-8"))).status).toBe(200);
    expect(sim().server(SCALE).taskIds).toHaveLength(1);
  });

  it("refuses a wrong client secret and an unknown token; a virtual clock jumping hours does not expire tokens", async () => {
    const refused = await rejection(oauth2Client(sim(), { clientSecret: "wrong" }).requestPromised("GET", "/dedicated/server"));
    expect(refused.error).toMatchObject({ statusCode: 401, message: { error: "invalid_client" } });
    expect(await raw(sim(), clock, "GET", "/1.0/dedicated/server", { sign: false, headers: { Authorization: "Bearer forged" } })).toEqual({
      status: 401,
      body: { class: "Client::Unauthorized", message: "Invalid token" },
    });

    // node-ovh refreshes tokens on the real clock, so their lifetime must not follow the virtual one.
    const ovh = oauth2Client(sim());
    await ovh.requestPromised("GET", "/dedicated/server");
    clock.advance(5 * 3600 * 1000);
    expect(await ovh.requestPromised("GET", "/dedicated/server")).toContain(SCALE);
    expect(sim().count({ route: OVH_ROUTES.oauth2Token })).toBe(2);
  });

  it("accepts its configured access token as a bearer, journaled as access-token; a token it never issued gets the 401", async () => {
    const bearer = (token: string) => ({ sign: false as const, headers: { Authorization: `Bearer ${token}` } });
    const { accessToken } = sim().credentials;
    expect(await raw(sim(), clock, "GET", "/1.0/dedicated/server", bearer(accessToken))).toEqual({ status: 200, body: expect.arrayContaining([SCALE]) });
    expect(sim().count({ credential: "access-token" })).toBe(1);
    expect(await raw(sim(), clock, "GET", "/1.0/dedicated/server", bearer(`${accessToken}x`))).toEqual({
      status: 401,
      body: { class: "Client::Unauthorized", message: "Invalid token" },
    });
  });

  it("the token endpoint also takes client credentials in the form body, and only the client_credentials grant", async () => {
    const { clientId, clientSecret } = sim().credentials;
    const form = { grant_type: "client_credentials", client_id: clientId, client_secret: clientSecret, scope: "all" };
    const granted = await raw(sim(), clock, "POST", "/auth/oauth2/token", { sign: false, form });
    expect(granted).toEqual({ status: 200, body: { access_token: expect.stringMatching(/^\w{32,}$/), token_type: "Bearer", expires_in: 3599, scope: "all" } });
    const token = (granted.body as { access_token: string }).access_token;
    expect((await raw(sim(), clock, "GET", "/1.0/dedicated/server", { sign: false, headers: { Authorization: `Bearer ${token}` } })).status).toBe(200);
    expect((await raw(sim(), clock, "POST", "/auth/oauth2/token", { sign: false, form: { ...form, grant_type: "password" } })).body).toMatchObject({
      error: "unsupported_grant_type",
    });
    expect((await raw(sim(), clock, "POST", "/auth/oauth2/token", { sign: false, form: { ...form, client_secret: "x" } })).status).toBe(401);
  });

  it("tokens die after 3599 s of real time", () => {
    let wall = 0;
    const auth = new OvhAuth(sim().credentials, { wall: () => wall, checkTimestamps: false });
    const token = auth.issueToken(sim().credentials.clientId, sim().credentials.clientSecret)!;
    const bearer = {
      method: "GET",
      url: "/1.0/dedicated/server",
      path: "/1.0/dedicated/server",
      query: {},
      body: "",
      headers: { authorization: `Bearer ${token}` },
    };
    wall = 3598_999;
    expect(auth.authenticate(bearer)).toBeUndefined();
    wall = 3599_000;
    expect(auth.authenticate(bearer)).toEqual({ status: 401, body: { class: "Client::Unauthorized", message: "Invalid token" } });
  });
});
