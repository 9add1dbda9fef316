import { accepted, useEdisInterruptions } from "./edis-interruptions";

jest.setTimeout(90_000);

/**
 * Rows of the README's interruption table for KvmReinstall, through @pulumi/pulumi's own dynamic provider host: the
 * first run is interrupted for real, a new host process plays the next `pulumi up` (on the same machine, or on
 * another one without its intent journal), and the simulator's journal must show exactly one set/reinstall, and the
 * VPS must end up running the declared image. This file: SIGTERM and SIGINT while waiting.
 */
describe("KvmReinstall: exactly one reinstall, whatever interrupts pulumi up", () => {
  const t = useEdisInterruptions();

  it.each(["SIGTERM", "SIGINT"] as const)(
    "%s while waiting (a cancelled job, Ctrl-C): the wait ends at once in the init-failure form, the host exits, the next up resumes",
    async (signal) => {
      const { ended, exitCode } = await t.world.interrupted({ when: accepted, signal });
      expect(String((ended as Error).message)).toMatch(new RegExp(`told to stop \\(${signal}\\) while waiting for ${t.kvmId} to come up`));
      const kept = t.world.keptAfter(ended);
      expect(kept?.properties).toMatchObject({ __waitPending: true, reinstalledAt: expect.any(String), __provider: t.world.registration.inputs.__provider });
      expect(exitCode).toBe(130);
      t.reinstalledOnce(await t.world.up(await t.world.host(t.world.machine()), kept));
    },
  );
});
