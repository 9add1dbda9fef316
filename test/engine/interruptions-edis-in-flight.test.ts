import { EDIS_ROUTES } from "pulumi-reinstall-simulator";
import { ROOT_PASSWORD, useEdisInterruptions } from "./edis-interruptions";

jest.setTimeout(90_000);

/**
 * Rows of the README's interruption table for KvmReinstall, through @pulumi/pulumi's own dynamic provider host: the
 * first run is interrupted for real, a new host process plays the next `pulumi up` (on the same machine, or on
 * another one without its intent journal), and the simulator's journal must show exactly one set/reinstall, and the
 * VPS must end up running the declared image. This file: SIGKILL while set/reinstall is in flight.
 */
describe("KvmReinstall: exactly one reinstall, whatever interrupts pulumi up", () => {
  const t = useEdisInterruptions();

  it("SIGKILL while set/reinstall is in flight: the next up on the same machine, within two minutes of the call, waits for what it may have started (intent journal)", async () => {
    t.edis.inject({ route: EDIS_ROUTES.reinstall, kind: "latency", ms: 1_500, when: "after" });
    const machine = t.world.machine();
    // The next run's host is started first: on a loaded machine, starting one can take longer than the two minutes (6 s scaled).
    const next = await t.world.host(machine);
    await t.world.interrupted({ when: () => t.reinstalls() > 0, signal: "SIGKILL", machine });
    t.reinstalledOnce(await t.world.up(next, undefined));
  });

  it("SIGKILL while set/reinstall is in flight, the next up on the same machine after the reinstall ended unseen (a CI job re-run): it fails at once and sends none; waitForReady: false records it", async () => {
    t.edis.inject({ route: EDIS_ROUTES.reinstall, kind: "latency", ms: 1_500, when: "after" });
    const machine = t.world.machine();
    await t.world.interrupted({ when: () => t.reinstalls() > 0, signal: "SIGKILL", machine });
    const sentAt = t.edis.journal.find((e) => e.route === EDIS_ROUTES.reinstall)!.at;
    // The simulator's reinstall takes 12 s; the re-run begins after it.
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, sentAt + 14_000 - Date.now())));
    const failure = await t.world.failedUp(await t.world.host(machine));
    expect(String((failure as Error).message)).toMatch(
      /cannot tell whether that reinstall happened, and sends none[\s\S]*set waitForReady: false for one run to record it/,
    );
    expect(t.world.keptAfter(failure)).toBeUndefined();
    const outs = await t.world.up(await t.world.host(machine), undefined, { ...t.world.registration.inputs, waitForReady: false });
    expect(outs).toMatchObject({ image: "cloudinit_debian-bookworm", waitForReady: false, reinstalledAt: expect.any(String) });
    expect(t.reinstalls()).toBe(1);
    expect(t.edis.vps(t.kvmId)).toMatchObject({ image: "cloudinit_debian-bookworm", password: ROOT_PASSWORD, portOpen: true });
  });
});
