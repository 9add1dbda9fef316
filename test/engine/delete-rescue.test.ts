import { BOOT_OPTIONS, OVH_ROUTES } from "pulumi-reinstall-simulator";
import { ovhHostWorld, type OvhHostWorld } from "../../harness/ovh-host-world";

type Props = Record<string, unknown>;

jest.setTimeout(120_000);

/**
 * Delete through @pulumi/pulumi's dynamic provider host, as `pulumi destroy` runs it: a fresh host gets Configure,
 * then Delete with the resource's state. Without onDelete it forgets; with it, the server is set to boot the
 * declared rescue and rebooted once, and the Delete RPC answers only once the reboot task is done.
 */
describe("delete through the dynamic provider host: forget by default, rescue and reboot when asked", () => {
  let world: OvhHostWorld;
  const rescue = BOOT_OPTIONS.find((b) => b.kernel === "rescue12-customer")!;
  const fresh = () => world.fresh();
  const urn = () => world.urn();

  /** A server of its own (a copy of ADVANCE-1), declared as the program declares web-1, plus `extra`. */
  let servers = 0;
  const declared = (extra: Props = {}): Props => {
    const serviceName = `ns300${++servers}88.ip-51-68-8.eu`;
    world.ovh.cloneServer("ns3005678.ip-51-68-2.eu", serviceName);
    const { diskGroupId: _group, ...inputs } = world.web.inputs;
    return { ...inputs, serviceName, ...extra };
  };

  /** One `up` of a new resource in a fresh host: its state. */
  async function up(inputs: Props): Promise<Props> {
    const host = await fresh();
    const checked = await host.check(urn(), {}, inputs);
    expect(checked.failures).toEqual([]);
    return (await host.create(urn(), checked.inputs)).properties;
  }

  const routesSince = (from: number) => world.ovh.journal.slice(from).map((e) => e.route);

  beforeAll(async () => {
    world = await ovhHostWorld({ installSeconds: 6, rebootSeconds: 4 });
  }, 180_000);

  afterAll(() => world?.close());

  it("without onDelete, Delete sends no request at all", async () => {
    const state = await up(declared());
    const host = await fresh();
    const before = world.ovh.journal.length;
    await host.delete(urn(), String(state.serviceName), state);
    expect(routesSince(before)).toEqual([]);
  });

  it("with onDelete, Delete sets the rescue boot, reboots once and answers once the reboot task is done", async () => {
    const state = await up(declared({ onDelete: { rescue: "rescue12-customer" } }));
    expect(state.onDelete).toEqual({ rescue: "rescue12-customer" });
    const serviceName = String(state.serviceName);
    const host = await fresh();
    const before = world.ovh.journal.length;
    await host.delete(urn(), serviceName, state);

    const calls = world.ovh.journal.slice(before);
    expect(calls.filter((e) => e.route === OVH_ROUTES.updateServer).map((e) => e.body)).toEqual([{ bootId: rescue.bootId }]);
    expect(calls.filter((e) => e.route === OVH_ROUTES.reboot)).toHaveLength(1);
    const routes = calls.map((e) => e.route);
    expect(routes.indexOf(OVH_ROUTES.updateServer)).toBeLessThan(routes.indexOf(OVH_ROUTES.reboot));
    // The answer came after a task read made once the reboot (4 s on the simulator's clock) had ended.
    const rebootAt = calls.find((e) => e.route === OVH_ROUTES.reboot)!.at;
    expect(calls.filter((e) => e.route === OVH_ROUTES.task).at(-1)!.at).toBeGreaterThanOrEqual(rebootAt + 4_000);
    expect(world.ovh.bootId(serviceName)).toBe(rescue.bootId);
    expect(world.engine.logs.some((l) => l.message.includes(`${serviceName}: rebooted on rescue12-customer (boot ${rescue.bootId}) by task`))).toBe(true);
  });

  it("a rescue name the server does not have fails at preview, naming the field and listing its rescue boots", async () => {
    const host = await fresh();
    const checked = await host.check(urn(), {}, declared({ onDelete: { rescue: "rescue-customer" } }));
    expect(checked.failures).toEqual([
      { property: "onDelete.rescue", reason: expect.stringContaining('no rescue boot "rescue-customer"; rescue boots: rescue64-pro (1122') },
    ]);
    expect(checked.failures[0].reason).toContain("rescue12-customer (230242");
  });
});
