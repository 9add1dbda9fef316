import { OVH_ROUTES, type JournalEntry } from "pulumi-reinstall-simulator";
import { failureOf } from "./support/failure-of";
import { ovhFixture, SCALE7, type OvhFixture } from "./support/ovh";

const program = { serviceName: SCALE7, templateName: "debian12_64" };

/**
 * The promises of the schedule (pollSchedule in wait.ts), as numbers, so that a schedule run faster or slower than
 * promised fails here: nothing is read for the first 45 s (the task is init, then todo); install/status is read
 * no more than a minute apart, and exactly a minute apart while the end is far; no two progress reads closer than 10 s.
 * A dry run multiplies each by its time scale.
 */
const firstRead = 45_000;
const farGap = 60_000;
const minGap = 10_000;

describe("DedicatedServerInstall: when the wait reads, and when it gives up", () => {
  let f: OvhFixture;
  afterEach(() => f.close());

  /** The requests from the install POST on, with their time after it. */
  function afterPost(): { post: number; calls: (JournalEntry & { after: number })[] } {
    const i = f.sim.journal.findIndex((e) => e.route === OVH_ROUTES.reinstall);
    const post = f.sim.journal[i].at;
    return { post, calls: f.sim.journal.slice(i + 1).map((e) => ({ ...e, after: e.at - post })) };
  }

  it("gives up at its deadline, not a poll gap later: the timeout is raised at the deadline, after one last task read", async () => {
    f = await ovhFixture();
    // 150 s into an 11-minute install falls between two progress reads a minute apart (105 s and 165 s).
    const timeoutMinutes = 2.5;
    const error = await failureOf(f.up({ ...program, timeoutMinutes }));
    const raisedAt = f.clock.now();
    expect(error).toMatchObject({ code: "WAIT_TIMEOUT", properties: { taskStatus: "doing" } });
    const { post, calls } = afterPost();
    // The wait's deadline counts from the POST's answer, which takes no virtual time; so does the last task read
    // (the virtual clock holds still during real I/O, and a few reads leave the 60-a-minute budget free): no slack.
    const deadline = post + timeoutMinutes * 60_000;
    expect(raisedAt).toBe(deadline);
    expect(calls.at(-1)).toMatchObject({ route: OVH_ROUTES.task, at: deadline });
    expect(calls.filter((e) => e.at > deadline)).toEqual([]);
  });

  it("gives up after a task read whose retries reach the deadline, without reading the task again at the deadline", async () => {
    f = await ovhFixture();
    // install/status failing is no news: the task is read after each failed progress read, and the next progress read
    // comes 20 s later (noProgressMs), so the task is read at 45 s, 65 s, ... and 145 s, 5 s before a 2.5-minute deadline.
    f.sim.inject({ route: OVH_ROUTES.installStatus, kind: "status", status: 500, times: 1_000 });
    // The read at 145 s answers 503; its retry, a taskPoll backoff (5 s) later, starts at the deadline, still inside it.
    f.sim.inject({ route: OVH_ROUTES.task, kind: "status", status: 503, skip: 5 });
    const timeoutMinutes = 2.5;
    const error = await failureOf(f.up({ ...program, timeoutMinutes }));
    expect(error).toMatchObject({ code: "WAIT_TIMEOUT", properties: { taskStatus: "doing" } });
    const { post, calls } = afterPost();
    const deadline = post + timeoutMinutes * 60_000;
    expect(f.clock.now()).toBe(deadline);
    // That read began before the deadline and ended at it: it is the last, so the task is read once at the deadline.
    const taskReads = calls.filter((e) => e.route === OVH_ROUTES.task).map((e) => ({ after: e.after, status: e.status }));
    expect(taskReads.slice(-3)).toEqual([
      { after: 125_000, status: 200 },
      { after: 145_000, status: 503 },
      { after: 150_000, status: 200 },
    ]);
    expect(calls.at(-1)).toMatchObject({ route: OVH_ROUTES.task, at: deadline });
  });

  it.each([
    { run: "a real run", scale: undefined, first: "45 s", gap: "a minute" },
    { run: "a dry run at time scale 0.5", scale: 0.5, first: "22.5 s", gap: "30 s" },
  ])("$run reads nothing for $first after the POST, then install/status $gap apart while the end of an 11-minute install is far", async ({ scale }) => {
    f = await ovhFixture({ installSeconds: 660, timeScale: scale });
    await f.up(program);
    const [firstReadMs, farGapMs, minGapMs] = [firstRead, farGap, minGap].map((ms) => ms * (scale ?? 1));
    const { calls } = afterPost();
    expect(calls[0]).toMatchObject({ route: OVH_ROUTES.installStatus, after: firstReadMs });

    // Five minutes in, the step "Waiting for services to be up" (typically 240 s, install-eta.ts) is still ahead, so
    // even at the fastest pace the estimate believes (minPace 0.4, less the 15% spread) the earliest likely end is
    // at least 0.4 x 0.85 x 240 s = 82 s away, and 85% of that (approach) is more than a minute: every gap is the far
    // one (and a dry run's, shorter, all the more). Hence reads at 45 s, then one each minute, times the scale: the
    // simulated install keeps its own pace.
    const window = 5 * 60_000;
    const early = calls.filter((e) => e.after <= window);
    expect(early.map((e) => e.after)).toEqual(Array.from({ length: 1 + Math.floor((window - firstReadMs) / farGapMs) }, (_, i) => firstReadMs + i * farGapMs));
    expect(early.every((e) => e.route === OVH_ROUTES.installStatus)).toBe(true);

    // Until the task is read (the end is likely), progress reads come no closer than 10 s nor further than a minute
    // apart, times the scale.
    const firstTaskRead = calls.findIndex((e) => e.route === OVH_ROUTES.task);
    const progress = calls.slice(0, firstTaskRead).map((e) => e.after);
    const gaps = progress.slice(1).map((t, i) => t - progress[i]);
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(minGapMs);
    expect(Math.max(...gaps)).toBeLessThanOrEqual(farGapMs);
  });
});
