import { OVH_ROUTES, startOvhSimulator, type JournalEntry, type OvhSimOptions, type OvhSimulator } from "pulumi-reinstall-simulator";
import { VirtualClock } from "../src/clock";
import { defaultConnectTimeoutMs } from "../src/connect-deadline";
import { OvhApi } from "../src/ovh/api";
import { OvhClient } from "../src/ovh/client";
import { resolveOvhConfig } from "../src/ovh/config";
import { RequestScheduler } from "../src/scheduler";
import { throwawaySshKey } from "../../harness/ssh-key";
import { ADVANCE1, SCALE7, ovhFixture } from "./support/ovh";

/**
 * The scheduler with the real client (node-ovh over HTTPS) against the simulator's rate limit, in virtual time: the
 * simulator's journal, stamped on the same clock, shows when each request arrived and what it was answered.
 */
let sim: OvhSimulator | undefined;
afterEach(() => sim?.close());

async function setUp(simOptions: OvhSimOptions, stackConfig: Record<string, string> = {}, env: NodeJS.ProcessEnv = {}) {
  const clock = new VirtualClock();
  sim = await startOvhSimulator({ ...simOptions, now: () => clock.now() });
  const c = sim.credentials;
  const config = resolveOvhConfig(
    (key) => stackConfig[key],
    { OVH_ENDPOINT: sim.endpoint, OVH_APPLICATION_KEY: c.applicationKey, OVH_APPLICATION_SECRET: c.applicationSecret, OVH_CONSUMER_KEY: c.consumerKey, ...env },
    [],
  );
  const scheduler = new RequestScheduler(clock);
  const client = new OvhClient(config, { scheduler, requestTimeoutMs: 3_000, connectTimeoutMs: defaultConnectTimeoutMs, env: {} });
  const api = (owner: string, onRetry?: () => void) => new OvhApi(client, clock, onRetry, owner);
  return { clock, sim, api, start: clock.now() };
}

/** The requests the rate limit counts (node-ovh's /auth/time carries no consumer key). */
const counted = (s: OvhSimulator): JournalEntry[] => s.journal.filter((e) => e.route !== OVH_ROUTES.authTime);

function peakInAnyMinute(entries: readonly JournalEntry[]): number {
  return Math.max(...entries.map((e) => entries.filter((other) => other.at >= e.at && other.at < e.at + 60_000).length));
}

describe("one budget per credential, through the real client", () => {
  it("150 reads of two resources at once against OVH's 60 a minute: never more than 60 in any 60 s, none throttled", async () => {
    const { sim, api } = await setUp({ requestsPerMinute: 60 });
    const [a, b] = [api("A"), api("B")];
    await Promise.all(Array.from({ length: 75 }, () => [a.server(SCALE7), b.server(ADVANCE1)]).flat());
    expect(counted(sim)).toHaveLength(150);
    expect(sim.journal.filter((e) => e.status === 429)).toHaveLength(0);
    expect(peakInAnyMinute(counted(sim))).toBe(60);
  });

  it("a task read (critical) overtakes the queued look-ups; a progress read is skipped while they wait, and not counted", async () => {
    const { sim, api } = await setUp({ requestsPerMinute: 60, installSeconds: 660 });
    const taskId = sim.startInstall(SCALE7, "debian12_64");
    const lookups = api("A");
    const waiting = Array.from({ length: 70 }, () => lookups.server(ADVANCE1));
    const install = api("B");
    const task = install.task(SCALE7, taskId);
    await expect(install.installStatus(SCALE7)).rejects.toMatchObject({ code: "SKIPPED" });
    await Promise.all([...waiting, task]);
    const order = counted(sim).map((e) => e.route);
    expect(order.indexOf(OVH_ROUTES.task)).toBe(60);
    expect(order).not.toContain(OVH_ROUTES.installStatus);
    expect(install.calls).toBe(1);
  });

  it("a progress read goes while the window has room, and is skipped once it is nearly full, never delaying a task read", async () => {
    const { sim, api, clock, start } = await setUp({ requestsPerMinute: 60, installSeconds: 660 });
    const taskId = sim.startInstall(SCALE7, "debian12_64");
    const install = api("B");
    await install.installStatus(SCALE7);
    expect(sim.count({ route: OVH_ROUTES.installStatus })).toBe(1);
    await Promise.all(Array.from({ length: 49 }, () => api("A").server(ADVANCE1)));
    await expect(install.installStatus(SCALE7)).rejects.toMatchObject({ code: "SKIPPED" });
    expect(await install.task(SCALE7, taskId)).toMatchObject({ taskId });
    expect(clock.now()).toBe(start);
    expect(sim.count({ route: OVH_ROUTES.installStatus })).toBe(1);
    expect(install.calls).toBe(2);
  });

  it("owners take turns: a resource that asks later is served within the next minute, not after another's backlog", async () => {
    const { sim, api } = await setUp({ requestsPerMinute: 60 });
    const backlog = Array.from({ length: 100 }, () => api("A").server(SCALE7));
    const later = Array.from({ length: 5 }, () => api("B").server(ADVANCE1));
    await Promise.all([...backlog, ...later]);
    const paths = counted(sim).map((e) => e.path);
    const lastOfB = paths.lastIndexOf(`/1.0/dedicated/server/${ADVANCE1}`);
    expect(lastOfB).toBeGreaterThanOrEqual(60);
    expect(lastOfB).toBeLessThan(70);
  });
});

describe("a 429 slows every resource of the credential", () => {
  /**
   * The simulator allows 10 a minute, the client assumes the default 60: A's 11th read is throttled, and B's read,
   * started right after, must wait out the pause too. A's read is retried (reads retry 429) and both succeed.
   */
  async function throttledOnce(simOptions: OvhSimOptions) {
    let started: Promise<unknown> | undefined;
    const { sim, api, start } = await setUp({ requestsPerMinute: 10, ...simOptions });
    const a = api("A", () => (started ??= api("B").server(ADVANCE1)));
    await Promise.all(Array.from({ length: 10 }, () => a.server(SCALE7)));
    const read = a.server(SCALE7);
    await expect(read).resolves.toMatchObject({ name: SCALE7 });
    await expect(started).resolves.toMatchObject({ name: ADVANCE1 });
    const firstThrottled = counted(sim).find((e) => e.status === 429)!;
    expect(firstThrottled.at).toBe(start);
    const afterIt = counted(sim).slice(counted(sim).indexOf(firstThrottled) + 1);
    return { afterIt, start, sim };
  }

  it("with Retry-After (an option of the simulator; OVH documents none): nothing is sent before it", async () => {
    const { afterIt, start } = await throttledOnce({ retryAfter: true });
    expect(afterIt.map((e) => [e.path, e.at - start, e.status])).toEqual(
      expect.arrayContaining([
        [`/1.0/dedicated/server/${SCALE7}`, 60_000, 200],
        [`/1.0/dedicated/server/${ADVANCE1}`, 60_000, 200],
      ]),
    );
    expect(afterIt).toHaveLength(2);
  });

  it("without Retry-After: a pause of 5 s for every resource, doubled for each 429 after one, until the window has room", async () => {
    const { afterIt, start } = await throttledOnce({});
    // A and B go together after each pause; the simulator's window has room again 60 s after the first ten.
    expect(afterIt.map((e) => [e.at - start, e.status])).toEqual(
      [5_000, 5_000, 15_000, 15_000, 35_000, 35_000, 75_000, 75_000].map((at) => [at, at < 60_000 ? 429 : 200]),
    );
  });
});

describe("ovh:requestsPerMinute", () => {
  it("sets the credential's budget, from stack config before the environment", async () => {
    const { sim, api, start } = await setUp({}, { "ovh:requestsPerMinute": "10" }, { OVH_REQUESTS_PER_MINUTE: "50" });
    await Promise.all(Array.from({ length: 15 }, () => api("A").server(SCALE7)));
    const at = counted(sim).map((e) => e.at - start);
    expect(at.filter((t) => t < 60_000)).toHaveLength(10);
    expect(peakInAnyMinute(counted(sim))).toBe(10);
  });

  it.each([
    ["stack config", { "ovh:requestsPerMinute": "0" }, {}, "ovh:requestsPerMinute (stack config)"],
    ["stack config", { "ovh:requestsPerMinute": "6001" }, {}, "ovh:requestsPerMinute (stack config)"],
    ["environment", {}, { OVH_REQUESTS_PER_MINUTE: "1.5" }, "OVH_REQUESTS_PER_MINUTE (environment)"],
    ["environment", {}, { OVH_REQUESTS_PER_MINUTE: "sixty" }, "OVH_REQUESTS_PER_MINUTE (environment)"],
  ])("a bad value from %s fails naming where it was set", (_from, stack: Record<string, string>, env: NodeJS.ProcessEnv, source) => {
    const resolve = () => resolveOvhConfig((key) => stack[key], { OVH_ENDPOINT: "ovh-eu", OVH_ACCESS_TOKEN: "token", ...env }, []);
    expect(resolve).toThrow(expect.objectContaining({ code: "CONFIG_ERROR" }));
    expect(resolve).toThrow(`${source} must be a whole number of requests per minute from 1 to 6000`);
    expect(resolve).toThrow("next: set ovh:requestsPerMinute / OVH_REQUESTS_PER_MINUTE");
  });

  it("an install by the provider, configured to the key's lower limit, meets no 429", async () => {
    const ovh = await ovhFixture({ requestsPerMinute: 6, stackConfig: { "ovh:requestsPerMinute": "6" } });
    try {
      const { outs } = await ovh.up({ serviceName: SCALE7, templateName: "debian12_64", userMetadata: { sshKey: throwawaySshKey() } });
      expect(outs).toMatchObject({ taskStatus: "done" });
      expect(ovh.sim.journal.filter((e) => e.status === 429)).toHaveLength(0);
      expect(peakInAnyMinute(counted(ovh.sim))).toBeLessThanOrEqual(6);
    } finally {
      await ovh.close();
    }
  });
});
