import { OVH_ROUTES, type OvhSimulator } from "pulumi-reinstall-simulator";
import { ovhLifecycle, SERVER, type OvhLifecycle } from "./ovh-lifecycle";

jest.setTimeout(60_000);

/**
 * An install POST that OVH carried out but whose answer was lost, through @pulumi/pulumi's dynamic provider host
 * configured from the stack's config. The run is killed for real while it looks for the task its POST may have
 * created, so the engine keeps nothing, and the next `pulumi up`, on another machine (no intent journal), must find
 * that task on the server and adopt it: one install POST in all.
 */
describe("an ambiguous install POST: the next up adopts the task it created, never posts again", () => {
  let life: OvhLifecycle;

  beforeAll(async () => {
    life = await ovhLifecycle({ installSeconds: 6 });
  }, 180_000);
  afterAll(() => life?.close());
  beforeEach(() => life.ovh.reset());

  it.each<[string, Parameters<OvhSimulator["inject"]>[0]]>([
    ["a connection cut (reset)", { route: OVH_ROUTES.reinstall, kind: "reset", when: "after" }],
    ["a 503", { route: OVH_ROUTES.reinstall, kind: "status", status: 503, body: { message: "Service Unavailable" }, when: "after" }],
  ])("%s after OVH created the task", async (_what, fault) => {
    const { ovh, world } = life;
    ovh.inject(fault);
    // The task list is read once before the POST; the look-up after the lost answer hangs until the run is killed.
    ovh.inject({ route: OVH_ROUTES.tasks, kind: "hang", skip: 1 });
    const { exitCode } = await world.interrupted({ when: () => ovh.count({ route: OVH_ROUTES.tasks }) >= 2, signal: "SIGKILL" });
    expect(exitCode).toBeNull();
    expect(ovh.journal.filter((e) => e.route === OVH_ROUTES.reinstall).map((e) => e.status)).toEqual([fault.kind === "reset" ? 0 : 503]);
    const [taskId] = ovh.server(SERVER).taskIds;
    expect(taskId).toEqual(expect.any(Number));

    // Under way, or already finished if starting the next host took long: either way it is that task, recorded.
    const warned = life.warning(new RegExp(`task ${taskId}\\b.*(waiting for it instead of starting a second one|recorded it instead of installing again)`));
    const outs = await world.up(await world.host(world.machine()), undefined);
    await warned;
    expect(outs).toMatchObject({ taskId, taskStatus: "done", installedOs: "debian12_64" });
    expect(life.posts()).toBe(1);
    expect(ovh.server(SERVER).taskIds).toEqual([taskId]);
  });
});
