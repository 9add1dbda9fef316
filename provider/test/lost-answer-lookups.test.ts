import { OVH_ROUTES } from "pulumi-reinstall-simulator";
import { failureOf } from "./support/failure-of";
import { ovhFixture, SCALE7, type OvhFixture } from "./support/ovh";

/**
 * Right after an install request whose answer was lost, the run looks for the task it may have created at 0, 5 and
 * 15 s apart (shortened by PULUMI_REINSTALL_TIME_SCALE in a dry run), and a task it finds there is said to be that
 * request's. From the real provider against the simulator, in virtual time: the simulator's journal dates the reads.
 */
const declared = { serviceName: SCALE7, templateName: "debian12_64" };

describe("DedicatedServerInstall: the look-ups right after a lost install answer", () => {
  let f: OvhFixture;
  afterEach(() => f.close());

  it.each([
    { run: "a real run", scale: undefined, after: [0, 5_000, 20_000] },
    { run: "a dry run at time scale 0.05", scale: "0.05", after: [0, 250, 1_000] },
  ])("$run reads the server's tasks $after ms after the request, then reports the start unconfirmed", async ({ scale, after }) => {
    f = await ovhFixture({
      timeScale: scale,
    });
    f.sim.inject({ route: OVH_ROUTES.reinstall, kind: "status", status: 504, body: { message: "Gateway Timeout" } });

    const error = await failureOf(f.up(declared));

    expect(error).toMatchObject({ code: "AMBIGUOUS_START" });
    const posts = f.sim.journal.filter((e) => e.route === OVH_ROUTES.reinstall);
    expect(posts).toHaveLength(1);
    const reads = f.sim.journal.slice(f.sim.journal.indexOf(posts[0])).filter((e) => e.route === OVH_ROUTES.tasks);
    expect(reads.map((e) => e.at - posts[0].at)).toEqual(after);
  });

  it("a running task found then is named as the lost request's, not as an interrupted run's or someone else's", async () => {
    f = await ovhFixture();
    f.sim.inject({ route: OVH_ROUTES.reinstall, kind: "status", status: 504, body: { message: "Gateway Timeout" }, when: "after" });

    const { outs } = await f.up(declared);

    const [task] = f.sim.server(SCALE7).taskIds;
    expect(outs).toMatchObject({ taskId: task, taskStatus: "done" });
    expect(f.sim.count({ route: OVH_ROUTES.reinstall })).toBe(1);
    expect(f.warnings).toEqual([
      expect.stringMatching(new RegExp(`a reinstall was already under way \\(task ${task}, .*most likely by the install request whose answer was lost\\)`)),
    ]);
  });
});
