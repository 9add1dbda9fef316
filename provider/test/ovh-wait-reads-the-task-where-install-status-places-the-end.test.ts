import { INSTALL_STEPS, OVH_ROUTES } from "pulumi-reinstall-simulator";
import { pollSchedule } from "../src/ovh/dedicated-server-install/wait";
import { ovhFixture, SCALE7, type OvhFixture } from "./support/ovh";

const program = { serviceName: SCALE7, templateName: "debian12_64" };
/** The simulator dates a task to the second: its end lies within the second after `doneDate`. */
const slack = pollSchedule.denseMs + 1_000;

describe("DedicatedServerInstall: where install/status places the install decides when the wait reads the task", () => {
  let f: OvhFixture;
  afterEach(() => f.close());

  /** The wait's reads, task or install/status, in order. */
  const reads = () => f.sim.journal.filter((e) => e.route === OVH_ROUTES.task || e.route === OVH_ROUTES.installStatus);

  // An install longer than 15 minutes is still todo at the first read, 45 s in (the simulator's task turns doing at 5%
  // of its length): no step has begun. That read bounds the pace from below only by the time before the first step at
  // its longest, and from above not at all (the task may sit in todo for any time); bound wrongly, the window placed
  // misses the end, and the wait reads install/status again after reading the task, or sees the end late.
  it.each([925, 1200, 1500])(
    "a %i-s install, no step begun at the first read, ends within the window placed: read densely to its end, seen within one dense interval",
    async (installSeconds) => {
      f = await ovhFixture({ installSeconds });
      const { outs } = await f.up(program);
      const end = Date.parse(String(outs.doneDate));
      const all = reads();
      const firstTaskRead = all.findIndex((e) => e.route === OVH_ROUTES.task);
      expect(all.slice(firstTaskRead).filter((e) => e.route === OVH_ROUTES.installStatus)).toEqual([]);
      expect(all.at(-1)!.at - end).toBeLessThan(slack);
    },
  );

  // The last steps, up to finalStretchSeconds (40 s) of typical time together, warn of the end: once install/status
  // shows the install in them, the wait reads the task. Debian's first nine steps end in five short ones (8 s each
  // typically, install-eta.ts): the last 40 s, so its fifth step begins the final stretch, and its fourth does not.
  const nineSteps = INSTALL_STEPS.slice(0, 9);
  it.each([
    [5, "the task", OVH_ROUTES.task],
    [4, "install/status", OVH_ROUTES.installStatus],
  ])("install/status at step %i of a list ending in 40 s of short steps is followed by a read of %s", async (step, _read, nextRead) => {
    f = await ovhFixture();
    // The fourth progress read answers the shorter list, 225 s into the install; the reads before and after it, the simulator's own.
    const progress = nineSteps.map((comment, i) => ({ comment, error: "", status: i < step - 1 ? "done" : i === step - 1 ? "doing" : "todo" }));
    f.sim.inject({ route: OVH_ROUTES.installStatus, kind: "status", status: 200, skip: 3, body: { elapsedTime: 225, progress } });
    const { outs } = await f.up(program);
    expect(outs).toMatchObject({ taskStatus: "done" });
    const all = reads();
    const scripted = all.filter((e) => e.route === OVH_ROUTES.installStatus)[3];
    expect(f.events.some((e) => e.step === step && e.steps === nineSteps.length)).toBe(true);
    expect(all[all.indexOf(scripted) + 1]).toMatchObject({ route: nextRead });
  });

  // An install/status that places the end at once (the last step begun, 11 minutes in: the typical install's length)
  // is still followed by the task only one dense interval later: reads come no closer than that.
  it("install/status at the last step, begun, at the install's typical length is followed by a task read one dense interval later", async () => {
    f = await ovhFixture();
    const progress = INSTALL_STEPS.map((comment, i) => ({ comment, error: "", status: i < INSTALL_STEPS.length - 1 ? "done" : "doing" }));
    f.sim.inject({ route: OVH_ROUTES.installStatus, kind: "status", status: 200, skip: 3, body: { elapsedTime: 660, progress } });
    const { outs } = await f.up(program);
    expect(outs).toMatchObject({ taskStatus: "done" });
    const all = reads();
    const scripted = all.filter((e) => e.route === OVH_ROUTES.installStatus)[3];
    expect(f.events.some((e) => e.step === INSTALL_STEPS.length && e.message.includes("11m00s"))).toBe(true);
    expect(all[all.indexOf(scripted) + 1]).toMatchObject({ route: OVH_ROUTES.task, at: scripted.at + pollSchedule.denseMs });
  });

  // An elapsed time of 0, the first step begun: the install has just begun, and the read itself dates its start (the
  // second read here, after the simulator's first dated it 45 s earlier). Its pace is not bounded from below yet, so the
  // earliest likely end is the read itself, the latest minutes away: install/status is read again after the shortest gap.
  it("install/status at elapsed time 0, the first step begun, dates the start at the read and is followed by install/status after the shortest gap", async () => {
    f = await ovhFixture();
    const progress = INSTALL_STEPS.map((comment, i) => ({ comment, error: "", status: i === 0 ? "doing" : "todo" }));
    f.sim.inject({ route: OVH_ROUTES.installStatus, kind: "status", status: 200, skip: 1, body: { elapsedTime: 0, progress } });
    const { outs } = await f.up(program);
    expect(outs).toMatchObject({ taskStatus: "done" });
    const all = reads();
    const scripted = all.filter((e) => e.route === OVH_ROUTES.installStatus)[1];
    expect(f.events).toContainEqual(expect.objectContaining({ step: 1, elapsedSeconds: 0, message: expect.stringMatching(/, 0s$/) }));
    expect(all[all.indexOf(scripted) + 1]).toMatchObject({ route: OVH_ROUTES.installStatus, at: scripted.at + pollSchedule.minGapMs });
  });

  // Two long steps, the second begun (typically 150 s and 240 s, after 33 s before the first: 423 s, install-eta.ts),
  // 1,345 s in: slower than believed (pace 1345 / (423 x 1.08) = 2.94), so the earliest likely end is the read itself
  // and the latest 3 x (423 + 15% of 240) = 1,377 s in, 32 s on. The task cannot be read before one dense interval (4 s)
  // has passed, and from there the latest end lies exactly 7 dense intervals on: close enough to read the task. 1,344 s
  // in, it lies 29 s (7.25 intervals) on: install/status is read again, after the shortest gap between progress reads
  // (the list's final stretch, its last step alone, lasts no time). At time scale 0.5 every interval is halved.
  const twoLongSteps = ["Waiting for server to boot", "Waiting for services to be up"];
  it.each([
    { run: "a real run", scale: 1, elapsedTime: 1345, after: "7", read: "the task", route: OVH_ROUTES.task, gapMs: pollSchedule.denseMs },
    { run: "a real run", scale: 1, elapsedTime: 1344, after: "7.25", read: "install/status", route: OVH_ROUTES.installStatus, gapMs: pollSchedule.minGapMs },
    {
      run: "a dry run at time scale 0.5",
      scale: 0.5,
      elapsedTime: 1344,
      after: "15.5",
      read: "install/status",
      route: OVH_ROUTES.installStatus,
      gapMs: pollSchedule.minGapMs / 2,
    },
  ])(
    "$run: install/status placing the latest end $after dense intervals after the next read is followed by a read of $read, $gapMs ms later",
    async ({ scale, elapsedTime, route, gapMs }) => {
      f = await ovhFixture({ timeScale: scale });
      const progress = twoLongSteps.map((comment, i) => ({ comment, error: "", status: i === 0 ? "done" : "doing" }));
      f.sim.inject({ route: OVH_ROUTES.installStatus, kind: "status", status: 200, body: { elapsedTime, progress } });
      const { outs } = await f.up(program);
      expect(outs).toMatchObject({ taskStatus: "done" });
      const all = reads();
      const scripted = all.findIndex((e) => e.route === OVH_ROUTES.installStatus);
      expect(f.events.some((e) => e.step === 2 && e.steps === 2)).toBe(true);
      expect(all[scripted + 1]).toMatchObject({ route, at: all[scripted].at + gapMs });
    },
  );
});
