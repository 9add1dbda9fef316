import { INSTALL_STEPS, OVH_ROUTES } from "pulumi-reinstall-simulator";
import { pollSchedule } from "../src/ovh/dedicated-server-install/wait";
import { ovhFixture, SCALE7, type OvhFixture } from "./support/ovh";

const program = { serviceName: SCALE7, templateName: "debian12_64" };
const minuteMs = 60_000;

/** An install/status answer at step `current` (1-based), the steps before it done. */
function statusAt(current: number, elapsedTime: number) {
  const progress = INSTALL_STEPS.map((comment, i) => ({ comment, error: "", status: i + 1 < current ? "done" : i + 1 === current ? "doing" : "todo" }));
  return { elapsedTime, progress };
}

describe("the OVH wait, when install/status answers oddly", () => {
  let f: OvhFixture;
  afterEach(() => f.close());

  /** install/status answers `body` from its `skip`+1-th read on, whatever the install does, even once it ended. */
  async function upWithStatus(body: unknown, skip: number, fixture?: OvhFixture) {
    f = fixture ?? (await ovhFixture());
    f.sim.inject({ route: OVH_ROUTES.installStatus, kind: "status", status: 200, body, times: 100_000, skip });
    const { outs } = await f.up(program);
    const reads = (route: string) => f.sim.journal.filter((e) => e.route === route).map((e) => e.at);
    return { outs, taskReads: reads(OVH_ROUTES.task), statusReads: reads(OVH_ROUTES.installStatus), end: Date.parse(String(outs.doneDate)) };
  }

  it("an elapsedTime too large to date the install's start does not make it read in a tight loop", async () => {
    const { outs, statusReads, taskReads, end } = await upWithStatus(statusAt(6, 1e308), 1);
    expect(outs).toMatchObject({ taskStatus: "done" });
    expect(statusReads.length).toBeLessThan(100);
    expect(Math.max(...taskReads) - end).toBeLessThanOrEqual(minuteMs);
  }, 20_000);

  it("a negative elapsedTime in the final steps does not put the next read off past a minute", async () => {
    const { outs, taskReads, end } = await upWithStatus(statusAt(20, -3600), 3);
    expect(outs).toMatchObject({ taskStatus: "done" });
    expect(Math.max(...taskReads) - end).toBeLessThanOrEqual(minuteMs);
  });

  // The simulator's first answer dates the start at the POST; the second, negative, dates nothing (its start is NaN).
  // Counted from that, the lines would show NaN; placed into the estimate, it would put the next read at NaN: at once.
  it("a negative elapsedTime leaves the start where the earlier answer dated it, and adds nothing to the estimate: only the task is read at once", async () => {
    f = await ovhFixture();
    f.sim.inject({ route: OVH_ROUTES.installStatus, kind: "status", status: 200, body: statusAt(20, -3600), skip: 1 });
    const { outs } = await f.up(program);
    expect(outs).toMatchObject({ taskStatus: "done" });
    const post = f.sim.journal.find((e) => e.route === OVH_ROUTES.reinstall)!.at;
    const reads = f.sim.journal.filter((e) => e.route === OVH_ROUTES.task || e.route === OVH_ROUTES.installStatus);
    const undated = reads.filter((e) => e.route === OVH_ROUTES.installStatus)[1];
    expect(f.events).toContainEqual(expect.objectContaining({ step: 20, elapsedSeconds: (undated.at - post) / 1000 }));
    expect(f.events.filter((e) => !Number.isFinite(e.elapsedSeconds))).toEqual([]);
    expect(reads.filter((e) => e.at === undated.at).map((e) => e.route)).toEqual([OVH_ROUTES.installStatus, OVH_ROUTES.task]);
  });

  it("an elapsedTime that goes backwards in the final steps does not put the next read off past a minute", async () => {
    f = await ovhFixture();
    f.sim.inject({ route: OVH_ROUTES.installStatus, kind: "status", status: 200, body: statusAt(5, 3000), times: 1, skip: 1 });
    f.sim.inject({ route: OVH_ROUTES.installStatus, kind: "status", status: 200, body: statusAt(20, 60), times: 100_000, skip: 2 });
    const { outs } = await f.up(program);
    const taskReads = f.sim.journal.filter((e) => e.route === OVH_ROUTES.task).map((e) => e.at);
    expect(outs).toMatchObject({ taskStatus: "done" });
    expect(Math.max(...taskReads) - Date.parse(String(outs.doneDate))).toBeLessThanOrEqual(minuteMs);
  });

  // Step 20 began after the answer that showed step 5 at 3,000 s, but the next answer shows it at 60 s: counted from
  // the start that answer dates, the end lies over 45 minutes ahead, though step 20 is in the final stretch. The task
  // is read no later than the longest gap, halved.
  it("an elapsedTime that goes backwards in the final steps, in a dry run at time scale 0.5, is followed by a task read 30 s later: the longest gap times the scale", async () => {
    f = await ovhFixture({ timeScale: 0.5 });
    f.sim.inject({ route: OVH_ROUTES.installStatus, kind: "status", status: 200, body: statusAt(5, 3000), skip: 1 });
    f.sim.inject({ route: OVH_ROUTES.installStatus, kind: "status", status: 200, body: statusAt(20, 60), skip: 2 });
    const { outs } = await f.up(program);
    expect(outs).toMatchObject({ taskStatus: "done" });
    const reads = f.sim.journal.filter((e) => e.route === OVH_ROUTES.task || e.route === OVH_ROUTES.installStatus);
    const backwards = reads.filter((e) => e.route === OVH_ROUTES.installStatus)[2];
    expect(f.events.some((e) => e.step === 20 && e.message.includes("1m00s"))).toBe(true);
    expect(reads[reads.indexOf(backwards) + 1]).toMatchObject({ route: OVH_ROUTES.task, at: backwards.at + pollSchedule.maxGapMs / 2 });
  });

  // An odd answer: step 2 still doing, yet step 3 failed. The step shown is the failed one, not the first not done.
  it("a failed step after one not yet done is the step shown", async () => {
    const progress = ["Checking BIOS version", "Deploying OS on disks", "Sending end of installation mail"].map((comment, i) => ({
      comment,
      error: i === 2 ? "mail server unreachable" : "",
      status: ["done", "doing", "error"][i],
    }));
    f = await ovhFixture();
    f.sim.inject({ route: OVH_ROUTES.installStatus, kind: "status", status: 200, body: { elapsedTime: 300, progress }, skip: 1 });
    const { outs } = await f.up(program);
    expect(outs).toMatchObject({ taskStatus: "done" });
    expect(f.events).toContainEqual(
      expect.objectContaining({ step: 3, steps: 3, stepName: "Sending end of installation mail", error: "mail server unreachable" }),
    );
    expect(f.events.filter((e) => e.steps === 3 && e.step !== 3)).toEqual([]);
  });

  it("install/status answering an empty step list throughout, even once the install ended, does not hide the end", async () => {
    const { outs, taskReads, end } = await upWithStatus({ elapsedTime: 100, progress: [] }, 0);
    expect(outs).toMatchObject({ taskStatus: "done" });
    expect(Math.max(...taskReads) - end).toBeLessThanOrEqual(minuteMs);
  });

  it.each([
    ["a step list that never moves", statusAt(5, 100)],
    ["an elapsed time stuck at 0", statusAt(5, 0)],
  ])("install/status answering %s throughout is believed no longer than the longest install, not until the deadline", async (_what, body) => {
    const { outs, taskReads, end } = await upWithStatus(body, 0);
    expect(outs).toMatchObject({ taskStatus: "done" });
    const post = f.sim.journal.find((e) => e.route === OVH_ROUTES.reinstall)!.at;
    expect(Math.max(...taskReads)).toBeLessThanOrEqual(Math.max(end, post + pollSchedule.believedMs) + minuteMs);
  });

  // On the usual schedule no read falls on the 35-minute mark: after the first, 45 s in, every interval is a whole
  // number of 2-s units. A task read retried three times (backoffs of 5, 10 and 20 s) shifts it: install/status fails
  // at 45 s, the task read after it answers at 80 s, install/status fails again 20 s later (no reading yet), the task
  // is read at once, and the standing list (step 5 of 21, 100 s in: the end far) is read from 120 s, a minute apart,
  // so at 2,100 s. The task, read there, is done: the 11-minute install ended long before.
  it("a step list that never moves, read exactly 35 minutes after the POST, is no longer believed at that read: the task is read at once", async () => {
    f = await ovhFixture();
    f.sim.inject({ route: OVH_ROUTES.installStatus, kind: "status", status: 500, times: 2 });
    f.sim.inject({ route: OVH_ROUTES.task, kind: "status", status: 503, times: 3 });
    const { outs, taskReads, statusReads } = await upWithStatus(statusAt(5, 100), 2, f);
    expect(outs).toMatchObject({ taskStatus: "done" });
    const post = f.sim.journal.find((e) => e.route === OVH_ROUTES.reinstall)!.at;
    const seconds = (reads: number[]) => reads.map((t) => (t - post) / 1000);
    const mark = pollSchedule.believedMs / 1000;
    expect(seconds(taskReads)).toEqual([45, 50, 60, 80, 100, mark]);
    expect(seconds(statusReads)).toEqual([45, 100, ...Array.from({ length: (mark - 120) / 60 + 1 }, (_, i) => 120 + 60 * i)]);
  });

  it("a step list that never moves, in a dry run at time scale 0.5, is believed for 17.5 minutes (35 times the scale): the task is read after each later read, never before", async () => {
    // A 25-minute install outlasts 17.5 minutes but not 35: believed 35 minutes or longer, it would end before any task read.
    const { outs, taskReads, statusReads } = await upWithStatus(statusAt(5, 100), 0, await ovhFixture({ timeScale: 0.5, installSeconds: 1500 }));
    expect(outs).toMatchObject({ taskStatus: "done" });
    const believedUntil = f.sim.journal.find((e) => e.route === OVH_ROUTES.reinstall)!.at + pollSchedule.believedMs / 2;
    expect(statusReads.filter((t) => t >= believedUntil).length).toBeGreaterThan(1);
    expect(taskReads).toEqual(statusReads.filter((t) => t >= believedUntil));
  });

  it("a step list that changes mid-install (another length, other names) does not make it read in a tight loop", async () => {
    const fewer = {
      elapsedTime: 400,
      progress: ["Booting", "Installing", "Rebooting"].map((comment, i) => ({ comment, error: "", status: i === 0 ? "done" : i === 1 ? "doing" : "todo" })),
    };
    f = await ovhFixture();
    f.sim.inject({ route: OVH_ROUTES.installStatus, kind: "status", status: 200, body: statusAt(12, 300), times: 1 });
    const { outs, statusReads, taskReads, end } = await upWithStatus(fewer, 1, f);
    expect(outs).toMatchObject({ taskStatus: "done" });
    expect(statusReads.length).toBeLessThan(100);
    expect(Math.max(...taskReads) - end).toBeLessThanOrEqual(minuteMs);
  }, 20_000);
});
