import { SERVER, useOvhInterruptions, waiting } from "./ovh-interruptions";

jest.setTimeout(90_000);

/**
 * Rows of the README's interruption table for DedicatedServerInstall, through @pulumi/pulumi's own dynamic provider
 * host: the first run is interrupted for real (the host process is killed or signalled, the API fails), a new host
 * process plays the next `pulumi up`, and the simulator's journal must show exactly one install POST. This file:
 * SIGKILL while waiting on the install task.
 */
describe("DedicatedServerInstall: exactly one install, whatever interrupts pulumi up", () => {
  const t = useOvhInterruptions();

  it("SIGKILL while waiting on the task (a crash, a cancelled CI job): the engine drops the create; the next up adopts the running task", async () => {
    const machine = t.world.machine();
    await t.world.interrupted({ when: waiting, signal: "SIGKILL", machine });
    // A loaded machine may take longer to start the next host than the task has left to run: hold the task.
    t.clock.pause();
    const warned = t.warning(/a reinstall was already under way \(task \d+/).finally(t.clock.resume);
    const outs = t.world.up(await t.world.host(machine), undefined);
    await warned;
    t.installedOnce(await outs);
  });

  it("SIGKILL while waiting, next up on another machine after the install finished: the finished install is recorded, not repeated", async () => {
    await t.world.interrupted({ when: waiting, signal: "SIGKILL" });
    while (t.ovh.server(SERVER).os !== "debian12_64") await new Promise((r) => setTimeout(r, 100));
    const warned = t.warning(/installed debian12_64 .* ago .*recorded it instead of installing again/);
    t.installedOnce(await t.world.up(await t.world.host(t.world.machine()), undefined));
    await warned;
  });

  it("SIGKILL while waiting, then other inputs on the same machine: the interrupted install is seen through, then the declared one is posted", async () => {
    const machine = t.world.machine();
    await t.world.interrupted({ when: waiting, signal: "SIGKILL", machine });
    const outs = await t.world.up(await t.world.host(machine), undefined, { ...t.world.registration.inputs, customHostname: "web-9" });
    expect(outs).toMatchObject({ taskStatus: "done", customHostname: "web-9" });
    const tasks = t.ovh.server(SERVER).taskIds;
    expect([t.posts(), tasks.length, outs.taskId]).toEqual([2, 2, Math.max(...tasks)]);
    expect(t.ovh.server(SERVER).hostname).toBe("web-9");
  });
});
