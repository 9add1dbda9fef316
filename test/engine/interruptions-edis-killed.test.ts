import { EDIS_ROUTES } from "pulumi-reinstall-simulator";
import { accepted, ROOT_PASSWORD, useEdisInterruptions } from "./edis-interruptions";

jest.setTimeout(90_000);

/**
 * Rows of the README's interruption table for KvmReinstall, through @pulumi/pulumi's own dynamic provider host: the
 * first run is interrupted for real, a new host process plays the next `pulumi up` (on the same machine, or on
 * another one without its intent journal), and the simulator's journal must show exactly one set/reinstall, and the
 * VPS must end up running the declared image. This file: SIGKILL once EDIS has accepted the reinstall.
 */
describe("KvmReinstall: exactly one reinstall, whatever interrupts pulumi up", () => {
  const t = useEdisInterruptions();

  it("SIGKILL after EDIS accepted (a crash, a closed laptop): the next up on the same machine waits for that reinstall (intent journal)", async () => {
    const machine = t.world.machine();
    await t.world.interrupted({ when: accepted, signal: "SIGKILL", machine });
    const warned = t.warning(/an earlier run, interrupted, sent a reinstall of cloudinit_debian-bookworm at .*; waiting for it instead of sending another/);
    t.reinstalledOnce(await t.world.up(await t.world.host(machine), undefined));
    await warned;
  });

  it("SIGKILL after EDIS accepted, then a new password on the same machine: the interrupted reinstall is seen through, then the declared one is sent", async () => {
    const machine = t.world.machine();
    await t.world.interrupted({ when: accepted, signal: "SIGKILL", machine });
    const rotated = "Rotated+Root=Pass9!";
    const outs = await t.world.up(await t.world.host(machine), undefined, { ...t.world.registration.inputs, password: rotated });
    expect(outs).toMatchObject({ readyAt: expect.any(String) });
    const sent = t.edis.journal.filter((e) => e.route === EDIS_ROUTES.reinstall).map((e) => (e.body as { password: string }).password);
    expect(sent).toEqual([ROOT_PASSWORD, rotated]);
    expect(t.edis.vps(t.kvmId)).toMatchObject({ password: rotated, portOpen: true });
  });

  it("SIGKILL while the VPS reinstalls, next up from another machine (a new CI runner): the VPS found down is waited for, not reinstalled", async () => {
    // The next runner's host is started first: on a loaded machine, starting one can outlast the simulated reinstall.
    const next = await t.world.host(t.world.machine());
    await t.world.interrupted({ when: /closed: reinstalling/, signal: "SIGKILL" });
    const warned = t.warning(/was closed when this run began and then came up: a reinstall was under way/);
    t.reinstalledOnce(await t.world.up(next, undefined));
    await warned;
  });
});
