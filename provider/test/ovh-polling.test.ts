import { OVH_ROUTES, type JournalEntry } from "pulumi-reinstall-simulator";
import { pollSchedule } from "../src/ovh/dedicated-server-install/wait";
import { failureOf } from "./support/failure-of";
import { ovhFixture, SCALE7, type OvhFixture } from "./support/ovh";

const program = { serviceName: SCALE7, templateName: "debian12_64" };
/** The simulator dates a task to the second: its end lies within the second after `doneDate`. */
const slack = pollSchedule.denseMs + 1_000;

describe("DedicatedServerInstall waits by the install's estimated end", () => {
  let f: OvhFixture;
  afterEach(() => f.close());

  /** The requests of the create, from the task list read before the POST on. */
  const createCalls = () => f.sim.journal.slice(f.sim.journal.findIndex((e) => e.route === OVH_ROUTES.tasks));
  const on = (route: string, calls: readonly JournalEntry[] = f.sim.journal) => calls.filter((e) => e.route === route);

  it.each([5, 11, 30])("reads the task only near the end of a %i-minute install, and sees the end within one dense interval", async (minutes) => {
    f = await ovhFixture({ installSeconds: minutes * 60 });
    const { outs } = await f.up(program);
    const end = Date.parse(String(outs.doneDate));
    const calls = createCalls();
    const taskReads = on(OVH_ROUTES.task, calls).map((e) => e.at);
    const progressReads = on(OVH_ROUTES.installStatus, calls).map((e) => e.at);
    const post = on(OVH_ROUTES.reinstall, calls)[0].at;

    // Nothing is read while nothing changes; then install/status, sparsely; the task only in the install's last tenth.
    expect(Math.min(...progressReads) - post).toBe(pollSchedule.firstReadMs);
    expect(Math.min(...taskReads)).toBeGreaterThan(end - 0.1 * minutes * 60_000);
    expect(progressReads.filter((t) => t < end - 0.5 * minutes * 60_000).length).toBeLessThanOrEqual(
      Math.ceil((0.5 * minutes * 60_000) / pollSchedule.maxGapMs) + 1,
    );
    expect(Math.max(...taskReads) - end).toBeLessThan(slack);
    // A fixed 15-s poll of the task alone would take 44 reads for an 11-minute install.
    if (minutes === 11) expect(calls.length).toBeLessThanOrEqual(20);
  });

  it.each([
    ["during the long boot wait", 3],
    ["in the middle", 12],
    ["in the final steps", 20],
  ])("a step failing %s is reported as the task's failure within one dense interval of the task's end", async (_where, atStep) => {
    f = await ovhFixture();
    f.sim.failNextInstall(SCALE7, { status: "ovhError", atStep, comment: "installation failed", error: "disk not responding" });
    const error = await failureOf(f.up(program));
    expect(error.message).toMatch(new RegExp(`ended with ovhError: installation failed; step ${atStep}/21 "[^"]+" failed: disk not responding`));
    const end = Date.parse(String(error.properties?.doneDate));
    const taskReads = on(OVH_ROUTES.task).map((e) => e.at);
    // The error was seen in install/status while the task still ran: the task is read densely from then on.
    expect(taskReads.filter((t) => t < end).length).toBeGreaterThan(0);
    expect(Math.max(...taskReads) - end).toBeLessThan(slack);
  });

  it("a progress read that fails is no news: the wait goes on reading the task, and the install is seen through", async () => {
    f = await ovhFixture();
    f.sim.inject({ route: OVH_ROUTES.installStatus, kind: "status", status: 400, times: 1_000 });
    const { outs } = await f.up(program);
    expect(outs).toMatchObject({ taskStatus: "done", installedOs: "debian12_64" });
    expect(on(OVH_ROUTES.installStatus).every((e) => e.status === 400)).toBe(true);
    expect(on(OVH_ROUTES.task).length).toBeGreaterThan(1);
    expect(f.installPosts()).toBe(1);
  });

  it("a progress read that fails now and then does not stop the wait nor hide the end", async () => {
    f = await ovhFixture();
    f.sim.inject({ route: OVH_ROUTES.installStatus, kind: "status", status: 400, times: 3, skip: 2 });
    const { outs } = await f.up(program);
    expect(outs).toMatchObject({ taskStatus: "done" });
    expect(on(OVH_ROUTES.installStatus).filter((e) => e.status === 400)).toHaveLength(3);
    expect(Math.max(...on(OVH_ROUTES.task).map((e) => e.at)) - Date.parse(String(outs.doneDate))).toBeLessThan(slack);
  });

  it("shows elapsed time and the last step seen between reads, without a request", async () => {
    f = await ovhFixture();
    await f.up(program);
    const progressReads = on(OVH_ROUTES.installStatus).length;
    const steps = f.events.filter((e) => e.step !== undefined);
    expect(steps.length).toBeGreaterThan(progressReads + 10);
    const ticks = steps.slice(1).map((e, i) => e.elapsedSeconds - steps[i].elapsedSeconds);
    expect(Math.max(...ticks)).toBeLessThanOrEqual(pollSchedule.tickMs / 1000);
  });

  // While the end is far, install/status is read a minute apart (times the scale) and a tick comes every 30 s (times the
  // scale): one line per tick, and at a read only the read's own line, not the last tick's step at the read's moment.
  it.each([
    { run: "a real run", scale: undefined, tickSeconds: 30 },
    { run: "a dry run at time scale 0.5", scale: "0.5", tickSeconds: 15 },
  ])("$run shows one line every $tickSeconds s while the end is far, at a read the read's own line only", async ({ scale, tickSeconds }) => {
    f = await ovhFixture({ timeScale: scale });
    await f.up(program);
    // Five minutes in, the end of an 11-minute install is still far (wait-timing.test.ts).
    const far = f.events.filter((e) => e.step !== undefined && e.elapsedSeconds <= 300);
    expect(far.length).toBeGreaterThan(8);
    const gaps = far.slice(1).map((e, i) => e.elapsedSeconds - far[i].elapsedSeconds);
    expect(gaps).toEqual(gaps.map(() => tickSeconds));
  });

  it("a dry run reading the task several times a second shows each line once", async () => {
    f = await ovhFixture({ timeScale: "0.05" });
    await f.up(program);
    // 4-s dense reads at scale 0.05 are 200 ms apart: several within one displayed second.
    const taskReads = on(OVH_ROUTES.task).map((e) => e.at);
    expect(Math.min(...taskReads.slice(1).map((t, i) => t - taskReads[i]))).toBeLessThan(1_000);
    const messages = f.events.map((e) => e.message);
    expect(messages.filter((m, i) => m === messages[i - 1])).toEqual([]);
  });

  it("does not read the server after an install it posted: a done task left the declared template", async () => {
    f = await ovhFixture();
    const { outs } = await f.up(program);
    expect(outs).toMatchObject({ installedOs: "debian12_64" });
    expect(on(OVH_ROUTES.server, createCalls())).toHaveLength(0);
  });

  it("reads the server after an adopted install, to check what it left", async () => {
    f = await ovhFixture();
    const running = f.sim.startInstall(SCALE7, "debian12_64");
    const { outs } = await f.up(program);
    expect(outs).toMatchObject({ taskId: running, installedOs: "debian12_64" });
    expect(on(OVH_ROUTES.server, createCalls())).toHaveLength(1);
    expect(f.installPosts()).toBe(0);
  });

  it("reads only the newest of the server's reinstall tasks before posting: OVH runs one at a time", async () => {
    f = await ovhFixture({ installSeconds: 60 });
    for (const os of ["debian11_64", "ubuntu2404-server_64", "debian11_64"]) {
      f.sim.startInstall(SCALE7, os);
      f.clock.advance(2 * 24 * 3600_000);
    }
    await f.up(program);
    const calls = createCalls();
    const post = calls.findIndex((e) => e.route === OVH_ROUTES.reinstall);
    expect(on(OVH_ROUTES.task, calls.slice(0, post))).toHaveLength(1);
    expect(f.installPosts()).toBe(1);
  });
});
