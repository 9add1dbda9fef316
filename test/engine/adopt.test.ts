import { OVH_ROUTES } from "pulumi-reinstall-simulator";
import { ovhHostWorld, type OvhHostWorld } from "../../harness/ovh-host-world";

type Props = Record<string, unknown>;

jest.setTimeout(120_000);

/**
 * Migrating a server into Pulumi without erasing it, through @pulumi/pulumi's dynamic provider host as the CLI
 * runs it: a fresh host per command, the engine's Check, Diff, Create and Update, warnings to the engine's log.
 * The server is installed out of band by a first resource whose state is then dropped (as `terraform state rm`
 * or `pulumi state delete` leave it); the simulator's journal shows every install POST.
 */
describe("adopting an install through the dynamic provider host: a create that erases nothing", () => {
  let world: OvhHostWorld;
  let urn: string;
  const serviceName = "ns3004242.ip-51-68-9.eu";
  const fresh = () => world.fresh();

  const posts = () => world.ovh.count({ route: OVH_ROUTES.reinstall });
  const warnings = () => world.engine.logs.filter((l) => l.severity === "warning" && l.urn === urn).map((l) => l.message);
  /** The engine's log arrives over its own RPC, not with the answer it goes with: wait until it holds `n` warnings. */
  async function warningsUntil(n: number): Promise<string[]> {
    while (warnings().length < n) await new Promise((resolve) => setTimeout(resolve, 20));
    return warnings();
  }
  /** The program's inputs on the server of this test (ADVANCE-1's single disk group: no diskGroupId). */
  const declared = (extra: Props = {}): Props => {
    const { diskGroupId: _group, ...inputs } = world.web.inputs;
    return { ...inputs, serviceName, ...extra };
  };

  beforeAll(async () => {
    world = await ovhHostWorld({ installSeconds: 6 });
    urn = world.urn();
    world.ovh.cloneServer("ns3005678.ip-51-68-2.eu", serviceName);
  }, 180_000);

  afterAll(() => world?.close());

  it("installed out of band, then adopted with zero install POSTs; a mismatch fails at preview; a later change reinstalls exactly once", async () => {
    // Out of band: a first resource installs ubuntu, then its state is dropped (as `terraform state rm` leaves it).
    const first = await fresh();
    const byTerraform = await first.check(urn, {}, declared({ templateName: "ubuntu2404-server_64" }));
    expect(byTerraform.failures).toEqual([]);
    const outOfBand = await first.create(urn, byTerraform.inputs);
    expect(outOfBand.properties).toMatchObject({ taskStatus: "done", installedOs: "ubuntu2404-server_64" });
    expect(posts()).toBe(1);

    // `pulumi preview` of a declaration that does not match what runs: fails, naming the OS and what to declare.
    const mismatch = await (await fresh()).check(urn, {}, declared({ adopt: true }));
    expect(mismatch.failures).toEqual([
      {
        property: "templateName",
        reason: `adopt: ${serviceName} runs ubuntu2404-server_64, not debian12_64, and adopting never installs; declare templateName: "ubuntu2404-server_64" to adopt what runs, or remove adopt to install debian12_64 (that erases the server)`,
      },
    ]);

    // `pulumi up` with the template that runs: a create that says it erases nothing, and posts nothing.
    const program = declared({ templateName: "ubuntu2404-server_64", adopt: true });
    const up = await fresh();
    const checked = await up.check(urn, {}, program);
    expect(checked.failures).toEqual([]);
    // Said by each preview of the create, the failed one included: it adopts (or fails), it never installs.
    const notice = `DedicatedServerInstall ${serviceName}: this create adopts the running install; nothing is erased`;
    expect(await warningsUntil(2)).toEqual([notice, notice]);
    const adopted = await up.create(urn, checked.inputs);
    expect(adopted.properties).toMatchObject({ taskId: outOfBand.properties.taskId, taskStatus: "done", installedOs: "ubuntu2404-server_64", adopt: true });
    expect(posts()).toBe(1);

    // The next `pulumi preview`, unchanged: no request at all.
    const preview = await fresh();
    const before = world.ovh.journal.length;
    const again = await preview.check(urn, checked.inputs, program);
    expect(await preview.diff(urn, serviceName, adopted.properties, again.inputs)).toEqual({ changes: "none", replaces: [] });
    expect(world.ovh.journal.slice(before)).toEqual([]);

    // A changed input, adopt dropped in the same edit: the usual reinstall warning, then exactly one install.
    const { adopt: _dropped, ...withoutAdopt } = program;
    const change = await fresh();
    const changed = await change.check(urn, again.inputs, { ...withoutAdopt, customHostname: "web-1.example.com" });
    expect(changed.failures).toEqual([]);
    expect(await change.diff(urn, serviceName, adopted.properties, changed.inputs)).toMatchObject({ changes: "some", replaces: [] });
    expect((await warningsUntil(3))[2]).toMatch(/this update REINSTALLS ns3004242\.ip-51-68-9\.eu and erases its disks \(changed: customHostname, adopt\)/);
    const updated = await change.update(urn, serviceName, adopted.properties, changed.inputs);
    expect(updated).toMatchObject({ taskStatus: "done", installedOs: "ubuntu2404-server_64", customHostname: "web-1.example.com" });
    expect(updated.taskId).not.toBe(outOfBand.properties.taskId);
    expect(posts()).toBe(2);
    expect(world.ovh.server(serviceName).hostname).toBe("web-1.example.com");
    expect(warnings()).toHaveLength(3);
  });
});
