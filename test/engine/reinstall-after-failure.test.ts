import { HostError } from "../../harness/host";
import { ovhLifecycle, SERVER, type OvhLifecycle } from "./ovh-lifecycle";

jest.setTimeout(60_000);

/**
 * An install task that ends failed, through @pulumi/pulumi's dynamic provider host configured from the stack's
 * config: the run fails keeping the task in state; the next `pulumi up` (a new host, as each command starts one)
 * previews no change but a warning, and its Update, which the engine calls because the state holds an init error,
 * installs again exactly once. The up after that has nothing to do. (ovhError takes the same path as customerError;
 * cancelled is the status most easily mistaken for one still running.)
 */
describe("a failed install: the next up installs again, exactly once", () => {
  let life: OvhLifecycle;

  beforeAll(async () => {
    life = await ovhLifecycle({ installSeconds: 3 });
  }, 180_000);
  afterAll(() => life?.close());
  beforeEach(() => life.ovh.reset());

  it.each(["customerError", "cancelled"] as const)("a task that ends %s", async (status) => {
    const { ovh, world } = life;
    ovh.failNextInstall(SERVER, { status, atStep: 3, comment: `simulated ${status}` });
    const failure = await world.failedUp(await world.host(world.machine()));
    expect(failure).toBeInstanceOf(HostError);
    expect((failure as HostError).message).toMatch(
      new RegExp(`install task \\d+ on ${SERVER.replace(/\./g, "\\.")} ended with ${status}: simulated ${status}`),
    );
    const [failedTask] = ovh.server(SERVER).taskIds;
    const kept = world.keptAfter(failure)!;
    expect(kept.properties).toMatchObject({ taskId: failedTask, taskStatus: status, __provider: world.registration.inputs.__provider });
    expect(life.posts()).toBe(1);

    const next = await world.host(world.machine());
    const warned = life.warning(new RegExp(`the last install \\(task ${failedTask}\\) ended with ${status}; this update INSTALLS AGAIN`));
    const { checked, diff } = await world.preview(next, kept);
    expect(diff).toEqual({ changes: "none", replaces: [] });
    await warned;
    const outs = await next.update(world.urn, kept.id, kept.properties, checked);
    expect(outs).toMatchObject({ taskStatus: "done", installedOs: "debian12_64" });
    expect(outs.taskId).not.toBe(failedTask);
    expect(life.posts()).toBe(2);
    expect(ovh.server(SERVER).taskIds).toEqual([failedTask, outs.taskId]);
    expect(ovh.server(SERVER).os).toBe("debian12_64");

    // The state now records a done install: the next preview finds nothing to change, so the engine calls nothing else.
    const after = await world.preview(next, { id: kept.id, properties: outs, inputs: checked });
    expect(after.diff).toEqual({ changes: "none", replaces: [] });
    expect(life.posts()).toBe(2);
  });
});
