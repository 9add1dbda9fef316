import { ovhCheckFailures } from "./support/check-failures";
import { STORAGE_HGR, type Props } from "./support/ovh";

/**
 * The full text of DedicatedServerInstall's check failures on storage, each pinned once (issue 11).
 * Each value is computed before its `expect`, which then fits on one line: jest, writing a snapshot without
 * prettier, reprints that call.
 */
describe("check failure texts: DedicatedServerInstall storage", () => {
  const ovhFailures = ovhCheckFailures();
  const layout = (...partitions: Props[]) => ({ storage: [{ partitioning: { layout: partitions } }] });
  const root = { fileSystem: "ext4", mountPoint: "/" };

  it("DedicatedServerInstall: storage's schema", async () => {
    const partition = { ...root, size: 1e30, raidLevel: 2, extras: { lv: { name: "lv-root" }, zp: { name: "1pool" } } };
    const entry = await ovhFailures({
      storage: [
        { hardwareRaid: [{}, {}], partitioning: { schemeName: "", layout: [partition, { fileSystem: "fat32", mountPoint: "/data", fileSytem: "x" }] } },
      ],
    });
    expect(entry).toMatchInlineSnapshot(`
[
  {
    "property": "storage[0].hardwareRaid",
    "reason": "only one hardware RAID configuration is supported (OVH: Server::NotImplemented::HardwareRaidMultipleConfigs)",
  },
  {
    "property": "storage[0].partitioning.schemeName",
    "reason": "storage[0].partitioning.schemeName is empty; it must be text of 1 to 255 characters",
  },
  {
    "property": "storage[0].partitioning.layout[0].raidLevel",
    "reason": "storage[0].partitioning.layout[0].raidLevel is 2; it must be one of: 0, 1, 5, 6, 7, 10, or null",
  },
  {
    "property": "storage[0].partitioning.layout[0].size",
    "reason": "storage[0].partitioning.layout[0].size is 1e+30; it must be a whole number of at least 0 and at most 9007199254740991",
  },
  {
    "property": "storage[0].partitioning.layout[0].extras.lv.name",
    "reason": "an LVM volume name must be 1 to 16 letters and digits",
  },
  {
    "property": "storage[0].partitioning.layout[0].extras.zp.name",
    "reason": "a ZFS pool name must be a letter, then letters, digits, _ : or . (at most 239 characters)",
  },
  {
    "property": "storage[0].partitioning.layout[1].fileSystem",
    "reason": "storage[0].partitioning.layout[1].fileSystem is "fat32"; it must be one of: "btrfs", "ext3", "ext4", "fat16", "none", "ntfs", "reiserfs", "swap", "ufs", "vmfs5", "vmfs6", "vmfsl", "xfs", "zfs"",
  },
  {
    "property": "storage[0].partitioning.layout[1].fileSytem",
    "reason": "unknown field "fileSytem" in storage[0].partitioning.layout[1]; allowed fields: fileSystem, mountPoint, raidLevel, size, extras",
  },
]
`);
    const entries = await ovhFailures({
      storage: [{ erase: false }, { diskGroupId: 2, partitioning: {} }, { erase: true }, { diskGroupId: 3, erase: false }, { diskGroupId: 3, erase: true }],
    });
    expect(entries).toMatchInlineSnapshot(`
[
  {
    "property": "storage[0].erase",
    "reason": "storage[0] is the disk group the OS is installed on, which OVH always erases: erase cannot be false there",
  },
  {
    "property": "storage[1]",
    "reason": "OVH installs on one disk group: give at most one storage entry that installs (storage[0]); storage[1] may only name a diskGroupId and set erase (Server::NotImplemented::DiskGroupMultipleConfigs)",
  },
  {
    "property": "storage[2].diskGroupId",
    "reason": "storage[2] keeps or erases another disk group than the OS's: give its diskGroupId (1 or more)",
  },
  {
    "property": "storage[4].diskGroupId",
    "reason": "disk group 3 is already in storage[3]; name each disk group once",
  },
]
`);
    const partitions = await ovhFailures(layout(...Array.from({ length: 129 }, () => root)));
    expect(partitions).toMatchInlineSnapshot(`
[
  {
    "property": "storage[0].partitioning.layout",
    "reason": "layout has more than 128 partitions, what a GPT disk holds by default",
  },
]
`);
    const groups = await ovhFailures({ storage: Array.from({ length: 17 }, () => ({})) });
    expect(groups).toMatchInlineSnapshot(`
[
  {
    "property": "storage",
    "reason": "storage has more than 16 entries, more disk groups than a server has",
  },
]
`);
  });

  it("DedicatedServerInstall: the live rules on storage", async () => {
    const twoGroups = await ovhFailures({ diskGroupId: 1, storage: [{ diskGroupId: 2 }] });
    expect(twoGroups).toMatchInlineSnapshot(`
[
  {
    "property": "storage[0].diskGroupId",
    "reason": "storage[0].diskGroupId (2) disagrees with diskGroupId (1); set one of them",
  },
]
`);
    const noGroup = await ovhFailures({ storage: [{ diskGroupId: 7 }] });
    expect(noGroup).toMatchInlineSnapshot(`
[
  {
    "property": "storage[0].diskGroupId",
    "reason": "the server has no disk group 7; disk groups: 1 (2 X Disk SSD 480 GB, JBOD), 2 (2 X Disk NVME 1920 GB, JBOD)",
  },
]
`);
    const scheme = await ovhFailures({ partitionSchemeName: "default", storage: [{ partitioning: { schemeName: "other", disks: 3 } }] });
    expect(scheme).toMatchInlineSnapshot(`
[
  {
    "property": "storage[0].partitioning.schemeName",
    "reason": "storage[0].partitioning.schemeName disagrees with partitionSchemeName (default); set one of them",
  },
  {
    "property": "storage[0].partitioning.disks",
    "reason": "storage[0].partitioning.disks is 3, but disk group 1 has 2 disks",
  },
]
`);
    const mountPoints = await ovhFailures(
      layout(
        { fileSystem: "ntfs", mountPoint: "/data" },
        { fileSystem: "ext4", mountPoint: "/data" },
        { fileSystem: "ext4", mountPoint: "/srv/" },
        { fileSystem: "ext4", mountPoint: "/a b" },
        { fileSystem: "ext4", mountPoint: "/.hidden" },
        { fileSystem: "ext4", mountPoint: "/opt", extras: { zp: { name: "pool" } } },
      ),
    );
    expect(mountPoints).toMatchInlineSnapshot(`
[
  {
    "property": "storage[0].partitioning.layout[0].fileSystem",
    "reason": "template debian12_64 supports these file systems: btrfs, ext3, ext4, swap, xfs, zfs",
  },
  {
    "property": "storage[0].partitioning.layout[1].mountPoint",
    "reason": "mountPoint "/data" is used twice",
  },
  {
    "property": "storage[0].partitioning.layout[2].mountPoint",
    "reason": "mountPoint "/srv/" must not end with /",
  },
  {
    "property": "storage[0].partitioning.layout[3].mountPoint",
    "reason": "mountPoint "/a b" must be an absolute path of letters, digits, /, ., _ and - (at most 256 characters)",
  },
  {
    "property": "storage[0].partitioning.layout[4].mountPoint",
    "reason": "mountPoint "/.hidden" must be a canonical path, not hidden",
  },
  {
    "property": "storage[0].partitioning.layout[5].extras.zp",
    "reason": "a ZFS pool name needs fileSystem zfs",
  },
  {
    "property": "storage[0].partitioning.layout",
    "reason": "the layout needs a partition mounted at /",
  },
]
`);
    const proxmox = await ovhFailures({ templateName: "proxmox8_64", ...layout({ ...root, raidLevel: 5, extras: { lv: { name: "root" } } }) });
    expect(proxmox).toMatchInlineSnapshot(`
[
  {
    "property": "storage[0].partitioning.layout[0].raidLevel",
    "reason": "template proxmox8_64 only supports software RAID 0 or 1",
  },
  {
    "property": "storage[0].partitioning.layout[0].extras.lv",
    "reason": "template proxmox8_64 does not support LVM",
  },
]
`);
    const noLayout = await ovhFailures({ templateName: "byolinux_64", userMetadata: { imageURL: "https://example.com/i.qcow2" }, ...layout(root) });
    expect(noLayout).toMatchInlineSnapshot(`
[
  {
    "property": "storage[0].partitioning.layout",
    "reason": "template byolinux_64 does not support a custom partitioning layout; remove the layout",
  },
]
`);
    const noController = await ovhFailures({ storage: [{ diskGroupId: 1, hardwareRaid: [{ raidLevel: 1 }] }] });
    expect(noController).toMatchInlineSnapshot(`
[
  {
    "property": "storage[0].hardwareRaid",
    "reason": "disk group 1 (2 X Disk SSD 480 GB, JBOD) has no hardware RAID controller",
  },
]
`);
    const raid = await ovhFailures({
      serviceName: STORAGE_HGR,
      storage: [{ diskGroupId: 1, hardwareRaid: [{ raidLevel: 50, arrays: 3, disks: 5 }], partitioning: { disks: 2 } }],
    });
    expect(raid).toMatchInlineSnapshot(`
[
  {
    "property": "storage[0].hardwareRaid[0].disks",
    "reason": "storage[0].hardwareRaid[0].disks is 5, but disk group 1 has 4 disks",
  },
  {
    "property": "storage[0].hardwareRaid[0].arrays",
    "reason": "the number of disks (5) must be a multiple of arrays (3)",
  },
  {
    "property": "storage[0].partitioning.disks",
    "reason": "with hardware RAID the OS sees one virtual disk: partitioning.disks must be 1 or unset",
  },
]
`);
    const kept = await ovhFailures({ diskGroupId: 1, storage: [{}, { diskGroupId: 1, erase: false }, { diskGroupId: 9, erase: false }] });
    expect(kept).toMatchInlineSnapshot(`
[
  {
    "property": "storage[1].diskGroupId",
    "reason": "disk group 1 is where the OS is installed (storage[0]), and OVH always erases it; disk groups that can be kept or erased: 2 (2 X Disk NVME 1920 GB, JBOD)",
  },
  {
    "property": "storage[2].diskGroupId",
    "reason": "the server has no disk group 9; disk groups that can be kept or erased: 2 (2 X Disk NVME 1920 GB, JBOD)",
  },
]
`);
    const legacy = await ovhFailures({ installApi: "install/start", storage: [{ diskGroupId: 1 }] });
    expect(legacy).toMatchInlineSnapshot(`
[
  {
    "property": "storage",
    "reason": "storage is only sent by installApi "reinstall"; install/start does not take it",
  },
]
`);
  });
});
