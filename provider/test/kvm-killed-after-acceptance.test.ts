import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { EDIS_ROUTES, REINSTALL_PHASES } from "pulumi-reinstall-simulator";
import { kvmReinstallProvider } from "../src/edis/kvm-reinstall/provider";
import { IntentJournal } from "../src/intent-journal";
import { readinessSchedule } from "../src/edis/kvm-reinstall/wait";
import { hosted } from "./support/host";
import { failureOf } from "./support/failure-of";
import { EDGE1, edisAccountEnv, edisFixture, type EdisFixture } from "./support/edis";

let f: EdisFixture;
/** Both runs' machine: its intent journal, which the killed run's entry is left in. */
let journal: string;
afterEach(async () => {
  await f.close();
  fs.rmSync(journal, { recursive: true, force: true });
});
const env = (sim: EdisFixture["sim"]) => ({ ...edisAccountEnv(sim), PULUMI_REINSTALL_JOURNAL_DIR: journal });
const iso = (ms: number) => new Date(ms).toISOString();

/**
 * A run killed right after EDIS accepted `set/reinstall` (its answer arrived and was journaled), before it saw the
 * old system go down or wrote state. The next run on the same machine waits for that reinstall and sends none. One
 * that begins at or after `downBy`, the call plus the two minutes a reinstall takes to bring the old system down,
 * takes it as gone down at the call, since it went down while nobody watched; one that begins earlier must see it go.
 */
describe("KvmReinstall, a run killed after EDIS accepted set/reinstall", () => {
  /** From the call on, when the simulator's fresh system answers for good: its last phase, of the fixture's 300-s reinstall. */
  const upForGoodAfterMs = REINSTALL_PHASES.find((p) => p.phase === "up")!.from * 300_000;

  /**
   * Run 1 sends the call; the moment EDIS's acceptance is journaled, its process is killed (a stop signal stands in,
   * and its failure is dropped, as the engine keeps nothing of a killed create). Then the next run starts on the same
   * machine at `downBy + offsetMs`. Returns when the call was sent and that next run. The fixture's reinstall takes
   * `reinstallSeconds`, its old system going down a tenth of the way in.
   */
  async function killedAfterAcceptance(offsetMs: number, reinstallSeconds = 300) {
    journal = fs.mkdtempSync(path.join(os.tmpdir(), "reinstall-journal-"));
    f = await edisFixture({ env, reinstallSeconds });
    const kill = new AbortController();
    const run1 = await hosted(
      kvmReinstallProvider,
      f.clock,
      env(f.sim),
      {},
      {
        stopping: { signal: kill.signal, run: (work) => work() },
        progress: (e) => (/accepted by EDIS/.test(e.message) ? kill.abort("SIGKILL") : undefined),
      },
    );
    expect(await failureOf(run1.up(f.inputs()))).toMatchObject({ code: "INTERRUPTED" });
    const sentAt = f.sim.journal.find((e) => e.route === EDIS_ROUTES.reinstall)!.at;
    // What the killed run left: EDIS's acceptance journaled, the old system never seen going down.
    const left = new IntentJournal(journal).read(`edis_${EDGE1}`, f.clock.now());
    expect(left).toMatchObject({ sentAt, acknowledged: true });
    expect(left?.details).not.toHaveProperty("downSeenAt");
    f.clock.advance(sentAt + readinessSchedule.downWithinMs + offsetMs - f.clock.now());
    return { sentAt, next: await f.restart() };
  }

  /** When a wait probing every second from `from` takes the fresh system for ready: on the first probe it is up for good, plus the steady streak. */
  const readyOnProbesFrom = (from: number, sentAt: number) =>
    from + Math.ceil((sentAt + upForGoodAfterMs - from) / readinessSchedule.probeEveryMs) * readinessSchedule.probeEveryMs + readinessSchedule.steadyForMs;

  it.each([
    ["exactly at downBy", 0],
    ["after downBy", 1],
  ])("re-run %s: taken as gone down at the call, only the fresh system's coming up is awaited, and nothing is sent", async (_when, offsetMs) => {
    const { sentAt, next } = await killedAfterAcceptance(offsetMs);
    const began = f.clock.now();
    const { outs } = await next.up(f.inputs());
    expect(outs).toMatchObject({ reinstalledAt: iso(sentAt), downSeenAt: iso(sentAt), readyAt: iso(readyOnProbesFrom(began, sentAt)) });
    expect(f.clock.now()).toBe(Date.parse(outs.readyAt as string));
    expect(next.events.map((e) => e.message)).not.toContainEqual(expect.stringMatching(/closed: reinstalling/));
    expect([f.reinstalls(), f.sim.vps(EDGE1).reinstalls]).toEqual([1, 1]);
  });

  it("re-run just before downBy: the old system is still seen going down, at the first check, and nothing is sent", async () => {
    const { sentAt, next } = await killedAfterAcceptance(-1);
    const began = f.clock.now();
    const { outs } = await next.up(f.inputs());
    const downSeenAt = began + readinessSchedule.firstCheckMs;
    expect(outs).toMatchObject({ reinstalledAt: iso(sentAt), downSeenAt: iso(downSeenAt), readyAt: iso(readyOnProbesFrom(downSeenAt, sentAt)) });
    expect(f.clock.now()).toBe(Date.parse(outs.readyAt as string));
    expect(next.events.map((e) => e.message)).toContainEqual(expect.stringMatching(new RegExp(`${EDGE1}: port \\d+ closed: reinstalling`)));
    expect([f.reinstalls(), f.sim.vps(EDGE1).reinstalls]).toEqual([1, 1]);
  });

  it("re-run just before downBy, the old system going down only three minutes after the call: an accepted reinstall is not given up on at downBy, and nothing is sent", async () => {
    const { sentAt, next } = await killedAfterAcceptance(-1, 1_800);
    const { outs } = await next.up(f.inputs(EDGE1, { timeoutMinutes: 40 }));
    expect(Date.parse(outs.downSeenAt as string)).toBeGreaterThanOrEqual(sentAt + 180_000);
    expect(outs).toMatchObject({ reinstalledAt: iso(sentAt), readyAt: expect.any(String) });
    expect(next.events.map((e) => e.message)).toContainEqual(expect.stringMatching(/waiting for the old system to go down/));
    expect([f.reinstalls(), f.sim.vps(EDGE1).reinstalls]).toEqual([1, 1]);
  });

  it.each([
    ["exactly at downBy", 0, true],
    ["just before downBy", -1, false],
  ])(
    "re-run %s with waitForReady: false: the accepted reinstall is recorded, as gone down at the call only from downBy on",
    async (_when, offsetMs, goneDown) => {
      const { sentAt, next } = await killedAfterAcceptance(offsetMs);
      const { outs } = await next.up(f.inputs(EDGE1, { waitForReady: false }));
      expect(outs).toMatchObject({ reinstalledAt: iso(sentAt), waitForReady: false });
      expect(outs.downSeenAt).toBe(goneDown ? iso(sentAt) : undefined);
      expect(outs).not.toHaveProperty("readyAt");
      expect([f.reinstalls(), f.sim.vps(EDGE1).reinstalls]).toEqual([1, 1]);
    },
  );
});

/**
 * A run killed before EDIS answered `set/reinstall` leaves its journal entry unacknowledged (a 502 after EDIS acted
 * stands in for the kill, and nothing reaches state). A later run that began at or after `downBy` (the call plus two
 * minutes, times the time scale) cannot tell whether that reinstall happened, unless a run's wait saw the old system
 * go down: then it is a reinstall under way, waited for with that sighting kept.
 */
describe("KvmReinstall, a run killed before EDIS answered set/reinstall", () => {
  /** Run 1's call has no answer; returns when it went out. */
  async function killedMidCall(timeScale = 1) {
    journal = fs.mkdtempSync(path.join(os.tmpdir(), "reinstall-journal-"));
    f = await edisFixture({ timeScale, env });
    f.sim.inject({ route: EDIS_ROUTES.reinstall, kind: "status", status: 502, when: "after" });
    expect(await failureOf(f.up(f.inputs()))).toMatchObject({ code: "AMBIGUOUS_START" });
    return f.sim.journal.find((e) => e.route === EDIS_ROUTES.reinstall)!.at;
  }

  it.each([
    ["at time scale 1", 1],
    ["at time scale 0.5 (one minute after the call)", 0.5],
  ])("re-run exactly at downBy, %s: UNOBSERVED_START at once, and nothing is sent", async (_when, timeScale) => {
    const sentAt = await killedMidCall(timeScale);
    const downBy = sentAt + readinessSchedule.downWithinMs * timeScale;
    f.clock.advance(downBy - f.clock.now());
    const error = await failureOf((await f.restart()).up(f.inputs()));
    expect(error).toMatchObject({ code: "UNOBSERVED_START" });
    expect(error.message).toContain(`would have taken the old system down by ${iso(downBy)}, but this run began at ${iso(downBy)}`);
    expect(f.clock.now()).toBe(downBy);
    expect(f.reinstalls()).toBe(1);
  });

  it("re-run exactly at downBy with waitForReady: false: the call is recorded with no time the old system went down, since EDIS never said it took it, and nothing is sent", async () => {
    const sentAt = await killedMidCall();
    f.clock.advance(sentAt + readinessSchedule.downWithinMs - f.clock.now());
    const { outs } = await (await f.restart()).up(f.inputs(EDGE1, { waitForReady: false }));
    expect(outs).toMatchObject({ reinstalledAt: iso(sentAt), waitForReady: false });
    expect(outs).not.toHaveProperty("downSeenAt");
    expect(f.reinstalls()).toBe(1);
  });

  it("a re-run that saw the old system go down is killed; the next run, past downBy, waits for that reinstall keeping when it went down, and sends nothing", async () => {
    const sentAt = await killedMidCall();
    const kill = new AbortController();
    let seenAt = 0;
    const run2 = await hosted(
      kvmReinstallProvider,
      f.clock,
      env(f.sim),
      {},
      {
        stopping: { signal: kill.signal, run: (work) => work() },
        progress: (e) => {
          if (!/closed: reinstalling/.test(e.message)) return;
          seenAt = f.clock.now();
          kill.abort("SIGKILL");
        },
      },
    );
    expect(await failureOf(run2.up(f.inputs()))).toMatchObject({ code: "INTERRUPTED" });
    expect(seenAt).toBeGreaterThan(0);
    f.clock.advance(Math.max(sentAt + readinessSchedule.downWithinMs, seenAt) + 1_000 - f.clock.now());
    const { outs } = await (await f.restart()).up(f.inputs());
    expect(outs).toMatchObject({ reinstalledAt: iso(sentAt), downSeenAt: iso(seenAt), readyAt: expect.any(String) });
    expect([f.reinstalls(), f.sim.vps(EDGE1).reinstalls]).toEqual([1, 1]);
  });
});
