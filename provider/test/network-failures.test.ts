import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { EDIS_ROUTES, ensureCertificates, startEdisSimulator, startOvhSimulator, type Certificates } from "pulumi-reinstall-simulator";
import { VirtualClock } from "../src/clock";
import { defaultConnectTimeoutMs } from "../src/connect-deadline";
import { EdisClient } from "../src/edis/client";
import { EdisApi } from "../src/edis/api";
import { edisCredentialKey, resolveEdisConfig } from "../src/edis/config";
import { EdisSessions } from "../src/edis/sessions";
import { mayHaveHappened } from "../src/errors";
import { dedicatedServerInstallProvider } from "../src/ovh/dedicated-server-install/provider";
import { OvhApi } from "../src/ovh/api";
import { OvhClient } from "../src/ovh/client";
import { resolveOvhConfig } from "../src/ovh/config";
import { retryPolicies } from "../src/retry";
import { RequestScheduler } from "../src/scheduler";
import { EDGE1, closedPort } from "./support/edis";
import { hosted } from "./support/host";
import { failureOf } from "./support/failure-of";
import { SCALE7, applicationKeyEnv } from "./support/ovh";
import { stallingHost } from "./support/stalling-host";

/**
 * Each cause of a failed connection, through the real clients: what the error says (host, cause, fix) and how many
 * attempts the retry policy made, counted by the scheduler that grants each attempt (no time is measured).
 */
const clock = new VirtualClock();
const scheduler = new RequestScheduler(clock, { perMinute: 6_000 });
const noConfig = () => undefined;
const application = { OVH_APPLICATION_KEY: "ak", OVH_APPLICATION_SECRET: "as", OVH_CONSUMER_KEY: "ck" };

/** A client as `configure()` makes one, from the environment given (and no ovh.conf). */
function ovhApi(endpoint: string, credentials: NodeJS.ProcessEnv = application, connectTimeoutMs = defaultConnectTimeoutMs) {
  const config = resolveOvhConfig(noConfig, { OVH_ENDPOINT: endpoint, ...credentials }, []);
  const client = new OvhClient(config, { scheduler, requestTimeoutMs: 3_000, connectTimeoutMs, env: {} });
  const before = scheduler.granted(client.credential);
  return { api: new OvhApi(client, clock), attempts: () => scheduler.granted(client.credential) - before };
}

function edisApi(env: { email: string; password: string; sessionUrl: string }, connectTimeoutMs = defaultConnectTimeoutMs) {
  const config = resolveEdisConfig(noConfig, { EDIS_EMAIL: env.email, EDIS_PASSWORD: env.password, EDIS_SESSION_URL: env.sessionUrl });
  const key = edisCredentialKey(config);
  const client = new EdisClient(key, { scheduler, clock, requestTimeoutMs: 3_000, connectTimeoutMs, env: {} });
  const before = scheduler.granted(key);
  return { api: new EdisApi(client, new EdisSessions(client, config, clock), clock), attempts: () => scheduler.granted(key) - before };
}

/** Certificates from a CA of their own, which this process does not trust: a simulator run without its CA in NODE_EXTRA_CA_CERTS. */
let untrusted: Certificates;
beforeAll(() => {
  untrusted = ensureCertificates(fs.mkdtempSync(path.join(os.tmpdir(), "untrusted-sim-")));
});
afterAll(() => fs.rmSync(untrusted.dir, { recursive: true, force: true }));

describe("a connection that fails on first contact fails at once, saying which host, why, and the fix", () => {
  it("a refused port: the simulator is not running", async () => {
    const port = await closedPort();
    const { api, attempts } = ovhApi(`https://127.0.0.1:${port}/1.0`);
    const error = await failureOf(api.server(SCALE7));
    expect(error).toMatchObject({ code: "NETWORK_ERROR", network: { code: "ECONNREFUSED", host: `127.0.0.1:${port}`, firstContact: true } });
    expect(error.message).toContain(`127.0.0.1:${port} refused the connection (ECONNREFUSED`);
    expect(error.message).toMatch(/next: is reinstall-sim running, on this port\?/);
    expect(attempts()).toBe(1);
  });

  it("a name that does not resolve", async () => {
    const { api, attempts } = ovhApi("https://ovh-api.invalid/1.0");
    const error = await failureOf(api.server(SCALE7));
    expect(error).toMatchObject({ code: "NETWORK_ERROR", network: { code: "ENOTFOUND", host: "ovh-api.invalid:443" } });
    expect(error.message).toContain("the host name ovh-api.invalid does not resolve (ENOTFOUND");
    expect(error.message).toMatch(/next: check the host name in ovh:endpoint \/ OVH_ENDPOINT; .*HTTPS_PROXY/);
    expect(attempts()).toBe(1);
  });

  it.each([
    ["an application key", application],
    ["OAuth2", undefined],
  ])("a certificate from a CA this process does not trust (OVH, %s): the cause, not node-ovh's sentence, and the CA to set", async (_what, credentials) => {
    const sim = await startOvhSimulator({ certs: untrusted, now: () => clock.now() });
    try {
      const { api, attempts } = ovhApi(
        sim.endpoint,
        credentials ?? { OVH_CLIENT_ID: sim.credentials.clientId, OVH_CLIENT_SECRET: sim.credentials.clientSecret },
      );
      const error = await failureOf(api.server(SCALE7));
      expect(error).toMatchObject({ code: "NETWORK_ERROR", network: { code: "UNABLE_TO_VERIFY_LEAF_SIGNATURE" } });
      expect(error.message).toContain(
        `the certificate of ${new URL(sim.endpoint).host} is not trusted (UNABLE_TO_VERIFY_LEAF_SIGNATURE); the request was not sent`,
      );
      expect(error.message).toMatch(/next: set NODE_EXTRA_CA_CERTS in the environment of pulumi .*`reinstall-sim certs`/);
      expect(attempts()).toBe(1);
      expect(sim.count()).toBe(0);
    } finally {
      await sim.close();
    }
  });

  it("the same at preview: check fails on the first look-up, attributed to the resource", async () => {
    const sim = await startOvhSimulator({ certs: untrusted, now: () => clock.now() });
    try {
      const host = await hosted(dedicatedServerInstallProvider, clock, { OVH_ENDPOINT: sim.endpoint, ...applicationKeyEnv(sim) });
      const error = await failureOf(host.provider.check({}, { serviceName: SCALE7, templateName: "debian12_64" }));
      expect(error.message).toMatch(new RegExp(`^DedicatedServerInstall ${SCALE7.replace(/\./g, "\\.")}: the certificate of \\S+ is not trusted`));
      expect(error.message).toContain("NODE_EXTRA_CA_CERTS");
      expect(sim.count()).toBe(0);
    } finally {
      await sim.close();
    }
  });

  it("EDIS: a refused session host and an untrusted certificate, each tried once", async () => {
    const refused = edisApi({ email: "ops@example.com", password: "pw", sessionUrl: `https://127.0.0.1:${await closedPort()}` });
    expect(await failureOf(refused.api.images(EDGE1))).toMatchObject({ code: "NETWORK_ERROR", network: { code: "ECONNREFUSED", firstContact: true } });
    expect(refused.attempts()).toBe(1);

    const sim = await startEdisSimulator({ certs: untrusted, now: () => clock.now() });
    try {
      const { api, attempts } = edisApi({ ...sim.credentials, sessionUrl: sim.sessionUrl });
      const error = await failureOf(api.images(EDGE1));
      expect(error).toMatchObject({ code: "NETWORK_ERROR", network: { code: "UNABLE_TO_VERIFY_LEAF_SIGNATURE" } });
      expect(error.message).toMatch(/not trusted[\s\S]*next: set NODE_EXTRA_CA_CERTS/);
      expect(attempts()).toBe(1);
      expect(sim.count()).toBe(0);
    } finally {
      await sim.close();
    }
  });
});

describe("once the host has answered, the same failures are an outage, retried as the policy says", () => {
  it("OVH: a look-up after the API went away is retried read.retries times; a task poll, taskPoll.retries times", async () => {
    const sim = await startOvhSimulator({ now: () => clock.now() });
    const { api, attempts } = ovhApi(sim.endpoint, applicationKeyEnv(sim));
    await api.server(SCALE7).finally(() => sim.close());

    const lookup = await failureOf(api.server(SCALE7));
    expect(lookup).toMatchObject({ code: "NETWORK_ERROR", network: { firstContact: false } });
    expect(attempts()).toBe(1 + 1 + retryPolicies.read.retries);

    await failureOf(api.installTaskIds(SCALE7));
    expect(attempts()).toBe(2 + retryPolicies.read.retries + 1 + retryPolicies.taskPoll.retries);
  });

  it("a task poll on first contact rides out a refused connection (a resumed wait during an outage), not an unknown name", async () => {
    const refused = ovhApi(`https://127.0.0.1:${await closedPort()}/1.0`);
    await failureOf(refused.api.installTaskIds(SCALE7));
    expect(refused.attempts()).toBe(1 + retryPolicies.taskPoll.retries);

    const unknown = ovhApi("https://ovh-api.invalid/1.0");
    await failureOf(unknown.api.installTaskIds(SCALE7));
    expect(unknown.attempts()).toBe(1);
  });

  it("the install POST is never repeated, and a refused connection still counts as one that may have happened", async () => {
    const { api, attempts } = ovhApi(`https://127.0.0.1:${await closedPort()}/1.0`);
    const error = await failureOf(api.post({ path: `/dedicated/server/${SCALE7}/reinstall`, body: { operatingSystem: "debian12_64" } }));
    expect(error).toMatchObject({ code: "NETWORK_ERROR", network: { code: "ECONNREFUSED" } });
    expect(mayHaveHappened(error)).toBe(true);
    expect(attempts()).toBe(1);
  });
});

/**
 * A host that accepts the TCP connection and never completes the TLS handshake (stalling-host.ts): the connect
 * deadline, shortened here through the clients' own option, ends the attempt long before the request timeout.
 */
describe("a host that accepts no connection in time: the connect deadline, not the request timeout", () => {
  const deadline = 300;
  let dark: Awaited<ReturnType<typeof stallingHost>>;
  beforeEach(async () => {
    dark = await stallingHost();
  });
  afterEach(() => dark.close());

  it.each([
    ["an application key", application, ""],
    ["OAuth2", { OVH_CLIENT_ID: "id", OVH_CLIENT_SECRET: "secret" }, ` (getting an OAuth2 token; GET /dedicated/server/${SCALE7} was not sent)`],
  ])("OVH, %s: fails at once on first contact, naming the host, the deadline and the fix", async (_what, credentials, tokenNote) => {
    const { api, attempts } = ovhApi(`https://${dark.host}/1.0`, credentials, deadline);
    const error = await failureOf(api.server(SCALE7));
    expect(error).toMatchObject({
      code: "NETWORK_ERROR",
      network: { code: "ERR_CONNECT_TIMEOUT", host: dark.host, connectTimeoutMs: deadline, firstContact: true },
    });
    expect(error.message).toContain(
      `${dark.host} did not accept a connection within 0.3 s (ERR_CONNECT_TIMEOUT: no TCP connection, or no TLS handshake); the request was not sent${tokenNote}`,
    );
    expect(error.message).toMatch(/next: check the address in ovh:endpoint \/ OVH_ENDPOINT, and that no firewall drops traffic .*HTTPS_PROXY/);
    expect(attempts()).toBe(1);
    expect(dark.stalled()).toBe(1);
  });

  it("EDIS: the session call fails at once, naming the session host", async () => {
    const { api, attempts } = edisApi({ email: "ops@example.com", password: "pw", sessionUrl: `https://${dark.host}` }, deadline);
    const error = await failureOf(api.images(EDGE1));
    expect(error).toMatchObject({ code: "NETWORK_ERROR", network: { code: "ERR_CONNECT_TIMEOUT", host: dark.host, firstContact: true } });
    expect(error.message).toContain(`${dark.host} did not accept a connection within 0.3 s`);
    expect(error.message).toContain("next: check the address in edis:sessionUrl / EDIS_SESSION_URL");
    expect(mayHaveHappened(error)).toBe(false);
    expect(dark.recordTypes()).toEqual([22]);
    expect(attempts()).toBe(1);
    expect(dark.stalled()).toBe(1);
  });

  it("the same at preview: check fails on the first look-up, attributed to the resource", async () => {
    const host = await hosted(
      dedicatedServerInstallProvider,
      clock,
      { OVH_ENDPOINT: `https://${dark.host}/1.0`, ...application },
      {},
      { connectTimeoutMs: deadline },
    );
    const error = await failureOf(host.provider.check({}, { serviceName: SCALE7, templateName: "debian12_64" }));
    expect(error.message).toMatch(
      new RegExp(`^DedicatedServerInstall ${SCALE7.replace(/\./g, "\\.")}: ${dark.host} did not accept a connection within 0\\.3 s`),
    );
    expect(dark.stalled()).toBe(1);
  });

  it("the install POST is not repeated, and counts as not sent: only handshake records reached the host", async () => {
    const { api, attempts } = ovhApi(`https://${dark.host}/1.0`, { OVH_ACCESS_TOKEN: "token" }, deadline);
    const error = await failureOf(api.post({ path: `/dedicated/server/${SCALE7}/reinstall`, body: { operatingSystem: "debian12_64" } }));
    expect(error).toMatchObject({ code: "NETWORK_ERROR", network: { code: "ERR_CONNECT_TIMEOUT" } });
    expect(mayHaveHappened(error)).toBe(false);
    expect(attempts()).toBe(1);
    expect(dark.recordTypes()).toEqual([22]);
  });

  it("a task poll resuming a wait rides it out, as a refused connection: the API that took the install may be down", async () => {
    const { api, attempts } = ovhApi(`https://${dark.host}/1.0`, application, deadline);
    expect(await failureOf(api.installTaskIds(SCALE7))).toMatchObject({ network: { code: "ERR_CONNECT_TIMEOUT", firstContact: true } });
    expect(attempts()).toBe(1 + retryPolicies.taskPoll.retries);
    expect(dark.stalled()).toBe(1 + retryPolicies.taskPoll.retries);
  });

  it("once the host has answered, it is an outage: a look-up is retried read.retries times", async () => {
    const sim = await startOvhSimulator({ now: () => clock.now() });
    const front = await stallingHost(Number(new URL(sim.endpoint).port));
    try {
      // Long enough for a real handshake on a busy machine; only the stalled attempts wait it out.
      const { api, attempts } = ovhApi(`https://${front.host}/1.0`, applicationKeyEnv(sim), 1_000);
      await api.server(SCALE7);
      front.stall();
      const error = await failureOf(api.server(SCALE7));
      expect(error).toMatchObject({ code: "NETWORK_ERROR", network: { code: "ERR_CONNECT_TIMEOUT", firstContact: false } });
      expect(attempts()).toBe(1 + 1 + retryPolicies.read.retries);
    } finally {
      await front.close();
      await sim.close();
    }
  });

  it("a new connection that is ready in time is not cut by the deadline, however long the answer takes", async () => {
    const sim = await startEdisSimulator({ now: () => clock.now() });
    try {
      // As above, long enough for real handshakes on a busy machine; the answer comes twice as late.
      sim.inject({ route: EDIS_ROUTES.auth, kind: "latency", ms: 2_000 });
      const { api } = edisApi({ ...sim.credentials, sessionUrl: sim.sessionUrl }, 1_000);
      await expect(api.images(EDGE1)).resolves.toBeDefined();
      expect(sim.count({ route: EDIS_ROUTES.auth })).toBe(1);
    } finally {
      await sim.close();
    }
  });
});
