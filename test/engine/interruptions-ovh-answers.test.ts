import { OVH_ROUTES } from "pulumi-reinstall-simulator";
import type { Kept } from "./interruption-world";
import { useOvhInterruptions } from "./ovh-interruptions";

jest.setTimeout(90_000);

/**
 * Rows of the README's interruption table for DedicatedServerInstall, through @pulumi/pulumi's own dynamic provider
 * host: the first run is interrupted for real (the host process is killed or signalled, the API fails), a new host
 * process plays the next `pulumi up`, and the simulator's journal must show exactly one install POST. This file:
 * the install POST's answer lost or unclear.
 */
describe("DedicatedServerInstall: exactly one install, whatever interrupts pulumi up", () => {
  const t = useOvhInterruptions();

  it("SIGKILL while the install POST is in flight: the next up (on another machine) adopts the task OVH created", async () => {
    t.ovh.inject({ route: OVH_ROUTES.reinstall, kind: "latency", ms: 1_500, when: "after" });
    await t.world.interrupted({ when: () => t.posts() > 0, signal: "SIGKILL" });
    t.installedOnce(await t.world.up(await t.world.host(t.world.machine()), undefined));
  });

  it("an ambiguous answer (502 after OVH acted) and a 429 after OVH acted: the same run adopts the task", async () => {
    for (const status of [502, 429]) {
      t.ovh.reset();
      t.ovh.inject({ route: OVH_ROUTES.reinstall, kind: "status", status, body: { message: "upstream trouble" }, when: "after" });
      t.installedOnce(await t.world.up(await t.world.host(t.world.machine()), undefined));
    }
  });

  it("a late answer (OVH carries the POST out after the run gave up on it): the run keeps an unconfirmed start; the next up adopts the late task", async () => {
    t.ovh.inject({ route: OVH_ROUTES.reinstall, kind: "latency", ms: 6_000 });
    const first = await t.world.host(t.world.machine());
    const failure = await t.world.failedUp(first);
    expect(String((failure as Error).message)).toMatch(/failed without a clear answer, and no new reinstall task has appeared yet/);
    const kept = t.world.keptAfter(failure);
    expect(kept?.properties).toMatchObject({ __unconfirmedStart: { afterTaskId: 0 } });
    const outs = await t.world.up(await t.world.host(t.world.machine()), kept as Kept);
    t.installedOnce(outs);
  });
});
