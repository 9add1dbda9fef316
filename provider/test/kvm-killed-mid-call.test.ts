import { readinessSchedule } from "../src/edis/kvm-reinstall/wait";
import { failureOf } from "./support/failure-of";
import { EDIS_ROUTES } from "pulumi-reinstall-simulator";
import { EDGE1, edisFixture, type EdisFixture } from "./support/edis";

/**
 * A run SIGKILLed while `set/reinstall` is in flight leaves an intent-journal entry with no answer. The next run on
 * the same machine gives that call up (it never reached EDIS) only if it watched the VPS across the two minutes a
 * reinstall takes to bring the old system down; one that begins later cannot tell a fresh system from the old.
 */
describe("KvmReinstall, a run killed while set/reinstall was in flight", () => {
  let f: EdisFixture;
  afterEach(() => f.close());

  /** Run 1 sends the call and is SIGKILLed before its answer: the engine keeps no state of a create (the init-failure form is dropped). */
  const killedMidCall = async (acted: boolean, inputs = f.inputs()) => {
    f.sim.inject({ route: EDIS_ROUTES.reinstall, kind: "status", status: 502, when: acted ? "after" : "before" });
    await failureOf(f.up(inputs));
    return f.sim.journal.find((e) => e.route === EDIS_ROUTES.reinstall)!.at;
  };
  const tenMinutes = 10 * 60_000;

  it("re-run 10 minutes later, the fresh system up: no second set/reinstall, a fast failure naming the way out, then waitForReady: false records it", async () => {
    f = await edisFixture();
    const sentAt = await killedMidCall(true);
    f.clock.advance(tenMinutes); // the CI job is re-run on the same runner; EDIS's 5-minute reinstall ended unseen
    expect(f.sim.vps(EDGE1).portOpen).toBe(true);
    const next = await f.restart();
    const began = f.clock.now();
    const error = await failureOf(next.up(f.inputs(EDGE1, { timeoutMinutes: 30 })));
    expect(error).toMatchObject({ code: "UNOBSERVED_START" });
    expect(error.message).toContain(`${EDGE1}, sent at ${new Date(sentAt).toISOString()}, had no answer yet`);
    expect(error.message).toMatch(
      /cannot tell whether that reinstall happened, and sends none[\s\S]*if it shows the new system, the reinstall ended while nobody watched: set waitForReady: false for one run to record it; if it shows nothing happened, change `triggers`/,
    );
    // Failed at once: no probe, no wait of timeoutMinutes for a "down" that can no longer be seen.
    expect(f.clock.now() - began).toBeLessThan(readinessSchedule.firstCheckMs);
    // The entry stays: the next run, still late, fails the same way instead of sending.
    expect(await failureOf(next.up(f.inputs()))).toMatchObject({ code: "UNOBSERVED_START" });
    // The console shows the new system: the user takes the first way out.
    const { outs } = await next.up(f.inputs(EDGE1, { waitForReady: false }));
    expect(outs).toMatchObject({ reinstalledAt: new Date(sentAt).toISOString(), waitForReady: false });
    // Back to waitForReady: true, from the state just recorded: nothing more is sent.
    const news = (await next.provider.check(outs, f.inputs())).inputs;
    const { outs: after } = await next.provider.update(EDGE1, outs, news);
    expect(after).toMatchObject({ reinstalledAt: outs.reinstalledAt, waitForReady: true });
    expect([f.reinstalls(), f.sim.vps(EDGE1).reinstalls]).toEqual([1, 1]);
  });

  it("the same for an update: waitForReady: false records the interrupted update's reinstall; the state it had is not repeated", async () => {
    f = await edisFixture();
    const { outs: stateA } = await f.up(f.inputs());
    f.clock.advance(60 * 60_000);
    const b = (await f.provider.check(stateA, f.inputs(EDGE1, { image: "debian-bullseye" }))).inputs;
    f.sim.inject({ route: EDIS_ROUTES.reinstall, kind: "status", status: 502, when: "after" });
    await failureOf(f.provider.update(EDGE1, stateA, b)); // SIGKILLed: the engine keeps state A
    f.clock.advance(tenMinutes);
    const next = await f.restart();
    const late = (await next.provider.check(stateA, f.inputs(EDGE1, { image: "debian-bullseye" }))).inputs;
    expect(await failureOf(next.provider.update(EDGE1, stateA, late))).toMatchObject({ code: "UNOBSERVED_START" });
    const way = (await next.provider.check(stateA, f.inputs(EDGE1, { image: "debian-bullseye", waitForReady: false }))).inputs;
    const { outs } = await next.provider.update(EDGE1, stateA, way);
    const sent = f.sim.journal.filter((e) => e.route === EDIS_ROUTES.reinstall).map((e) => e.at);
    expect(outs).toMatchObject({ image: "debian-bullseye", reinstalledAt: new Date(sent[1]).toISOString() });
    expect([sent.length, f.sim.vps(EDGE1).reinstalls, f.sim.vps(EDGE1).image]).toEqual([2, 2, "debian-bullseye"]);
  });

  it("re-run late, the console shows nothing happened: changing `triggers` sends the declared reinstall, which the journal entry does not block", async () => {
    f = await edisFixture();
    await killedMidCall(false);
    f.clock.advance(tenMinutes);
    const next = await f.restart();
    expect(await failureOf(next.up(f.inputs()))).toMatchObject({ code: "UNOBSERVED_START" });
    const { outs } = await next.up(f.inputs(EDGE1, { triggers: ["console showed the old system"] }));
    expect(outs).toMatchObject({ readyAt: expect.any(String), triggers: ["console showed the old system"] });
    expect([f.reinstalls(), f.sim.vps(EDGE1).reinstalls]).toEqual([2, 1]);
    // The entry went with the reinstall it was for: the same program again is no change.
    const news = (await next.provider.check(outs, f.inputs(EDGE1, { triggers: ["console showed the old system"] }))).inputs;
    expect(await next.provider.diff(EDGE1, outs, news)).toMatchObject({ changes: false });
  });

  it("re-run within the two minutes, EDIS had acted: the run watches the VPS go down and come up, and records it", async () => {
    f = await edisFixture();
    await killedMidCall(true);
    f.clock.advance(30_000);
    const next = await f.restart();
    const { outs } = await next.up(f.inputs());
    expect(outs).toMatchObject({ downSeenAt: expect.any(String), readyAt: expect.any(String) });
    expect([f.reinstalls(), f.sim.vps(EDGE1).reinstalls]).toEqual([1, 1]);
  });

  it("re-run within the two minutes, the call never reached EDIS: watched past the two minutes, never down, the declared reinstall is sent once", async () => {
    f = await edisFixture();
    const sentAt = await killedMidCall(false);
    f.clock.advance(30_000);
    const next = await f.restart();
    const { outs } = await next.up(f.inputs());
    const sent = f.sim.journal.filter((e) => e.route === EDIS_ROUTES.reinstall).map((e) => e.at);
    expect(sent[1] - sentAt).toBeGreaterThanOrEqual(readinessSchedule.downWithinMs);
    expect(outs).toMatchObject({ reinstalledAt: new Date(sent[1]).toISOString(), readyAt: expect.any(String) });
    expect([sent.length, f.sim.vps(EDGE1).reinstalls]).toEqual([2, 1]);
  });

  it("re-run so that its first check lands on the two-minute mark, the call never reached EDIS: given up at that check, not one later", async () => {
    f = await edisFixture();
    const sentAt = await killedMidCall(false);
    const downBy = sentAt + readinessSchedule.downWithinMs;
    f.clock.advance(downBy - readinessSchedule.firstCheckMs - f.clock.now());
    const next = await f.restart();
    const began = f.clock.now();
    await next.up(f.inputs());
    const resent = f.sim.journal.filter((e) => e.route === EDIS_ROUTES.reinstall)[1].at;
    // The old system still answers at downBy: one get/power read, at that check, then the declared reinstall.
    const reads = f.sim.journal.filter((e) => e.route === EDIS_ROUTES.power && e.at >= began && e.at <= resent).map((e) => e.at);
    expect(reads).toEqual([downBy]);
    expect(resent).toBe(downBy);
    expect([f.reinstalls(), f.sim.vps(EDGE1).reinstalls]).toEqual([2, 1]);
  });
});
