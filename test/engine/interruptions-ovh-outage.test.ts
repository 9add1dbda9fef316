import { OVH_ROUTES } from "pulumi-reinstall-simulator";
import { useOvhInterruptions, waiting } from "./ovh-interruptions";

jest.setTimeout(90_000);

/**
 * Rows of the README's interruption table for DedicatedServerInstall, through @pulumi/pulumi's own dynamic provider
 * host: the first run is interrupted for real (the host process is killed or signalled, the API fails), a new host
 * process plays the next `pulumi up`, and the simulator's journal must show exactly one install POST. This file:
 * an API outage during the wait.
 */
describe("DedicatedServerInstall: exactly one install, whatever interrupts pulumi up", () => {
  const t = useOvhInterruptions();

  it("an API outage during the wait: the run fails keeping the task; the next up resumes it", async () => {
    const first = await t.world.host(t.world.machine());
    const polling = t.world.untilLog(waiting);
    const failure = t.world.failedUp(first, { ...t.world.registration.inputs, timeoutMinutes: 0.3 });
    await polling;
    // As long as the wait's deadline lets it retry: 5 s, then 10 s later, then it gives up.
    t.ovh.inject({ route: OVH_ROUTES.task, kind: "status", status: 503, body: { message: "Service Unavailable" }, times: 3 });
    const failure503 = await failure;
    expect(String((failure503 as Error).message)).toMatch(/OVH answered HTTP 503/);
    const kept = t.world.keptAfter(failure503);
    expect(kept?.properties).toMatchObject({ taskId: expect.any(Number) });
    const outs = await t.world.up(await t.world.host(t.world.machine()), kept, t.world.registration.inputs);
    t.installedOnce(outs);
    expect(outs.taskId).toBe(kept!.properties.taskId);
  });
});
