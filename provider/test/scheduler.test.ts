import { VirtualClock } from "../src/clock";
import { retryPolicies, withRetry } from "../src/retry";
import { RequestScheduler } from "../src/scheduler";
import { ReinstallError } from "../src/errors";

describe("RequestScheduler", () => {
  it("lets a burst through, then paces each credential at its rate, in arrival order", async () => {
    const clock = new VirtualClock(0);
    const scheduler = new RequestScheduler(clock, { perMinute: 60, burst: 10 });
    const grantedAt: number[] = [];
    await Promise.all(Array.from({ length: 30 }, () => scheduler.run("ak", async () => grantedAt.push(clock.now()))));
    expect(grantedAt.slice(0, 10)).toEqual(Array(10).fill(0));
    expect(grantedAt[29]).toBe(20_000);
    expect([...grantedAt].sort((a, b) => a - b)).toEqual(grantedAt);
    expect(scheduler.granted("ak")).toBe(30);
  });

  it("keeps one budget per credential", async () => {
    const clock = new VirtualClock(0);
    const scheduler = new RequestScheduler(clock, { perMinute: 60, burst: 1 });
    const at: Record<string, number> = {};
    await Promise.all(["a", "b", "a"].map((c, i) => scheduler.run(c, async () => (at[`${c}${i}`] = clock.now()))));
    expect(at).toEqual({ a0: 0, b1: 0, a2: 1000 });
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
