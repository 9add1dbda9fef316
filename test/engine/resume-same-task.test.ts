import { OVH_ROUTES } from "pulumi-reinstall-simulator";
import { HostError } from "../../harness/host";
import type { Kept } from "./interruption-world";
import { ovhLifecycle, SERVER, type OvhLifecycle } from "./ovh-lifecycle";

jest.setTimeout(60_000);

/**
 * A run that stops waiting while OVH may still be installing, through @pulumi/pulumi's dynamic provider host
 * configured from the stack's config: the state keeps the task as unfinished, and the next `pulumi up` (a new
 * host, as each command starts one) previews no reinstall and waits on that same task: one install POST in all.
 */
describe("a wait that stops before the task ends: the next up resumes the same task, never posts again", () => {
  let life: OvhLifecycle;

  beforeAll(async () => {
    life = await ovhLifecycle({ installSeconds: 4 });
  }, 180_000);
  afterAll(() => life?.close());
  beforeEach(() => life.ovh.reset());

  /**
   * The next `pulumi up` of the kept resource, declared as `inputs`: a preview that replaces nothing and announces no
   * reinstall (`changes` tells whether an input that sends nothing changed), and an Update that waits on `taskId` to done.
   */
  async function resumed(kept: NonNullable<Kept>, taskId: number, inputs: Record<string, unknown>, changes: "none" | "some") {
    const { ovh, world } = life;
    const logsBefore = world.engine.logs.length;
    const next = await world.host(world.machine());
    const { checked, diff } = await world.preview(next, kept, inputs);
    expect(diff).toEqual({ changes, replaces: [] });
    const outs = await next.update(world.urn, kept.id, kept.properties, checked);
    expect(outs).toMatchObject({ taskId, taskStatus: "done", installedOs: "debian12_64" });
    expect(life.posts()).toBe(1);
    expect(ovh.server(SERVER).taskIds).toEqual([taskId]);
    // Nothing told the engine the machine would be erased again.
    expect(world.engine.logs.slice(logsBefore).filter((l) => l.severity === "warning" && /INSTALLS/.test(l.message))).toEqual([]);
  }

  it("a task status the provider does not know: the run fails keeping the task as it may still run", async () => {
    const { ovh, world } = life;
    const first = world.failedUp(await world.host(world.machine()));
    // The task's id is known once the POST is answered; the wait's first task read comes seconds after it.
    while (ovh.server(SERVER).taskIds.length === 0) await new Promise((resolve) => setTimeout(resolve, 20));
    const [taskId] = ovh.server(SERVER).taskIds;
    const startDate = new Date().toISOString();
    ovh.inject({
      route: OVH_ROUTES.task,
      kind: "status",
      status: 200,
      body: { taskId, function: "reinstallServer", status: "waitingForCustomer", comment: "Action required", startDate, doneDate: null },
    });

    const failure = await first;
    expect(failure).toBeInstanceOf(HostError);
    expect((failure as HostError).message).toMatch(
      new RegExp(`install task ${taskId} on .* has the status waitingForCustomer, which pulumi-reinstall does not know; it may still be running`),
    );
    const kept = world.keptAfter(failure)!;
    expect(kept.properties).toMatchObject({ taskId, taskStatus: "waitingForCustomer" });
    await resumed(kept, taskId, world.registration.inputs, "none");
  });

  it("timeoutMinutes reached while the task runs: the run fails keeping the task; the next up resumes it", async () => {
    const { ovh, world } = life;
    // The wait's deadline (1.8 s) comes before its first read and long before the install's end.
    ovh.setInstallSeconds(SERVER, 8);
    const failure = await world.failedUp(await world.host(world.machine()), { ...world.registration.inputs, timeoutMinutes: 0.03 });
    expect(failure).toBeInstanceOf(HostError);
    const [taskId] = ovh.server(SERVER).taskIds;
    expect((failure as HostError).message).toMatch(new RegExp(`install task ${taskId} on .* is still \\w+.* the install goes on at OVH`));
    const kept = world.keptAfter(failure)!;
    expect(kept.properties).toMatchObject({ taskId, timeoutMinutes: 0.03, taskStatus: expect.stringMatching(/^(init|todo|doing)$/) });
    // What the message suggests: run it again with more time (the default), a change that sends nothing.
    await resumed(kept, taskId, world.registration.inputs, "some");
  });
});
