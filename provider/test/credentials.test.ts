import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import type { EdisSimulator } from "pulumi-reinstall-simulator";
import { EDGE1, edisFixture } from "./support/edis";
import { failureOf } from "./support/failure-of";
import { ovhFixture, SCALE7, type OvhFixture } from "./support/ovh";
import { throwawaySshKey } from "../../harness/ssh-key";
import { everythingIn, expectNoneOf } from "./support/secrets";
import { OVH_ROUTES } from "pulumi-reinstall-simulator";

/** The simulator's login, as a stack would configure it. */
const EDIS_EMAIL = "sim@edis.example";
const inputs = () => ({ serviceName: SCALE7, templateName: "debian12_64", userMetadata: { sshKey: throwawaySshKey() } });

/** A home directory holding the ~/.ovh.conf given. */
function homeWith(ovhConf: string): string {
  const home = fs.mkdtempSync(path.join(os.tmpdir(), "ovh-home-"));
  fs.writeFileSync(path.join(home, ".ovh.conf"), ovhConf);
  return home;
}

describe("credentials end to end: the real clients against the simulators", () => {
  let f: OvhFixture | undefined;
  afterEach(async () => {
    await f?.close();
    f = undefined;
  });

  it("installs with OVH_ACCESS_TOKEN: bearer calls only, no signature, no clock sync, no token request", async () => {
    f = await ovhFixture({ env: (sim) => ({ OVH_ENDPOINT: sim.endpoint, OVH_ACCESS_TOKEN: sim.credentials.accessToken }) });
    const { outs } = await f.up(inputs());
    expect(outs).toMatchObject({ taskStatus: "done", installedOs: "debian12_64" });
    expect(f.sim.count({ route: OVH_ROUTES.reinstall, credential: "access-token" })).toBe(1);
    expect(f.sim.count({ credential: "access-token" })).toBe(f.sim.journal.length);
    expect(f.sim.count({ route: OVH_ROUTES.authTime }) + f.sim.count({ route: OVH_ROUTES.oauth2Token })).toBe(0);
  });

  it("an access token that expires during the wait: the wait stops naming the token, the started install stays in state, and nothing is re-sent", async () => {
    f = await ovhFixture({ env: (sim) => ({ OVH_ENDPOINT: sim.endpoint, OVH_ACCESS_TOKEN: sim.credentials.accessToken }) });
    f.sim.inject({ route: OVH_ROUTES.task, kind: "status", status: 401, body: { message: "This access token is expired" }, skip: 2 });
    const error = await failureOf(f.up(inputs()));
    expect(error).toMatchObject({ code: "OVH_API_ERROR", id: SCALE7, api: { status: 401 } });
    expect(error.message).toMatch(/OVH refused OVH_ACCESS_TOKEN \(environment\): the token is invalid or expired/);
    expect(error.properties).toMatchObject({ taskId: expect.any(Number) });
    expectNoneOf({ token: f.sim.credentials.accessToken }, everythingIn(error));
    expect(f.installPosts()).toBe(1);
    expect(f.sim.count({ route: OVH_ROUTES.oauth2Token })).toBe(0);
  });

  it("a wrong access token in stack config fails at check, naming ovh:accessToken and its source, not the token", async () => {
    const token = "a-token-ovh-never-issued";
    f = await ovhFixture({ env: (sim) => ({ OVH_ENDPOINT: sim.endpoint }), stackConfig: { "ovh:accessToken": token } });
    const error = await failureOf(f.provider.check({}, inputs()));
    expect(error).toMatchObject({ code: "OVH_API_ERROR", refused: true });
    expect(error.message).toMatch(
      /OVH refused ovh:accessToken \(stack config\): the token is invalid or expired\n[\s\S]*API said: HTTP 401[\s\S]*next: set ovh:accessToken \(stack config\) to a valid access token/,
    );
    expectNoneOf({ token }, everythingIn(error));
    expect(f.installPosts()).toBe(0);
  });

  it("mixes stack config and environment field by field: a wrong secret from the stack is named with its source", async () => {
    const secret = "not-the-application-secret";
    f = await ovhFixture({
      env: (sim) => ({ OVH_ENDPOINT: sim.endpoint, OVH_APPLICATION_KEY: sim.credentials.applicationKey, OVH_CONSUMER_KEY: sim.credentials.consumerKey }),
      stackConfig: { "ovh:applicationSecret": secret },
    });
    const error = await failureOf(f.provider.check({}, inputs()));
    expect(error).toMatchObject({ code: "OVH_API_ERROR", refused: true });
    expect(error.message).toMatch(/OVH refused ovh:applicationSecret \(stack config\): the request signature made with it is invalid/);
    expect(error.message).toMatch(
      /API said: HTTP 400 INVALID_SIGNATURE "Invalid signature"\n {2}next: set ovh:applicationSecret \(stack config\) to the application secret issued with the application key/,
    );
    expectNoneOf({ secret }, everythingIn(error));
  });

  it("the same mix with the right secret installs", async () => {
    f = await ovhFixture({
      env: (sim) => ({ OVH_ENDPOINT: sim.endpoint, OVH_APPLICATION_SECRET: sim.credentials.applicationSecret, OVH_CONSUMER_KEY: sim.credentials.consumerKey }),
      stackConfig: { "ovh:applicationKey": "simAppKey0000001" },
    });
    expect((await f.up(inputs())).outs).toMatchObject({ taskStatus: "done" });
    expect(f.sim.count({ route: OVH_ROUTES.reinstall, credential: "simAppKey0000001" })).toBe(1);
  });

  it("reads the endpoint and credentials from ~/.ovh.conf, HOME as the provider process sees it", async () => {
    let home = "";
    f = await ovhFixture({
      env: (sim) => {
        const c = sim.credentials;
        home = homeWith(
          `[default]\nendpoint = ${sim.endpoint}\n\n[${sim.endpoint}]\napplication_key = ${c.applicationKey}\napplication_secret = ${c.applicationSecret}\nconsumer_key = ${c.consumerKey}\n`,
        );
        return { HOME: home };
      },
    });
    expect((await f.up(inputs())).outs).toMatchObject({ taskStatus: "done" });
    expect(f.sim.count({ route: OVH_ROUTES.reinstall, credential: f.sim.credentials.applicationKey })).toBe(1);
  });

  it("names a consumer key OVH does not know by the file and section it came from", async () => {
    let home = "";
    f = await ovhFixture({
      env: (sim) => {
        home = homeWith(`[${sim.endpoint}]\nconsumer_key = revoked-consumer-key\n`);
        return {
          HOME: home,
          OVH_ENDPOINT: sim.endpoint,
          OVH_APPLICATION_KEY: sim.credentials.applicationKey,
          OVH_APPLICATION_SECRET: sim.credentials.applicationSecret,
        };
      },
    });
    const error = await failureOf(f.provider.check({}, inputs()));
    expect(error.message).toContain(`OVH refused consumer_key (${home}/.ovh.conf [${f.sim.endpoint}]): this consumer key does not exist, expired, was revoked`);
    expect(error.message).toMatch(/API said: HTTP 403 INVALID_CREDENTIAL "This credential is not valid"/);
    expectNoneOf({ consumerKey: "revoked-consumer-key", secret: f.sim.credentials.applicationSecret }, everythingIn(error));
  });

  it("a service account OVH refuses at its token endpoint is named by the sources of its id and secret", async () => {
    const secret = "not-the-client-secret";
    f = await ovhFixture({ env: (sim) => ({ OVH_ENDPOINT: sim.endpoint, OVH_CLIENT_SECRET: secret }), stackConfig: { "ovh:clientId": "EU.sim0client0001" } });
    const error = await failureOf(f.provider.check({}, inputs()));
    expect(error).toMatchObject({ code: "OVH_API_ERROR", refused: true });
    expect(error.message).toMatch(
      /OVH refused the OAuth2 client credentials ovh:clientId \(stack config\), OVH_CLIENT_SECRET \(environment\)\n {2}call: POST \/auth\/oauth2\/token/,
    );
    expectNoneOf({ secret }, everythingIn(error));
  });

  it("an install refused for the consumer key's access rules says so, naming where the key came from", async () => {
    f = await ovhFixture();
    f.sim.inject({
      route: OVH_ROUTES.reinstall,
      kind: "status",
      status: 403,
      body: { errorCode: "NOT_GRANTED_CALL", httpCode: "403 Forbidden", message: "This call has not been granted" },
    });
    const error = await failureOf(f.up(inputs()));
    expect(error.message).toMatch(
      /OVH refused the install request; nothing was started[\s\S]*HTTP 403 NOT_GRANTED_CALL "This call has not been granted"\n {2}next: create a consumer key whose access rules allow GET and POST on \/dedicated\/server\/\*, and set OVH_CONSUMER_KEY \(environment\) to it/,
    );
  });
});

describe("EDIS credentials end to end", () => {
  it("takes the email from the stack and the password from the environment, and names both when EDIS refuses them", async () => {
    const mixed = (password: (sim: EdisSimulator) => string) =>
      edisFixture({ env: (sim) => ({ EDIS_SESSION_URL: sim.sessionUrl, EDIS_PASSWORD: password(sim) }), stackConfig: { "edis:email": EDIS_EMAIL } });
    const good = await mixed((sim) => sim.credentials.password);
    try {
      await good.up(good.inputs());
      expect(good.reinstalls()).toBe(1);
    } finally {
      await good.close();
    }
    const bad = await mixed(() => "not-the-edis-password");
    try {
      const error = await failureOf(bad.provider.check({}, bad.inputs(EDGE1)));
      expect(error).toMatchObject({ code: "CONFIG_ERROR" });
      expect(error.message).toMatch(/EDIS refused the login of edis:email \(stack config\) and EDIS_PASSWORD \(environment\)/);
      expectNoneOf({ password: "not-the-edis-password" }, everythingIn(error));
    } finally {
      await bad.close();
    }
  });
});
