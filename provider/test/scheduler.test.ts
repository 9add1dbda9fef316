import { VirtualClock } from "../src/clock";
import { ReinstallError } from "../src/errors";
import { retryPolicies, withRetry } from "../src/retry";
import { RequestScheduler, type Priority } from "../src/scheduler";
import { retryAfterMs, throttlePauseMs } from "../src/throttle-pause";

/** Requests that only record when they were granted, for the scheduler's decisions alone (the real clients are in request-budget.test.ts). */
function recorder(scheduler: RequestScheduler, clock: VirtualClock) {
  const granted: { name: string; at: number }[] = [];
  const run = (name: string, priority: Priority = "normal", owner?: string, credential = "ak") =>
    scheduler.run(credential, async () => void granted.push({ name, at: clock.now() }), { priority, owner });
  return { granted, run };
}

const throttled = (retryAfter?: string) =>
  new ReinstallError("OVH_API_ERROR", "OVH answered HTTP 429", { api: { status: 429, ...(retryAfter ? { retryAfter } : {}) } });

describe("RequestScheduler: the sliding window", () => {
  it("never grants more than perMinute in any trailing 60 s, and grants in arrival order", async () => {
    const clock = new VirtualClock(0);
    const scheduler = new RequestScheduler(clock, { perMinute: 60 });
    const { granted, run } = recorder(scheduler, clock);
    await Promise.all(Array.from({ length: 150 }, (_, i) => run(String(i))));
    expect(granted.map((g) => g.name)).toEqual(Array.from({ length: 150 }, (_, i) => String(i)));
    for (let i = 0; i + 60 < granted.length; i++) expect(granted[i + 60]!.at - granted[i]!.at).toBeGreaterThanOrEqual(60_000);
    // No burst over the budget, and no idle budget either: each minute's 60 go as soon as the window has room.
    expect(granted.filter((g) => g.at === 0)).toHaveLength(60);
    expect(granted[60]!.at).toBeLessThan(61_000);
    expect(scheduler.granted("ak")).toBe(150);
  });

  it("keeps one window per credential", async () => {
    const clock = new VirtualClock(0);
    const scheduler = new RequestScheduler(clock, { perMinute: 1 });
    const { granted, run } = recorder(scheduler, clock);
    await Promise.all([run("a0", "normal", undefined, "a"), run("b0", "normal", undefined, "b"), run("a1", "normal", undefined, "a")]);
    expect(granted.map((g) => [g.name, g.at >= 60_000])).toEqual([
      ["a0", false],
      ["b0", false],
      ["a1", true],
    ]);
  });

  it("a credential's configured budget replaces the default; configured twice, the lower holds", async () => {
    const clock = new VirtualClock(0);
    const scheduler = new RequestScheduler(clock, { perMinute: 1_000 });
    scheduler.limit("ak", { perMinute: 3 });
    scheduler.limit("ak", { perMinute: 10 });
    const { granted, run } = recorder(scheduler, clock);
    await Promise.all(Array.from({ length: 4 }, (_, i) => run(String(i))));
    expect(granted.filter((g) => g.at === 0)).toHaveLength(3);
  });
});

describe("RequestScheduler: priorities and owners", () => {
  it("a critical request overtakes queued normal ones", async () => {
    const clock = new VirtualClock(0);
    const scheduler = new RequestScheduler(clock, { perMinute: 2 });
    const { granted, run } = recorder(scheduler, clock);
    const all = [run("n1"), run("n2"), run("n3"), run("n4"), run("c1", "critical")];
    await Promise.all(all);
    expect(granted.map((g) => g.name)).toEqual(["n1", "n2", "c1", "n3", "n4"]);
  });

  it("within a priority, owners take turns: one resource's backlog does not starve another", async () => {
    const clock = new VirtualClock(0);
    const scheduler = new RequestScheduler(clock, { perMinute: 1 });
    const { granted, run } = recorder(scheduler, clock);
    await Promise.all([...["a1", "a2", "a3", "a4"].map((n) => run(n, "normal", "A")), ...["b1", "b2"].map((n) => run(n, "normal", "B"))]);
    expect(granted.map((g) => g.name)).toEqual(["a1", "a2", "b1", "a3", "b2", "a4"]);
  });

  it("a progress read goes now or is skipped: past the window's headroom, or while anything waits; skipped, it takes no slot", async () => {
    const clock = new VirtualClock(0);
    const scheduler = new RequestScheduler(clock, { perMinute: 12 });
    const { granted, run } = recorder(scheduler, clock);
    // 12 a minute keeps 2 slots from progress reads.
    for (let i = 0; i < 10; i++) await run(`p${i}`, "progress");
    await expect(run("p10", "progress")).rejects.toMatchObject({ code: "SKIPPED", next: expect.stringContaining("nothing to do") });
    // The headroom lets critical reads through at once, with nobody ahead of them.
    await run("c1", "critical");
    await run("c2", "critical");
    expect(granted.every((g) => g.at === 0)).toBe(true);
    const waiting = run("c3", "critical");
    await expect(run("p11", "progress")).rejects.toMatchObject({ code: "SKIPPED" });
    await waiting;
    expect(granted.map((g) => g.name)).toEqual([...Array.from({ length: 10 }, (_, i) => `p${i}`), "c1", "c2", "c3"]);
    expect(scheduler.granted("ak")).toBe(13);
  });
});

describe("RequestScheduler: 429", () => {
  it("pauses every request of the credential for the Retry-After given, whoever sent the throttled one", async () => {
    const clock = new VirtualClock(0);
    const scheduler = new RequestScheduler(clock, { perMinute: 60 });
    const { granted, run } = recorder(scheduler, clock);
    await expect(scheduler.run("ak", () => Promise.reject(throttled("30")), { owner: "A" })).rejects.toMatchObject({ api: { status: 429 } });
    await expect(run("progress while paused", "progress")).rejects.toMatchObject({ code: "SKIPPED" });
    await Promise.all([run("b", "critical", "B"), run("other credential", "normal", "C", "other")]);
    expect(granted).toEqual([
      { name: "other credential", at: 0 },
      { name: "b", at: 30_000 },
    ]);
  });

  it("without Retry-After: 5 s, doubling for each 429 after a pause, back to 5 s after a success", async () => {
    const clock = new VirtualClock(0);
    const scheduler = new RequestScheduler(clock, { perMinute: 60 });
    const { granted, run } = recorder(scheduler, clock);
    const fail = () => expect(scheduler.run("ak", () => Promise.reject(throttled()))).rejects.toBeInstanceOf(ReinstallError);
    // Two 429s to requests sent together are one signal.
    await Promise.all([fail(), fail()]);
    await fail();
    await run("after 5 s then 10 s");
    await fail();
    await run("after 5 s again");
    expect(granted).toEqual([
      { name: "after 5 s then 10 s", at: 15_000 },
      { name: "after 5 s again", at: 20_000 },
    ]);
  });

  it("reads Retry-After as seconds or an HTTP date, ignores anything else, and caps it at five minutes", () => {
    const now = Date.UTC(2026, 10, 30, 6, 0, 0);
    expect(retryAfterMs("120", now)).toBe(120_000);
    expect(retryAfterMs("Mon, 30 Nov 2026 06:00:42 GMT", now)).toBe(42_000);
    expect(retryAfterMs("Mon, 30 Nov 2026 05:00:00 GMT", now)).toBe(0);
    expect([retryAfterMs("soon", now), retryAfterMs("1.5", now), retryAfterMs("", now), retryAfterMs(undefined, now)]).toEqual([
      undefined,
      undefined,
      undefined,
      undefined,
    ]);
    expect(throttlePauseMs("3600", now, 1)).toBe(300_000);
    expect([1, 2, 3, 4, 5, 9].map((n) => throttlePauseMs(undefined, now, n))).toEqual([5_000, 10_000, 20_000, 40_000, 60_000, 60_000]);
  });

  it("takes a Retry-After date only with its weekday first, as every HTTP date form has it, and reads around surrounding spaces", () => {
    const now = Date.UTC(2026, 10, 30, 6, 0, 0);
    // Date.parse reads all three; none is an HTTP date, so none may set the pause.
    expect(["30 Nov 2026 06:00:42 GMT", "Mo, 30 Nov 2026 06:00:42 GMT", "M 11/30/2026 06:00:42 GMT"].map((v) => retryAfterMs(v, now))).toEqual([
      undefined,
      undefined,
      undefined,
    ]);
    expect([retryAfterMs(" 120 ", now), retryAfterMs(" Mon, 30 Nov 2026 06:00:42 GMT ", now)]).toEqual([120_000, 42_000]);
  });
});

describe("withRetry", () => {
  const apiError = (status: number) => new ReinstallError("OVH_API_ERROR", "x", { api: { status } });

  it("retries the statuses its policy names with backoff, and not the others", async () => {
    const clock = new VirtualClock(0);
    let calls = 0;
    const result = await withRetry(retryPolicies.taskPoll, clock, async () => {
      calls += 1;
      if (calls < 3) throw apiError(calls === 1 ? 404 : 503);
      return "ok";
    });
    expect(result).toBe("ok");
    expect(clock.now()).toBe(5_000 + 10_000);
    await expect(withRetry(retryPolicies.read, clock, async () => Promise.reject(apiError(404)))).rejects.toThrow("x");
  });

  it.each([502, 429, 503])("never repeats a destructive call answered %i", async (status) => {
    const clock = new VirtualClock(0);
    let calls = 0;
    const post = async () => {
      calls += 1;
      throw apiError(status);
    };
    await expect(withRetry(retryPolicies.destructive, clock, post)).rejects.toMatchObject({ api: { status } });
    expect(calls).toBe(1);
  });

  it("gives up when the next attempt would start past the deadline", async () => {
    const clock = new VirtualClock(0);
    let calls = 0;
    const flaky = async () => {
      calls += 1;
      throw apiError(500);
    };
    await expect(withRetry(retryPolicies.taskPoll, clock, flaky, { deadline: 12_000 })).rejects.toThrow();
    expect(calls).toBe(2);
  });
});

describe("RequestScheduler: a stop signal", () => {
  it("a request still waiting for its slot when the provider is told to stop is never sent, and says so", async () => {
    const clock = new VirtualClock(0);
    const scheduler = new RequestScheduler(clock, { perMinute: 1 });
    const controller = new AbortController();
    const sent: string[] = [];
    await scheduler.run("ak", async () => void sent.push("first"));
    const waiting = scheduler.run("ak", async () => void sent.push("destructive"), { priority: "critical", signal: controller.signal });
    await clock.sleep(10_000);
    controller.abort("SIGINT");
    await expect(waiting).rejects.toMatchObject({ code: "INTERRUPTED", refused: true });
    expect(sent).toEqual(["first"]);
  });
});
