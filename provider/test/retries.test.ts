import { EDIS_ROUTES, OVH_ROUTES, startOvhSimulator } from "pulumi-reinstall-simulator";
import { VirtualClock } from "../src/clock";
import { defaultConnectTimeoutMs } from "../src/connect-deadline";
import { ReinstallError } from "../src/errors";
import { OvhApi } from "../src/ovh/api";
import { OvhClient } from "../src/ovh/client";
import { resolveOvhConfig } from "../src/ovh/config";
import { retryProgress } from "../src/retry-progress";
import { backoffMs, retryPolicies, withRetry, type RetryNotice, type RetryPolicy } from "../src/retry";
import { RequestScheduler } from "../src/scheduler";
import type { ProgressEvent } from "../src/progress";
import { EDGE1, edisFixture, type EdisFixture } from "./support/edis";
import { failureOf } from "./support/failure-of";
import { SCALE7, ovhFixture, type OvhFixture } from "./support/ovh";
import { throwawaySshKey } from "../../harness/ssh-key";

const apiError = (status: number) =>
  new ReinstallError("OVH_API_ERROR", "OVH answered HTTP " + status, { call: "GET /dedicated/server/ns1.eu", api: { status } });
const failing = (status: number) => () => Promise.reject(apiError(status));
const policies: [string, RetryPolicy][] = [
  ["read", retryPolicies.read],
  ["taskPoll", retryPolicies.taskPoll],
];

describe("backoff jitter (equal jitter, drawn from the clock's source)", () => {
  it.each(policies)("%s: every backoff lies between half the capped exponential delay and all of it, never past maxDelayMs", (_name, policy) => {
    for (let retry = 0; retry < policy.retries; retry++) {
      const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** retry);
      expect(backoffMs(policy, retry)).toBe(ceiling);
      expect(backoffMs(policy, retry, () => 0)).toBe(ceiling / 2);
      expect(backoffMs(policy, retry, () => 1)).toBe(ceiling);
      expect(backoffMs(policy, retry, () => 0.5)).toBe((ceiling * 3) / 4);
      // A source that strays out of [0, 1] cannot take the wait out of bounds.
      expect([backoffMs(policy, retry, () => -3), backoffMs(policy, retry, () => 7)]).toEqual([ceiling / 2, ceiling]);
    }
  });

  it("withRetry sleeps the jittered backoffs and tells each retry, with its number out of the policy's", async () => {
    const draws = [0, 0.5, 1];
    const clock = new VirtualClock(0, () => draws.shift()!);
    const notices: RetryNotice[] = [];
    let calls = 0;
    const result = await withRetry(
      retryPolicies.taskPoll,
      clock,
      async () => {
        calls += 1;
        if (calls <= 3) throw apiError(503);
        return "ok";
      },
      { onRetry: (n) => notices.push(n) },
    );
    expect(result).toBe("ok");
    expect(notices.map(({ attempt, retries, delayMs }) => ({ attempt, retries, delayMs }))).toEqual([
      { attempt: 1, retries: 10, delayMs: 2_500 },
      { attempt: 2, retries: 10, delayMs: 7_500 },
      { attempt: 3, retries: 10, delayMs: 20_000 },
    ]);
    expect(clock.now()).toBe(2_500 + 7_500 + 20_000);
  });

  it("whether a retry happens does not depend on the draw: it is given up on when the full backoff would pass the deadline", async () => {
    for (const random of [undefined, () => 0]) {
      const clock = new VirtualClock(0, random);
      let calls = 0;
      const error = await failureOf(withRetry(retryPolicies.taskPoll, clock, () => ((calls += 1), failing(500)()), { deadline: 12_000 }));
      expect(calls).toBe(2);
      expect(error).toMatchObject({ attempts: 2 });
    }
  });

  it("an attempt whose full backoff ends exactly at the deadline still starts: the deadline is the last moment one may", async () => {
    for (const random of [undefined, () => 0]) {
      const clock = new VirtualClock(0, random);
      const starts: number[] = [];
      const deadline = backoffMs(retryPolicies.taskPoll, 0);
      const error = await failureOf(withRetry(retryPolicies.taskPoll, clock, () => (starts.push(clock.now()), failing(500)()), { deadline }));
      expect(starts).toEqual([0, backoffMs(retryPolicies.taskPoll, 0, random)]);
      expect(error).toMatchObject({ attempts: 2 });
    }
  });
});

describe("the final error of a retried call counts its attempts", () => {
  it("on the call's line, and only when the call was retried", async () => {
    const clock = new VirtualClock(0);
    const exhausted = await failureOf(withRetry(retryPolicies.read, clock, failing(500)));
    expect(exhausted).toMatchObject({
      code: "OVH_API_ERROR",
      attempts: 1 + retryPolicies.read.retries,
      api: { status: 500 },
      call: "GET /dedicated/server/ns1.eu",
    });
    expect(exhausted.message).toMatch(/^OVH answered HTTP 500\n {2}call: GET \/dedicated\/server\/ns1\.eu, after 6 attempts\n {2}API said: HTTP 500$/);
    // Named with its resource later, it keeps the count.
    expect((exhausted as ReinstallError).forResource("DedicatedServerInstall ns1.eu").message).toContain(
      "call: GET /dedicated/server/ns1.eu, after 6 attempts",
    );

    const once = await failureOf(withRetry(retryPolicies.read, clock, failing(404)));
    expect(once).toMatchObject({ attempts: undefined });
    expect(once.message).not.toContain("attempts");

    let calls = 0;
    const thenRefused = await failureOf(withRetry(retryPolicies.read, clock, () => failing(++calls < 3 ? 502 : 400)()));
    expect(thenRefused).toMatchObject({ api: { status: 400 }, attempts: 3 });
  });
});

/** The line a retry shows, as the engine's Log service and stderr get it. */
const retryLines = (events: ProgressEvent[]) => events.filter((e) => /, retry \d+\/\d+ in \d+ s$/.test(e.message));

describe("retries show as progress lines, against the simulators", () => {
  let ovh: OvhFixture | undefined;
  let edis: EdisFixture | undefined;
  afterEach(async () => {
    await ovh?.close();
    await edis?.close();
    ovh = edis = undefined;
  });

  it("OVH: task polls answered 500 show beside the resource, naming the call and the wait; the install completes", async () => {
    ovh = await ovhFixture();
    ovh.sim.inject({ route: OVH_ROUTES.task, kind: "status", status: 500, times: 2 });
    const urn = "urn:pulumi:dev::p::pulumi-nodejs:dynamic/ovh:DedicatedServerInstall::web-1";
    const { outs } = await ovh.up({ serviceName: SCALE7, templateName: "debian12_64", userMetadata: { sshKey: throwawaySshKey() }, __urn: urn });
    expect(outs).toMatchObject({ taskStatus: "done" });
    const taskId = String(outs.taskId);
    expect(retryLines(ovh.events)).toEqual([
      {
        resource: `DedicatedServerInstall ${SCALE7}`,
        urn,
        message: `GET /dedicated/server/${SCALE7}/task/${taskId}: HTTP 500, retry 1/10 in 5 s`,
        elapsedSeconds: 0,
      },
      {
        resource: `DedicatedServerInstall ${SCALE7}`,
        urn,
        message: `GET /dedicated/server/${SCALE7}/task/${taskId}: HTTP 500, retry 2/10 in 10 s`,
        elapsedSeconds: 0,
      },
    ]);
  });

  /** An OVH API client as the provider makes one, against a simulator of its own, its retries recorded as progress. */
  async function ovhApi() {
    const clock = new VirtualClock();
    const sim = await startOvhSimulator({ now: () => clock.now() });
    const c = sim.credentials;
    const config = resolveOvhConfig(
      () => undefined,
      { OVH_ENDPOINT: sim.endpoint, OVH_APPLICATION_KEY: c.applicationKey, OVH_APPLICATION_SECRET: c.applicationSecret, OVH_CONSUMER_KEY: c.consumerKey },
      [],
    );
    const client = new OvhClient(config, {
      scheduler: new RequestScheduler(clock, { perMinute: 6_000 }),
      requestTimeoutMs: 3_000,
      connectTimeoutMs: defaultConnectTimeoutMs,
      env: {},
    });
    const events: ProgressEvent[] = [];
    return {
      sim,
      events,
      api: new OvhApi(
        client,
        clock,
        retryProgress((e) => events.push(e), "OVH API"),
      ),
    };
  }

  it("OVH: a read that keeps failing shows each retry and fails after 1 + read.retries attempts, saying so", async () => {
    const { sim, events, api } = await ovhApi();
    try {
      await api.server(SCALE7);
      sim.inject({ route: OVH_ROUTES.server, kind: "reset", times: 1 });
      sim.inject({ route: OVH_ROUTES.server, kind: "status", status: 503, times: 1_000 });
      const error = await failureOf(api.server(SCALE7));
      const attempts = 1 + retryPolicies.read.retries;
      expect(error).toMatchObject({ code: "OVH_API_ERROR", api: { status: 503 }, attempts });
      expect(error.message).toContain(`call: GET /dedicated/server/${SCALE7}, after ${attempts} attempts`);
      expect(sim.count({ route: OVH_ROUTES.server })).toBe(1 + attempts);
      const call = `GET /dedicated/server/${SCALE7}`;
      expect(events.map((e) => e.message)).toEqual([
        `${call}: ECONNRESET, retry 1/5 in 2 s`,
        `${call}: HTTP 503, retry 2/5 in 4 s`,
        `${call}: HTTP 503, retry 3/5 in 8 s`,
        `${call}: HTTP 503, retry 4/5 in 16 s`,
        `${call}: HTTP 503, retry 5/5 in 30 s`,
      ]);
    } finally {
      await sim.close();
    }
  });

  it("OVH: a request left unanswered past the request timeout shows as such, and the retry gets the answer", async () => {
    const { sim, events, api } = await ovhApi();
    try {
      sim.inject({ route: OVH_ROUTES.server, kind: "hang", times: 1 });
      await expect(api.server(SCALE7)).resolves.toMatchObject({ name: SCALE7 });
      expect(events.map((e) => e.message)).toEqual([`GET /dedicated/server/${SCALE7}: no answer within 3000 ms, retry 1/5 in 2 s`]);
    } finally {
      await sim.close();
    }
  });

  it("EDIS: get/power answered 503 during the wait shows beside the VPS, without the form's secrets; the reinstall completes", async () => {
    edis = await edisFixture();
    edis.sim.inject({ route: EDIS_ROUTES.power, kind: "status", status: 503, times: 2 });
    const { outs } = await edis.up(edis.inputs(EDGE1));
    expect(outs).toMatchObject({ readyAt: expect.any(String) });
    const lines = retryLines(edis.events);
    expect(lines.map((e) => e.message)).toEqual([
      expect.stringMatching(/^POST 127\.0\.0\.1:\d+\/kvm\/v2\/get\/power: HTTP 503, retry 1\/5 in 2 s$/),
      expect.stringMatching(/^POST 127\.0\.0\.1:\d+\/kvm\/v2\/get\/power: HTTP 503, retry 2\/5 in 4 s$/),
    ]);
    expect(lines.every((e) => e.resource === `KvmReinstall ${EDGE1}`)).toBe(true);
    expect(JSON.stringify(lines)).not.toMatch(/signature|Rt\+&=9/);
  });

  it("EDIS: a login answered 503 shows as the EDIS API's, without the account's password; the login then succeeds and the reinstall completes", async () => {
    edis = await edisFixture();
    edis.sim.inject({ route: EDIS_ROUTES.auth, kind: "status", status: 503 });
    const { outs } = await edis.up(edis.inputs(EDGE1));
    expect(outs).toMatchObject({ readyAt: expect.any(String) });
    const lines = retryLines(edis.events);
    expect(lines).toEqual([
      expect.objectContaining({
        resource: "EDIS API",
        message: expect.stringMatching(/^POST 127\.0\.0\.1:\d+\/kvm\/v2\/get\/auth: HTTP 503, retry 1\/5 in 2 s$/),
      }),
    ]);
    expect(JSON.stringify(lines)).not.toContain(edis.sim.credentials.password);
  });
});
