import { OVH_ROUTES } from "pulumi-reinstall-simulator";
import { ovhHostWorld, type OvhHostWorld } from "../../harness/ovh-host-world";

type Props = Record<string, unknown>;

/** The SCALE-7 of OVH's hardware example: disk group 1 (2× SSD 480 GB) and disk group 2 (2× NVMe 1920 GB). */
const SCALE7 = "ns3001234.ip-51-68-1.eu";
const system = { diskGroupId: 1, partitioning: { layout: [{ fileSystem: "ext4", mountPoint: "/", raidLevel: 1 }] } };

jest.setTimeout(120_000);

/**
 * Keeping a data disk group through @pulumi/pulumi's dynamic provider host, as `pulumi preview` and `pulumi up`
 * run the packed provider: the system group is reinstalled, the data group is left as it was.
 */
describe("keeping a data disk group through the dynamic provider host", () => {
  let world: OvhHostWorld;
  const fresh = () => world.fresh();
  const urn = () => world.urn();

  /** The example's web-1 on SCALE-7 with this storage instead of its diskGroupId. */
  const declaring = (storage: Props[]): Props => {
    const { diskGroupId: _group, ...inputs } = world.web.inputs;
    return { ...inputs, serviceName: SCALE7, storage };
  };

  beforeAll(async () => {
    world = await ovhHostWorld({ installSeconds: 6 });
  }, 180_000);

  afterAll(() => world?.close());

  it("preview: keeping the group the OS goes on fails, naming storage[1].diskGroupId and the group that can be kept", async () => {
    const host = await fresh();
    const checked = await host.check(urn(), {}, declaring([system, { diskGroupId: 1, erase: false }]));
    expect(checked.failures).toEqual([
      {
        property: "storage[1].diskGroupId",
        reason:
          "disk group 1 is where the OS is installed (storage[0]), and OVH always erases it; disk groups that can be kept or erased: 2 (2 X Disk NVME 1920 GB, JBOD)",
      },
    ]);
    expect(world.ovh.count({ route: OVH_ROUTES.reinstall })).toBe(0);
  });

  it("up: reinstalls disk group 1 and keeps disk group 2", async () => {
    const storage = [system, { diskGroupId: 2, erase: false }];
    const host = await fresh();
    const checked = await host.check(urn(), {}, declaring(storage));
    expect(checked.failures).toEqual([]);
    const created = await host.create(urn(), checked.inputs);

    expect(created).toMatchObject({ id: SCALE7, properties: { storage, taskStatus: "done", installedOs: "debian12_64" } });
    const posts = world.ovh.journal.filter((e) => e.route === OVH_ROUTES.reinstall);
    expect(posts.map((p) => (p.body as Props).storage)).toEqual([storage]);
    expect(world.ovh.server(SCALE7)).toMatchObject({ os: "debian12_64", disks: { installedOn: 1, erased: [1], kept: [2] } });
  });
});
