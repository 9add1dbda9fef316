import { OVH_ROUTES } from "pulumi-reinstall-simulator";
import { HostError } from "../../harness/host";
import { ovhLifecycle, SERVER, type OvhLifecycle } from "./ovh-lifecycle";

jest.setTimeout(60_000);

/**
 * A task status this provider does not know, through @pulumi/pulumi's dynamic provider host configured from the
 * stack's config: the wait stops on it, but the task may still be running, so the state keeps it as unfinished and
 * the next `pulumi up` waits on that same task instead of installing again.
 */
describe("an unknown task status: the next up resumes the same task, never posts again", () => {
  let life: OvhLifecycle;

  beforeAll(async () => {
    life = await ovhLifecycle({ installSeconds: 4 });
  }, 180_000);
  afterAll(() => life?.close());

  it("the run fails keeping the task; the preview warns of no reinstall; the next up's Update waits on that task to done with no POST", async () => {
    const { ovh, world } = life;
    const first = world.failedUp(await world.host(world.machine()));
    // The task's id is known once the POST is answered; the wait's first task read comes seconds after it.
    while (ovh.server(SERVER).taskIds.length === 0) await new Promise((resolve) => setTimeout(resolve, 20));
    const [taskId] = ovh.server(SERVER).taskIds;
    const startDate = new Date().toISOString();
    ovh.inject({ route: OVH_ROUTES.task, kind: "status", status: 200, body: { taskId, function: "reinstallServer", status: "waitingForCustomer", comment: "Action required", startDate, doneDate: null } });

    const failure = await first;
    expect(failure).toBeInstanceOf(HostError);
    expect((failure as HostError).message).toMatch(new RegExp(`install task ${taskId} on .* has the status waitingForCustomer, which pulumi-reinstall does not know; it may still be running`));
    const kept = world.keptAfter(failure)!;
    expect(kept.properties).toMatchObject({ taskId, taskStatus: "waitingForCustomer" });

    const next = await world.host(world.machine());
    const { checked, diff } = await world.preview(next, kept);
    expect(diff).toEqual({ changes: "none", replaces: [] });
    const outs = await next.update(world.urn, kept.id, kept.properties, checked);
    expect(outs).toMatchObject({ taskId, taskStatus: "done", installedOs: "debian12_64" });
    expect(life.posts()).toBe(1);
    expect(ovh.server(SERVER).taskIds).toEqual([taskId]);
    // Nothing in between told the engine the machine would be erased again.
    expect(world.engine.logs.filter((l) => l.severity === "warning" && /INSTALLS/.test(l.message))).toEqual([]);
  });
});
