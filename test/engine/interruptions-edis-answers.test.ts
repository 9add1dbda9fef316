import { EDIS_ROUTES, type EdisSimulator } from "pulumi-reinstall-simulator";
import { useEdisInterruptions } from "./edis-interruptions";

jest.setTimeout(90_000);

/**
 * Rows of the README's interruption table for KvmReinstall, through @pulumi/pulumi's own dynamic provider host: the
 * first run is interrupted for real, a new host process plays the next `pulumi up` (on the same machine, or on
 * another one without its intent journal), and the simulator's journal must show exactly one set/reinstall, and the
 * VPS must end up running the declared image. This file: answers that leave it unclear whether EDIS acted.
 */
describe("KvmReinstall: exactly one reinstall, whatever interrupts pulumi up", () => {
  const t = useEdisInterruptions();

  it.each<[string, Parameters<EdisSimulator["inject"]>[0]]>([
    ["a 502 after EDIS acted", { route: EDIS_ROUTES.reinstall, kind: "status", status: 502, when: "after" }],
    ["a reset after EDIS acted", { route: EDIS_ROUTES.reinstall, kind: "reset", when: "after" }],
    ["a 429 after EDIS acted", { route: EDIS_ROUTES.reinstall, kind: "status", status: 429, body: { error: "Too many requests" }, when: "after" }],
    ["a late answer (EDIS acts after the run gave up)", { route: EDIS_ROUTES.reinstall, kind: "latency", ms: 4_000 }],
  ])("%s: the run keeps a pending wait; the next up watches for that reinstall and sends none", async (_what, fault) => {
    t.edis.inject(fault);
    const failure = await t.world.failedUp(await t.world.host(t.world.machine()));
    expect(String((failure as Error).message)).toMatch(/failed without a clear answer: the VPS may or may not be reinstalling/);
    const kept = t.world.keptAfter(failure);
    expect(kept?.properties).toMatchObject({ __waitPending: true });
    t.reinstalledOnce(await t.world.up(await t.world.host(t.world.machine()), kept));
  });
});
