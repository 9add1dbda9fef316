import { OVH_ROUTES } from "pulumi-reinstall-simulator";
import { pollSchedule } from "../src/ovh/dedicated-server-install/wait";
import { failureOf } from "./support/failure-of";
import { ovhFixture, SCALE7, type OvhFixture } from "./support/ovh";
import { answerEveryTaskRead } from "./support/task-answers";

/** Two long steps, the second begun, 1,345 s in: the latest likely end is 1,377 s in (see the tests below). */
const twoLongStepsLate = {
  elapsedTime: 1345,
  progress: ["Waiting for server to boot", "Waiting for services to be up"].map((comment, i) => ({ comment, error: "", status: i === 0 ? "done" : "doing" })),
};

describe("DedicatedServerInstall: a task still running past the likely end", () => {
  let f: OvhFixture;
  afterEach(() => f.close());

  it("places the end again: install/status is read one dense interval after the last dense task read, not at once, not never", async () => {
    f = await ovhFixture();
    // The task never ends (every read answers doing), so the dense reads around the likely end run out without an end.
    answerEveryTaskRead(f, "doing", "Reinstalling");
    const error = await failureOf(f.up({ serviceName: SCALE7, templateName: "debian12_64", timeoutMinutes: 20 }));
    expect(error).toMatchObject({ code: "WAIT_TIMEOUT" });
    const post = f.sim.journal.findIndex((e) => e.route === OVH_ROUTES.reinstall);
    const calls = f.sim.journal.slice(post + 1);
    const firstTaskRead = calls.findIndex((e) => e.route === OVH_ROUTES.task);
    const later = calls.slice(firstTaskRead).map((e, i, all) => ({ route: e.route, gap: i === 0 ? undefined : e.at - all[i - 1].at }));
    const progressReads = later.filter((e) => e.route === OVH_ROUTES.installStatus);
    expect(progressReads.length).toBeGreaterThan(0);
    for (const read of progressReads) expect(read.gap).toBeCloseTo(pollSchedule.denseMs, 6);
  });

  // Two long steps, the second begun (typically 150 s and 240 s, after 33 s before the first: 423 s, install-eta.ts),
  // 1,345 s in: the latest likely end is 3 x (423 + 15% of 240) = 1,377 s in, exactly 8 dense intervals after the read
  // (ovh-wait-reads-the-task-where-install-status-places-the-end.test.ts). The simulated 11-minute install is still
  // doing then. The task read landing on that end is made; the one after, past it, is install/status instead.
  it("reads the task every dense interval up to and at the latest likely end, then install/status one interval past it", async () => {
    f = await ovhFixture();
    f.sim.inject({ route: OVH_ROUTES.installStatus, kind: "status", status: 200, body: twoLongStepsLate });
    const { outs } = await f.up({ serviceName: SCALE7, templateName: "debian12_64" });
    expect(outs).toMatchObject({ taskStatus: "done" });
    const reads = f.sim.journal.filter((e) => e.route === OVH_ROUTES.task || e.route === OVH_ROUTES.installStatus);
    const scripted = reads.findIndex((e) => e.route === OVH_ROUTES.installStatus);
    const latestEnd = 8 * pollSchedule.denseMs;
    const taskReads = Array.from({ length: 8 }, (_, i) => ({ route: OVH_ROUTES.task, after: (i + 1) * pollSchedule.denseMs }));
    expect(reads.slice(scripted + 1, scripted + 10).map((e) => ({ route: e.route, after: e.at - reads[scripted].at }))).toEqual([
      ...taskReads,
      { route: OVH_ROUTES.installStatus, after: latestEnd + pollSchedule.denseMs },
    ]);
  });

  // The same dense reads run out at 1,377 s; install/status, read one interval later, places the end afresh (the
  // simulated install is a minute or so in). A failed install/status read after that is followed by a task read at
  // once, and that task read, no longer near any likely end, is followed by what the new estimate says: install/status
  // no sooner than the shortest gap, not one dense interval later as if the old end still held.
  it("once install/status is read past the likely end, the old end no longer holds: after a task read, install/status comes at the new estimate's gap", async () => {
    f = await ovhFixture();
    f.sim.inject({ route: OVH_ROUTES.installStatus, kind: "status", status: 200, body: twoLongStepsLate });
    f.sim.inject({ route: OVH_ROUTES.installStatus, kind: "status", status: 500, skip: 2 });
    const { outs } = await f.up({ serviceName: SCALE7, templateName: "debian12_64" });
    expect(outs).toMatchObject({ taskStatus: "done" });
    const reads = f.sim.journal.filter((e) => e.route === OVH_ROUTES.task || e.route === OVH_ROUTES.installStatus);
    const failed = reads.filter((e) => e.route === OVH_ROUTES.installStatus)[2];
    const [taskRead, next] = reads.slice(reads.indexOf(failed) + 1, reads.indexOf(failed) + 3);
    expect(taskRead).toMatchObject({ route: OVH_ROUTES.task, at: failed.at });
    expect(next.route).toBe(OVH_ROUTES.installStatus);
    expect(next.at - taskRead.at).toBeGreaterThanOrEqual(pollSchedule.minGapMs);
  });
});
