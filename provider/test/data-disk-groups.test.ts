import { OVH_ROUTES, OVH_SERVERS } from "pulumi-reinstall-simulator";
import { ovhFixture, ADVANCE1, SCALE7, type OvhFixture, type Props } from "./support/ovh";

/** SCALE-7's disk groups, as check failures list the ones that can be kept. */
const GROUP_1 = "1 (2 X Disk SSD 480 GB, JBOD)";
const GROUP_2 = "2 (2 X Disk NVME 1920 GB, JBOD)";
const debian = (storage: Props[], extra: Props = {}) => ({ serviceName: SCALE7, templateName: "debian12_64", storage, ...extra });
const root = { partitioning: { layout: [{ fileSystem: "ext4", mountPoint: "/", raidLevel: 1 }] } };

describe("DedicatedServerInstall storage: further entries keep or erase other disk groups (docs/api/ovh.md#keeping-data-disk-groups)", () => {
  let f: OvhFixture;
  beforeAll(async () => {
    f = await ovhFixture();
  });
  afterAll(() => f.close());

  const failures = async (inputs: Props) => (await f.provider.check({}, inputs)).failures;

  it.each<[string, Props, { property: string; reason: string }[]]>([
    [
      "erase: false on the OS's entry",
      debian([{ erase: false }]),
      [{ property: "storage[0].erase", reason: "storage[0] is the disk group the OS is installed on, which OVH always erases: erase cannot be false there" }],
    ],
    [
      "a further entry that partitions",
      debian([{}, { diskGroupId: 2, erase: false, ...root }]),
      [
        {
          property: "storage[1]",
          reason:
            "OVH installs on one disk group: give at most one storage entry that installs (storage[0]); storage[1] may only name a diskGroupId and set erase (Server::NotImplemented::DiskGroupMultipleConfigs)",
        },
      ],
    ],
    [
      "a further entry without erase",
      debian([{}, { diskGroupId: 2 }]),
      [
        {
          property: "storage[1]",
          reason:
            "OVH installs on one disk group: give at most one storage entry that installs (storage[0]); storage[1] may only name a diskGroupId and set erase (Server::NotImplemented::DiskGroupMultipleConfigs)",
        },
      ],
    ],
    [
      "a further entry without diskGroupId",
      debian([{}, { erase: false }]),
      [{ property: "storage[1].diskGroupId", reason: "storage[1] keeps or erases another disk group than the OS's: give its diskGroupId (1 or more)" }],
    ],
    [
      "a disk group named twice",
      debian([{ diskGroupId: 1 }, { diskGroupId: 2, erase: false }, { diskGroupId: 2, erase: true }]),
      [{ property: "storage[2].diskGroupId", reason: "disk group 2 is already in storage[1]; name each disk group once" }],
    ],
    [
      "the OS's own group, named in storage[0]",
      debian([{ diskGroupId: 2 }, { diskGroupId: 2, erase: false }]),
      [
        {
          property: "storage[1].diskGroupId",
          reason: `disk group 2 is where the OS is installed (storage[0]), and OVH always erases it; disk groups that can be kept or erased: ${GROUP_1}`,
        },
      ],
    ],
    [
      "the OS's own group, by the resource's diskGroupId",
      debian([{}, { diskGroupId: 2, erase: false }], { diskGroupId: 2 }),
      [
        {
          property: "storage[1].diskGroupId",
          reason: `disk group 2 is where the OS is installed (storage[0]), and OVH always erases it; disk groups that can be kept or erased: ${GROUP_1}`,
        },
      ],
    ],
    [
      "the OS's own group, OVH's default",
      debian([{}, { diskGroupId: 1, erase: false }]),
      [
        {
          property: "storage[1].diskGroupId",
          reason: `disk group 1 is where the OS is installed (storage[0]), and OVH always erases it; disk groups that can be kept or erased: ${GROUP_2}`,
        },
      ],
    ],
    [
      "a group the server does not have",
      debian([{}, { diskGroupId: 3, erase: false }]),
      [{ property: "storage[1].diskGroupId", reason: `the server has no disk group 3; disk groups that can be kept or erased: ${GROUP_2}` }],
    ],
    [
      "a second group on a server with one",
      { ...debian([{}, { diskGroupId: 2, erase: false }]), serviceName: ADVANCE1 },
      [
        {
          property: "storage[1].diskGroupId",
          reason: "the server has no disk group 2; disk groups that can be kept or erased: (none: the server has no other disk group)",
        },
      ],
    ],
  ])("preview fails on %s, naming the field and the groups that can be kept", async (_what, inputs, expected) => {
    expect(await failures(inputs)).toEqual(expected);
    expect(f.installPosts()).toBe(0);
  });
});

describe("DedicatedServerInstall storage: what OVH is sent, and what the install erases and keeps", () => {
  let f: OvhFixture;
  beforeEach(async () => {
    f = await ovhFixture();
  });
  afterEach(() => f.close());

  it("accepts keeping the data group and sends storage as OVH's schema has it, the installing entry first", async () => {
    const inputs = debian([root, { diskGroupId: 2, erase: false }]);
    expect((await f.provider.check({}, inputs)).failures).toEqual([]);
    await f.up(inputs);
    const post = f.sim.journal.find((e) => e.route === OVH_ROUTES.reinstall)!;
    expect(post.body).toEqual({ operatingSystem: "debian12_64", storage: [root, { diskGroupId: 2, erase: false }] });
    expect(f.sim.server(SCALE7).disks).toEqual({ installedOn: 1, erased: [1], kept: [2] });
  });

  it("installs on group 2 and keeps group 1, the resource's diskGroupId going into the installing entry", async () => {
    await f.up(debian([{}, { diskGroupId: 1, erase: false }], { diskGroupId: 2 }));
    const post = f.sim.journal.find((e) => e.route === OVH_ROUTES.reinstall)!;
    expect(post.body).toEqual({ operatingSystem: "debian12_64", storage: [{ diskGroupId: 2 }, { diskGroupId: 1, erase: false }] });
    expect(f.sim.server(SCALE7).disks).toEqual({ installedOn: 2, erased: [2], kept: [1] });
  });

  it("erases every group when storage keeps none, as before", async () => {
    await f.up(debian([root, { diskGroupId: 2, erase: true }]));
    expect(f.sim.server(SCALE7).disks).toEqual({ installedOn: 1, erased: [1, 2], kept: [] });
  });
});

/**
 * A server whose `specifications/hardware` `defaultDiskGroupId` is 2 (the field of OVH's hardware example): with no
 * diskGroupId, OVH installs on group 2, so group 2 cannot be kept and group 1 can.
 */
describe("DedicatedServerInstall storage on a server whose default disk group is not 1", () => {
  const HYBRID = "ns3007777.ip-51-68-7.eu";
  let f: OvhFixture;
  beforeEach(async () => {
    f = await ovhFixture();
    f.sim.addServer({ ...OVH_SERVERS.find((s) => s.name === SCALE7)!, name: HYBRID, defaultDiskGroupId: 2 });
  });
  afterEach(() => f.close());

  it("preview refuses keeping the default group, where the OS goes, and lists group 1 as the one that can be kept", async () => {
    const checked = await f.provider.check({}, debian([{}, { diskGroupId: 2, erase: false }], { serviceName: HYBRID }));
    expect(checked.failures).toEqual([
      {
        property: "storage[1].diskGroupId",
        reason: `disk group 2 is where the OS is installed (storage[0]), and OVH always erases it; disk groups that can be kept or erased: ${GROUP_1}`,
      },
    ]);
    expect(f.installPosts()).toBe(0);
  });

  it("keeps group 1 when the OS goes on the default group 2", async () => {
    const inputs = debian([{}, { diskGroupId: 1, erase: false }], { serviceName: HYBRID });
    expect((await f.provider.check({}, inputs)).failures).toEqual([]);
    await f.up(inputs);
    expect(f.sim.server(HYBRID).disks).toEqual({ installedOn: 2, erased: [2], kept: [1] });
  });
});
