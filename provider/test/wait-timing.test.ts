import { OVH_ROUTES, type JournalEntry } from "pulumi-reinstall-simulator";
import { failureOf } from "./support/failure-of";
import { ovhFixture, SCALE7, type OvhFixture } from "./support/ovh";

const program = { serviceName: SCALE7, templateName: "debian12_64" };

/**
 * The promises of the schedule (pollSchedule in wait.ts), as numbers, so that a schedule run faster or slower than
 * promised fails here: nothing is read for the first 45 s (the task is init, then todo); install/status is read
 * no more than a minute apart, and exactly a minute apart while the end is far; no two progress reads closer than 10 s.
 */
const firstReadMs = 45_000;
const farGapMs = 60_000;
const minGapMs = 10_000;

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

  it("reads nothing for 45 s after the POST, then install/status a minute apart while the end of an 11-minute install is far", async () => {
    f = await ovhFixture({ installSeconds: 660 });
    await f.up(program);
    const { calls } = afterPost();
    expect(calls[0]).toMatchObject({ route: OVH_ROUTES.installStatus, after: firstReadMs });

    // Five minutes in, the step "Waiting for services to be up" (typically 240 s, install-eta.ts) is still ahead, so
    // even at the fastest pace the estimate believes (minPace 0.4, less the 15% spread) the earliest likely end is
    // at least 0.4 x 0.85 x 240 s = 82 s away, and 85% of that (approach) is more than a minute: every gap is the far
    // one. Hence reads at 45 s, then one each minute.
    const window = 5 * 60_000;
    const early = calls.filter((e) => e.after <= window);
    expect(early.map((e) => e.after)).toEqual(Array.from({ length: 1 + Math.floor((window - firstReadMs) / farGapMs) }, (_, i) => firstReadMs + i * farGapMs));
    expect(early.every((e) => e.route === OVH_ROUTES.installStatus)).toBe(true);

    // Until the task is read (the end is likely), progress reads come no closer than 10 s nor further than a minute apart.
    const firstTaskRead = calls.findIndex((e) => e.route === OVH_ROUTES.task);
    const progress = calls.slice(0, firstTaskRead).map((e) => e.after);
    const gaps = progress.slice(1).map((t, i) => t - progress[i]);
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(minGapMs);
    expect(Math.max(...gaps)).toBeLessThanOrEqual(farGapMs);
  });
});
