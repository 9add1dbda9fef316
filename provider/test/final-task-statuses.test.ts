import { OVH_ROUTES } from "pulumi-reinstall-simulator";
import { failureOf } from "./support/failure-of";
import { ovhFixture, SCALE7, type OvhFixture } from "./support/ovh";

const program = { serviceName: SCALE7, templateName: "debian12_64" };

/** `dedicated.TaskStatusEnum` (docs/api/ovh.md#task-status-values): the final statuses other than done, and what each asks the user to do. */
const failures = [
  ["cancelled", "task cancelled by the customer", /the task was cancelled; run `pulumi up` to install again/],
  ["customerError", "partitioning scheme incompatible with this hardware", /OVH blames the request/],
  ["ovhError", "hardware reboot failed", /OVH reports a failure on its side/],
] as const;

describe("DedicatedServerInstall: which task statuses end the wait", () => {
  let f: OvhFixture;
  afterEach(() => f.close());

  it.each(failures)("a task ending %s ends the wait as a failed install quoting the task's comment, with the task in state", async (status, comment, next) => {
    f = await ovhFixture();
    f.sim.failNextInstall(SCALE7, { status, atStep: 4, comment });
    const error = await failureOf(f.up(program));
    expect(error).toMatchObject({ code: "TASK_FAILED", id: SCALE7, properties: { taskStatus: status, taskComment: comment } });
    expect(error.message).toMatch(
      new RegExp(`install task ${String(error.properties?.taskId)} on ${SCALE7.replace(/\./g, "\\.")} ended with ${status}: ${comment}`),
    );
    expect(error.message).toMatch(next);
    expect(error.message).not.toMatch(/does not know|may still be running/);
  });

  it("a task read while init, then todo, is still running: the wait goes on and sees the install through", async () => {
    // An hour-long install is init for its first 72 s and todo until 180 s; with install/status refused, every
    // progress read is followed by a task read, so the task is read in both statuses.
    f = await ovhFixture({ installSeconds: 3600 });
    f.sim.inject({ route: OVH_ROUTES.installStatus, kind: "status", status: 400, times: 100_000 });
    const { outs } = await f.up(program);
    expect(outs).toMatchObject({ taskStatus: "done", installedOs: "debian12_64" });
    const seen = f.events.map((e) => /task \d+ (\w+),/.exec(e.message)?.[1]).filter((s) => s !== undefined);
    expect(new Set(seen)).toEqual(new Set(["init", "todo", "doing"]));
    expect(f.installPosts()).toBe(1);
  });
});
