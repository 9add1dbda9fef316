import { EDIS_ROUTES } from "pulumi-reinstall-simulator";
import { useEdisInterruptions } from "./edis-interruptions";

jest.setTimeout(90_000);

/**
 * Rows of the README's interruption table for KvmReinstall, through @pulumi/pulumi's own dynamic provider host: the
 * first run is interrupted for real, a new host process plays the next `pulumi up` (on the same machine, or on
 * another one without its intent journal), and the simulator's journal must show exactly one set/reinstall, and the
 * VPS must end up running the declared image. This file: waits that fail on their own.
 */
describe("KvmReinstall: exactly one reinstall, whatever interrupts pulumi up", () => {
  const t = useEdisInterruptions();

  it("a wait that times out: the run fails keeping the reinstall; the next up resumes it", async () => {
    const timeoutMinutes = 0.05;
    const failure = await t.world.failedUp(await t.world.host(t.world.machine()), { ...t.world.registration.inputs, timeoutMinutes });
    const kept = t.world.keptAfter(failure);
    expect(kept?.properties).toMatchObject({ __waitPending: true, timeoutMinutes });
    t.reinstalledOnce(await t.world.up(await t.world.host(t.world.machine()), kept));
  });

  it("an API outage from the moment EDIS accepted (get/power answers 503), the next up after it: the run fails keeping the accepted reinstall; the next up waits for the new system and sends none", async () => {
    t.edis.inject({ route: EDIS_ROUTES.power, kind: "status", status: 503, times: 1_000 });
    // A 12 s deadline ends the retries within the simulated reinstall's 12 s.
    const failure = await t.world.failedUp(await t.world.host(t.world.machine()), { ...t.world.registration.inputs, timeoutMinutes: 0.2 });
    expect(String((failure as Error).message)).toMatch(/HTTP 503[\s\S]*after \d+ attempts/);
    const kept = t.world.keptAfter(failure);
    // The old system was never seen going down: only EDIS's acceptance tells the next run that it did.
    expect(kept?.properties).toMatchObject({ __waitPending: true, __accepted: true });
    expect(kept?.properties).not.toHaveProperty("downSeenAt");
    t.edis.clearFaults();
    t.reinstalledOnce(await t.world.up(await t.world.host(t.world.machine()), kept));
  });
});
