import { unknownValue } from "../src/unknowns";
import { edisFixture, type EdisFixture } from "./support/edis";
import { normalised } from "./support/normalised";
import { ovhFixture, ADVANCE1, SCALE7, STORAGE_HGR, type OvhFixture, type Props } from "./support/ovh";
import { throwawaySshKey } from "../../harness/ssh-key";

/**
 * The full text of every distinct check failure, pinned once (issue 11): a change to what users read at preview
 * shows here as a reviewed diff. Each array comes from the real check against the simulator; what each rule
 * does is asserted in check.test.ts, check-messages.test.ts and kvm-check.test.ts. Each value is computed before
 * its `expect`, which then fits on one line: jest, writing a snapshot without prettier, reprints that call.
 */
describe("check failure texts", () => {
  let ovh: OvhFixture;
  let edis: EdisFixture;
  beforeAll(async () => {
    [ovh, edis] = await Promise.all([ovhFixture(), edisFixture()]);
  });
  afterAll(async () => {
    await Promise.all([ovh.close(), edis.close()]);
  });

  const ovhFailures = async (extra: Props, olds: Props = {}) => (await ovh.provider.check(olds, { serviceName: SCALE7, templateName: "debian12_64", ...extra })).failures;
  const kvmFailures = async (extra: Props) => normalised((await edis.provider.check({}, edis.inputs(undefined, extra))).failures);
  const layout = (...partitions: Props[]) => ({ storage: [{ partitioning: { layout: partitions } }] });
  const root = { fileSystem: "ext4", mountPoint: "/" };

  it("DedicatedServerInstall: the schema's own sentences, and zod's replaced", async () => {
    const failures = await ovhFailures({
      templateName: undefined,
      serviceName: "s".repeat(254),
      customHostname: "1web",
      timeoutMinutes: 0,
      installApi: "install",
      hostname: "web-1",
      triggers: Array.from({ length: 101 }, String),
      onDelete: { bootId: 1, rescue: "rescue12-customer" },
      userMetadata: { "": "x", ["k".repeat(256)]: "x", constructor: "x", script: "x".repeat(65_537), list: ["x"] },
    });
    expect(failures).toMatchInlineSnapshot(`
[
  {
    "property": "serviceName",
    "reason": "serviceName is 254 characters long; the limit is 253",
  },
  {
    "property": "templateName",
    "reason": "templateName is required: give text of 1 to 255 characters",
  },
  {
    "property": "customHostname",
    "reason": "invalid hostname label "1web": each label must have 1 to 63 characters, start with a letter, end with a letter or a digit and contain only letters, digits and hyphens (RFC 1035 §2.3.1)",
  },
  {
    "property": "userMetadata.",
    "reason": "a key cannot be empty",
  },
  {
    "property": "userMetadata.kkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkk…",
    "reason": "a key is 256 characters long; the limit is 255",
  },
  {
    "property": "userMetadata.constructor",
    "reason": ""constructor" cannot be a key: __proto__, constructor, prototype are reserved (an object would drop or misread them)",
  },
  {
    "property": "installApi",
    "reason": "installApi is "install"; it must be one of: "reinstall", "install/start"",
  },
  {
    "property": "triggers",
    "reason": "triggers has more than 100 entries",
  },
  {
    "property": "timeoutMinutes",
    "reason": "timeoutMinutes is 0; it must be a number above 0 and at most 1440",
  },
  {
    "property": "onDelete",
    "reason": "give exactly one of bootId (one of the server's boot ids) or rescue (the kernel name of one of its rescue boots, e.g. rescue12-customer)",
  },
  {
    "property": "hostname",
    "reason": "unknown field "hostname"; allowed fields: serviceName, templateName, customHostname, diskGroupId, userMetadata, partitionSchemeName, storage, installApi, triggers, timeoutMinutes, adopt, onDelete",
  },
]
`);
  });

  it("DedicatedServerInstall: userMetadata's forms and sizes", async () => {
    const missingValue = await ovhFailures({ userMetadata: [{ key: "b" }], triggers: [1] });
    expect(missingValue).toMatchInlineSnapshot(`
[
  {
    "property": "userMetadata[0].value",
    "reason": "userMetadata[0].value is required: give an answer: text, a number, true or false, or a map from names to text",
  },
  {
    "property": "triggers[0]",
    "reason": "triggers[0] is a number; it must be text",
  },
]
`);
    const twice = await ovhFailures({ userMetadata: [{ key: "a", value: "1" }, { key: "a", value: "2" }] });
    expect(twice).toMatchInlineSnapshot(`
[
  {
    "property": "userMetadata[1].key",
    "reason": ""a" is answered twice",
  },
]
`);
    const manyAnswers = await ovhFailures({ userMetadata: Object.fromEntries(Array.from({ length: 101 }, (_, i) => [`q${i}`, "x"])) });
    expect(manyAnswers).toMatchInlineSnapshot(`
[
  {
    "property": "userMetadata",
    "reason": "userMetadata has 101 entries; the limit is 100",
  },
]
`);
    const longList = await ovhFailures({ userMetadata: Array.from({ length: 101 }, (_, i) => ({ key: `q${i}`, value: "x" })) });
    expect(longList).toMatchInlineSnapshot(`
[
  {
    "property": "userMetadata",
    "reason": "userMetadata is a list of 101 entries; it must be a map from question names to answers, or a list of {key, value} entries",
  },
]
`);
    const longValue = await ovhFailures({ userMetadata: { labels: { k: "x".repeat(65_537) } } });
    expect(longValue).toMatchInlineSnapshot(`
[
  {
    "property": "userMetadata.labels.k",
    "reason": "a value is 65537 bytes long; the limit is 65536 bytes (64 KiB)",
  },
]
`);
    const longTrigger = await ovhFailures({ triggers: ["x".repeat(65_537)] });
    expect(longTrigger).toMatchInlineSnapshot(`
[
  {
    "property": "triggers[0]",
    "reason": "a trigger is 65537 bytes long; the limit is 65536 bytes (64 KiB)",
  },
]
`);
  });

  it("DedicatedServerInstall: storage's schema", async () => {
    const partition = { ...root, size: 1e30, raidLevel: 2, extras: { lv: { name: "lv-root" }, zp: { name: "1pool" } } };
    const entry = await ovhFailures({ storage: [{ hardwareRaid: [{}, {}], partitioning: { schemeName: "", layout: [partition, { fileSystem: "fat32", mountPoint: "/data", fileSytem: "x" }] } }] });
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
    const entries = await ovhFailures({ storage: [{ erase: false }, { diskGroupId: 2, partitioning: {} }, { erase: true }, { diskGroupId: 3, erase: false }, { diskGroupId: 3, erase: true }] });
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

  it("DedicatedServerInstall: the live rules on server, template and answers", async () => {
    const noServer = await ovhFailures({ serviceName: "ns000.ip-1-2-3.eu", templateName: "debian99_64" });
    expect(noServer).toMatchInlineSnapshot(`
[
  {
    "property": "serviceName",
    "reason": "no dedicated server "ns000.ip-1-2-3.eu" in this OVH account; servers: ns3001234.ip-51-68-1.eu, ns3005678.ip-51-68-2.eu, ns3009999.ip-51-68-3.eu",
  },
  {
    "property": "templateName",
    "reason": "OVH has no template "debian99_64"; list the templates with GET /dedicated/installationTemplate/templateInfos",
  },
]
`);
    const noTemplate = await ovhFailures({ templateName: "debian99_64", diskGroupId: 3, partitionSchemeName: "fancy" });
    expect(noTemplate).toMatchInlineSnapshot(`
[
  {
    "property": "templateName",
    "reason": "OVH has no template "debian99_64"; templates ns3001234.ip-51-68-1.eu can install today: debian12_64, debian13_64, ubuntu2404-server_64, alma9_64, proxmox8_64, win2022core-std_64, byolinux_64, nutanix-ce_64",
  },
  {
    "property": "diskGroupId",
    "reason": "the server has no disk group 3; disk groups: 1 (2 X Disk SSD 480 GB, JBOD), 2 (2 X Disk NVME 1920 GB, JBOD)",
  },
]
`);
    const noScheme = await ovhFailures({ partitionSchemeName: "fancy" });
    expect(noScheme).toMatchInlineSnapshot(`
[
  {
    "property": "partitionSchemeName",
    "reason": "template debian12_64 has no partition scheme "fancy"; schemes: default",
  },
]
`);
    const incompatible = await ovhFailures({ serviceName: ADVANCE1, templateName: "win2022core-std_64" });
    expect(incompatible).toMatchInlineSnapshot(`
[
  {
    "property": "templateName",
    "reason": "template win2022core-std_64 cannot be installed on ns3005678.ip-51-68-2.eu; templates ns3005678.ip-51-68-2.eu can install today: debian12_64, debian13_64, ubuntu2404-server_64, alma9_64, proxmox8_64, byolinux_64",
  },
]
`);
    const ended = await ovhFailures({ templateName: "debian10_64", customHostname: "web-1", userMetadata: { hostname: "web-2", language: "fr-fr", sshKey: "ssh-rsa nope" } });
    expect(ended).toMatchInlineSnapshot(`
[
  {
    "property": "templateName",
    "reason": "template debian10_64 is no longer installable: OVH ended its installation on 2024-06-30 (endOfInstall); templates ns3001234.ip-51-68-1.eu can install today: debian12_64, debian13_64, ubuntu2404-server_64, alma9_64, proxmox8_64, win2022core-std_64, byolinux_64, nutanix-ce_64",
  },
  {
    "property": "userMetadata.language",
    "reason": "template debian10_64 has no question "language"; its questions: hostname, sshKey, postInstallationScript",
  },
  {
    "property": "userMetadata.sshKey",
    "reason": "the answer to "sshKey" must be an SSH public key in OpenSSH format, e.g. "ssh-ed25519 AAAA… user@host" (the question is of type sshPubKey)",
  },
  {
    "property": "userMetadata.hostname",
    "reason": "userMetadata.hostname disagrees with customHostname; set the hostname in one place",
  },
]
`);
    const unanswered = await ovhFailures({ templateName: "byolinux_64" });
    expect(unanswered).toMatchInlineSnapshot(`
[
  {
    "property": "userMetadata",
    "reason": "template byolinux_64 requires an answer to "imageURL" (url: Your Linux image URL)",
  },
]
`);
    const url = await ovhFailures({ templateName: "byolinux_64", userMetadata: { imageURL: "not a url" } });
    expect(url).toMatchInlineSnapshot(`
[
  {
    "property": "userMetadata.imageURL",
    "reason": "the answer to "imageURL" must be a URL (the question is of type url)",
  },
]
`);
    const nutanix = { adminEmail: "root", clusterIp: "10.0.0.300", clusterUuid: "1234", nodeCount: "three", enableLacpBonding: "yes", maintenanceDate: "2026-13-01", maintenanceTime: "25:00" };
    const typed = await ovhFailures({ templateName: "nutanix-ce_64", userMetadata: nutanix });
    expect(typed).toMatchInlineSnapshot(`
[
  {
    "property": "userMetadata.adminEmail",
    "reason": "the answer to "adminEmail" must be an email address (the question is of type email)",
  },
  {
    "property": "userMetadata.clusterIp",
    "reason": "the answer to "clusterIp" must be an IPv4 or IPv6 address (the question is of type ip)",
  },
  {
    "property": "userMetadata.clusterUuid",
    "reason": "the answer to "clusterUuid" must be a UUID (the question is of type uuid)",
  },
  {
    "property": "userMetadata.nodeCount",
    "reason": "the answer to "nodeCount" must be a number (the question is of type number)",
  },
  {
    "property": "userMetadata.enableLacpBonding",
    "reason": "the answer to "enableLacpBonding" must be a boolean (true or false) (the question is of type boolean)",
  },
  {
    "property": "userMetadata.maintenanceDate",
    "reason": "the answer to "maintenanceDate" must be a date as YYYY-MM-DD (the question is of type date)",
  },
  {
    "property": "userMetadata.maintenanceTime",
    "reason": "the answer to "maintenanceTime" must be a time as HH:MM or HH:MM:SS (the question is of type time)",
  },
]
`);
    const choice = await ovhFailures({ templateName: "win2022core-std_64", userMetadata: { language: "de-de" } });
    expect(choice).toMatchInlineSnapshot(`
[
  {
    "property": "userMetadata.language",
    "reason": "the answer to "language" must be one of: en-us, fr-fr (the question is of type enum)",
  },
]
`);
  });

  it("DedicatedServerInstall: the live rules on storage and onDelete", async () => {
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
  {
    "property": "storage[0].partitioning.layout[0].fileSystem",
    "reason": "template byolinux_64 supports these file systems: ",
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
    const raid = await ovhFailures({ serviceName: STORAGE_HGR, storage: [{ diskGroupId: 1, hardwareRaid: [{ raidLevel: 50, arrays: 3, disks: 5 }], partitioning: { disks: 2 } }] });
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
    const rescue = await ovhFailures({ onDelete: { rescue: "rescue99" } });
    expect(rescue).toMatchInlineSnapshot(`
[
  {
    "property": "onDelete.rescue",
    "reason": "server ns3001234.ip-51-68-1.eu has no rescue boot "rescue99"; rescue boots: rescue64-pro (1122: rescue, Rescue 64 bits); rescue12-customer (230242: rescue, Customer rescue system (Debian-12-based))",
  },
]
`);
    const boot = await ovhFailures({ onDelete: { bootId: 999 } });
    expect(boot).toMatchInlineSnapshot(`
[
  {
    "property": "onDelete.bootId",
    "reason": "server ns3001234.ip-51-68-1.eu has no boot 999; boots: hd (1: harddisk, Boot to disk); rescue64-pro (1122: rescue, Rescue 64 bits); rescue12-customer (230242: rescue, Customer rescue system (Debian-12-based))",
  },
]
`);
  });

  it("DedicatedServerInstall: adopt, and a second resource on the same server", async () => {
    const adopt = await ovhFailures({ templateName: "alma9_64", adopt: true });
    expect(adopt).toMatchInlineSnapshot(`
[
  {
    "property": "templateName",
    "reason": "adopt: ns3001234.ip-51-68-1.eu runs debian11_64, not alma9_64, and adopting never installs; declare templateName: "debian11_64" to adopt what runs, or remove adopt to install alma9_64 (that erases the server)",
  },
]
`);
    const urn = (name: string) => `urn:pulumi:dev::p::pulumi-nodejs:dynamic/ovh:DedicatedServerInstall::${name}`;
    expect(await ovhFailures({ __urn: urn("web-1") })).toEqual([]);
    const second = await ovhFailures({ __urn: urn("web-2") });
    expect(second).toMatchInlineSnapshot(`
[
  {
    "property": "serviceName",
    "reason": "ns3001234.ip-51-68-1.eu is already declared by urn:pulumi:dev::p::pulumi-nodejs:dynamic/ovh:DedicatedServerInstall::web-1: one machine can have only one DedicatedServerInstall, or it would be erased twice",
  },
]
`);
    expect(await ovhFailures({ __urn: urn("web-3") }, { serviceName: SCALE7, templateName: "debian12_64" })).toEqual([]);
    expect(ovh.warnings).toMatchInlineSnapshot(`
[
  "DedicatedServerInstall ns3001234.ip-51-68-1.eu: this create adopts the running install; nothing is erased",
  "DedicatedServerInstall ns3001234.ip-51-68-1.eu: ns3001234.ip-51-68-1.eu is already declared by urn:pulumi:dev::p::pulumi-nodejs:dynamic/ovh:DedicatedServerInstall::web-1: one machine can have only one DedicatedServerInstall, or it would be erased twice; remove one of them (deleting a DedicatedServerInstall leaves the machine as it is)",
]
`);
  });

  it("DedicatedServerInstall: unknown values skip only the rules that need them", async () => {
    const failures = await ovhFailures({ serviceName: unknownValue, userMetadata: { sshKey: throwawaySshKey(), language: "fr" } });
    expect(failures).toMatchInlineSnapshot(`
[
  {
    "property": "userMetadata.language",
    "reason": "template debian12_64 has no question "language"; its questions: hostname, sshKey, postInstallationScript",
  },
]
`);
  });

  it("KvmReinstall: the schema's sentences", async () => {
    const failures = await kvmFailures({ kvmId: "123456", image: "", password: 84_629_173_550_912, readinessPort: 70_000, waitForReady: "yes", timeoutMinutes: -1, triggers: "x", cloudInitUserData: "" });
    expect(failures).toMatchInlineSnapshot(`
[
  {
    "property": "kvmId",
    "reason": "kvmId "123456" is not an EDIS KVM id; they read like "kvm_123456_789012", as the VPS Management Portal shows them",
  },
  {
    "property": "image",
    "reason": "image is empty; it must be text of 1 to 255 characters",
  },
  {
    "property": "password",
    "reason": "password is a number; it must be text of 12 to 128 printable ASCII characters, no spaces, using at least three of: lowercase letters, uppercase letters, digits, symbols",
  },
  {
    "property": "cloudInitUserData",
    "reason": "cloudInitUserData is empty; it must be text of at least 1 character",
  },
  {
    "property": "waitForReady",
    "reason": "waitForReady is text of 3 characters; it must be true or false",
  },
  {
    "property": "readinessPort",
    "reason": "readinessPort is 70000; it must be a whole number from 1 to 65535",
  },
  {
    "property": "timeoutMinutes",
    "reason": "timeoutMinutes is -1; it must be a number above 0 and at most 1440",
  },
  {
    "property": "triggers",
    "reason": "triggers is text of 1 character; it must be a list of at most 100 entries, each text",
  },
]
`);
    const short = await kvmFailures({ password: "short" });
    expect(short).toMatchInlineSnapshot(`
[
  {
    "property": "password",
    "reason": "the password is 5 characters long; the policy: 12 to 128 printable ASCII characters, no spaces, using at least three of: lowercase letters, uppercase letters, digits, symbols",
  },
]
`);
    const spaces = await kvmFailures({ password: "has spaces in it 9A" });
    expect(spaces).toMatchInlineSnapshot(`
[
  {
    "property": "password",
    "reason": "the password contains spaces or characters outside printable ASCII; the policy: 12 to 128 printable ASCII characters, no spaces, using at least three of: lowercase letters, uppercase letters, digits, symbols",
  },
]
`);
    const plain = await kvmFailures({ password: "alllowercaseletters" });
    expect(plain).toMatchInlineSnapshot(`
[
  {
    "property": "password",
    "reason": "the password uses fewer than three kinds of characters; the policy: 12 to 128 printable ASCII characters, no spaces, using at least three of: lowercase letters, uppercase letters, digits, symbols",
  },
]
`);
  });

  it("KvmReinstall: cloud-init user data", async () => {
    const header = await kvmFailures({ cloudInitUserData: "runcmd: [a]\n" });
    expect(header).toMatchInlineSnapshot(`
[
  {
    "property": "cloudInitUserData",
    "reason": "the first line is not a cloud-init header; cloud-init recognises #cloud-config-archive, #cloud-config, a script (#!), #include, #cloud-boothook, #part-handler, MIME multipart",
  },
]
`);
    const unclosed = await kvmFailures({ cloudInitUserData: "#cloud-config\nruncmd: [a, b\n" });
    expect(unclosed).toMatchInlineSnapshot(`
[
  {
    "property": "cloudInitUserData",
    "reason": "#cloud-config is not valid YAML (BAD_INDENT at line 2: a [ opened there is not closed)",
  },
]
`);
    const indent = await kvmFailures({ cloudInitUserData: "#cloud-config\npackages:\n  - nginx\n bad: x\n" });
    expect(indent).toMatchInlineSnapshot(`
[
  {
    "property": "cloudInitUserData",
    "reason": "#cloud-config is not valid YAML (BAD_INDENT at line 4)",
  },
]
`);
    const alias = await kvmFailures({ cloudInitUserData: "#cloud-config\nusers: *nowhere\n" });
    expect(alias).toMatchInlineSnapshot(`
[
  {
    "property": "cloudInitUserData",
    "reason": "#cloud-config has an alias or tag that does not resolve",
  },
]
`);
    const shape = await kvmFailures({ cloudInitUserData: "#cloud-config\n- a list\n" });
    expect(shape).toMatchInlineSnapshot(`
[
  {
    "property": "cloudInitUserData",
    "reason": "#cloud-config must be a YAML mapping",
  },
]
`);
  });

  it("KvmReinstall: the live rules on the image", async () => {
    const noImage = await kvmFailures({ image: "debian-bookwrm" });
    expect(noImage).toMatchInlineSnapshot(`
[
  {
    "property": "image",
    "reason": "EDIS offers no image "debian-bookwrm" for kvm_123456_789012; closest: debian-bullseye, cloudinit_debian-bookworm, windows-10 (all 23: cloudinit_almalinux-8, cloudinit_almalinux-9, cloudinit_arch-linux_20231115, cloudinit_arch-linux_20250815, cloudinit_centos-7, cloudinit_centos-stream-10, cloudinit_centos-stream-8, cloudinit_centos-stream-9, cloudinit_debian-bookworm, cloudinit_debian-trixie, cloudinit_rocky-10, cloudinit_rocky-9, cloudinit_ubuntu-lts-16-04, cloudinit_ubuntu-lts-18-04, cloudinit_ubuntu-lts-20-04, cloudinit_ubuntu-lts-22-04, cloudinit_ubuntu-lts-24-04, debian-bullseye, windows-10, windows-11, windows-server-2019, windows-server-2022, windows-server-2025)",
  },
]
`);
    const noCloudInit = await kvmFailures({ image: "debian-bullseye", cloudInitUserData: "#cloud-config\n{}\n" });
    expect(noCloudInit).toMatchInlineSnapshot(`
[
  {
    "property": "cloudInitUserData",
    "reason": "image debian-bullseye does not run cloud-init; use a cloudinit_* image or drop cloudInitUserData",
  },
]
`);
  });
});
