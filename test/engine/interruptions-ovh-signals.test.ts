import { useOvhInterruptions, waiting } from "./ovh-interruptions";

jest.setTimeout(90_000);

/**
 * Rows of the README's interruption table for DedicatedServerInstall, through @pulumi/pulumi's own dynamic provider
 * host: the first run is interrupted for real (the host process is killed or signalled, the API fails), a new host
 * process plays the next `pulumi up`, and the simulator's journal must show exactly one install POST. This file:
 * SIGTERM and SIGINT while waiting.
 */
describe("DedicatedServerInstall: exactly one install, whatever interrupts pulumi up", () => {
  const t = useOvhInterruptions();

  it.each(["SIGTERM", "SIGINT"] as const)(
    "%s while waiting (a cancelled job, Ctrl-C): the wait ends at once in the init-failure form, the host exits, the next up resumes",
    async (signal) => {
      const { ended, exitCode } = await t.world.interrupted({ when: waiting, signal });
      const kept = t.world.keptAfter(ended);
      expect(kept?.properties).toMatchObject({ taskId: expect.any(Number), __provider: t.world.registration.inputs.__provider });
      expect(String((ended as Error).message)).toMatch(new RegExp(`told to stop \\(${signal}\\) while waiting on install task`));
      expect(exitCode).toBe(130);
      const outs = await t.world.up(await t.world.host(t.world.machine()), kept);
      t.installedOnce(outs);
      expect(outs.taskId).toBe(kept!.properties.taskId);
    },
  );
});
