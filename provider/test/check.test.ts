import { unknownValue } from "../src/unknowns";
import { ovhFixture, ADVANCE1, SCALE7, STORAGE_HGR, type OvhFixture, type Props } from "./support/ovh";
import { throwawaySshKey } from "../../harness/ssh-key";
import { OVH_ROUTES } from "pulumi-reinstall-simulator";

describe("DedicatedServerInstall check: every bad input fails at preview, naming the field and the allowed values", () => {
  let f: OvhFixture;
  beforeAll(async () => {
    f = await ovhFixture();
  });
  afterAll(() => f.close());
  afterEach(() => expect(f.installPosts()).toBe(0));

  const failures = async (inputs: Props) => (await f.provider.check({}, inputs)).failures;
  const debian = (extra: Props = {}) => ({ serviceName: SCALE7, templateName: "debian12_64", ...extra });

  it("accepts a valid request and returns it normalized, defaults included", async () => {
    const sshKey = throwawaySshKey();
    const __urn = "urn:pulumi:dev::p::pulumi-nodejs:dynamic/ovh:DedicatedServerInstall::web-1";
    const result = await f.provider.check({}, debian({ userMetadata: [{ key: "sshKey", value: sshKey }], __provider: "serialized", __urn }));
    expect(result).toEqual({ inputs: { ...debian(), userMetadata: { sshKey }, installApi: "reinstall", timeoutMinutes: 120, __urn }, failures: [] });
  });

  it.each<[string, Props, string, RegExp]>([
    [
      "an unknown server",
      { serviceName: "ns000.ip-1-2-3.eu" },
      "serviceName",
      /no dedicated server "ns000.ip-1-2-3.eu" in this OVH account; servers: ns3001234\.ip-51-68-1\.eu, /,
    ],
    [
      "an unknown template",
      { templateName: "debian99_64" },
      "templateName",
      /OVH has no template "debian99_64"; templates ns3001234\.ip-51-68-1\.eu can install today: debian12_64, /,
    ],
    [
      "a template the server cannot install",
      { serviceName: ADVANCE1, templateName: "win2022core-std_64" },
      "templateName",
      /cannot be installed on ns3005678\.ip-51-68-2\.eu; templates ns3005678\.ip-51-68-2\.eu can install today: .*debian12_64/,
    ],
    [
      "a template past its endOfInstall",
      { templateName: "debian10_64" },
      "templateName",
      /^template debian10_64 is no longer installable: OVH ended its installation on 2024-06-30 \(endOfInstall\); templates ns3001234\.ip-51-68-1\.eu can install today: debian12_64, debian13_64, ubuntu/,
    ],
    [
      "a question the template does not ask",
      { userMetadata: { language: "fr-fr" } },
      "userMetadata.language",
      /has no question "language"; its questions: hostname, sshKey, postInstallationScript/,
    ],
    ["a malformed SSH key", { userMetadata: { sshKey: "ssh-rsa nope" } }, "userMetadata.sshKey", /must be an SSH public key in OpenSSH format/],
    [
      "an enum answer outside the enum",
      { templateName: "win2022core-std_64", userMetadata: { language: "de-de" } },
      "userMetadata.language",
      /must be one of: en-us, fr-fr/,
    ],
    ["a missing mandatory answer", { templateName: "byolinux_64" }, "userMetadata", /requires an answer to "imageURL" \(url/],
    ["a bad url", { templateName: "byolinux_64", userMetadata: { imageURL: "not a url" } }, "userMetadata.imageURL", /must be a URL/],
    ["a bad email", { templateName: "nutanix-ce_64", userMetadata: { adminEmail: "root" } }, "userMetadata.adminEmail", /must be an email address/],
    [
      "a bad ip",
      { templateName: "nutanix-ce_64", userMetadata: { adminEmail: "a@b.io", clusterIp: "10.0.0.300" } },
      "userMetadata.clusterIp",
      /must be an IPv4 or IPv6 address/,
    ],
    [
      "a bad uuid",
      { templateName: "nutanix-ce_64", userMetadata: { adminEmail: "a@b.io", clusterUuid: "1234" } },
      "userMetadata.clusterUuid",
      /must be a UUID/,
    ],
    [
      "a bad number",
      { templateName: "nutanix-ce_64", userMetadata: { adminEmail: "a@b.io", nodeCount: "three" } },
      "userMetadata.nodeCount",
      /must be a number/,
    ],
    [
      "a bad boolean",
      { templateName: "nutanix-ce_64", userMetadata: { adminEmail: "a@b.io", enableLacpBonding: "yes" } },
      "userMetadata.enableLacpBonding",
      /must be a boolean/,
    ],
    [
      "a bad date",
      { templateName: "nutanix-ce_64", userMetadata: { adminEmail: "a@b.io", maintenanceDate: "2026-13-01" } },
      "userMetadata.maintenanceDate",
      /must be a date as YYYY-MM-DD/,
    ],
    [
      "a bad time",
      { templateName: "nutanix-ce_64", userMetadata: { adminEmail: "a@b.io", maintenanceTime: "25:00" } },
      "userMetadata.maintenanceTime",
      /must be a time/,
    ],
    [
      "a hostname twice, differently",
      { customHostname: "web-1", userMetadata: { hostname: "web-2" } },
      "userMetadata.hostname",
      /disagrees with customHostname/,
    ],
    [
      "a disk group the server lacks",
      { diskGroupId: 3 },
      "diskGroupId",
      /no disk group 3; disk groups: 1 \(2 X Disk SSD 480 GB, JBOD\), 2 \(2 X Disk NVME 1920 GB, JBOD\)/,
    ],
    ["a partition scheme the template lacks", { partitionSchemeName: "fancy" }, "partitionSchemeName", /has no partition scheme "fancy"; schemes: default/],
    [
      "a file system the template cannot install",
      { storage: [{ partitioning: { layout: [{ fileSystem: "ntfs", mountPoint: "/" }] } }] },
      "storage[0].partitioning.layout[0].fileSystem",
      /supports these file systems: .*ext4/,
    ],
    [
      "a layout without root",
      { storage: [{ partitioning: { layout: [{ fileSystem: "ext4", mountPoint: "/data" }] } }] },
      "storage[0].partitioning.layout",
      /needs a partition mounted at \//,
    ],
    [
      "a layout on a template without custom partitioning",
      {
        templateName: "byolinux_64",
        userMetadata: { imageURL: "https://example.com/i.qcow2" },
        storage: [{ partitioning: { layout: [{ fileSystem: "ext4", mountPoint: "/" }] } }],
      },
      "storage[0].partitioning.layout",
      /does not support a custom partitioning layout/,
    ],
    [
      "LVM on a template without it",
      { templateName: "proxmox8_64", storage: [{ partitioning: { layout: [{ fileSystem: "ext4", mountPoint: "/", extras: { lv: { name: "root" } } }] } }] },
      "storage[0].partitioning.layout[0].extras.lv",
      /does not support LVM/,
    ],
    [
      "RAID 5 where only mirroring is offered",
      { templateName: "proxmox8_64", storage: [{ partitioning: { layout: [{ fileSystem: "ext4", mountPoint: "/", raidLevel: 5 }] } }] },
      "storage[0].partitioning.layout[0].raidLevel",
      /only supports software RAID 0 or 1/,
    ],
    [
      "hardware RAID without a controller",
      { storage: [{ diskGroupId: 1, hardwareRaid: [{ raidLevel: 1 }] }] },
      "storage[0].hardwareRaid",
      /has no hardware RAID controller/,
    ],
    [
      "hardware RAID disks not a multiple of arrays",
      { serviceName: STORAGE_HGR, storage: [{ diskGroupId: 1, hardwareRaid: [{ raidLevel: 50, arrays: 3 }] }] },
      "storage[0].hardwareRaid[0].arrays",
      /number of disks \(4\) must be a multiple of arrays \(3\)/,
    ],
    ["storage with the legacy route", { installApi: "install/start", storage: [{ diskGroupId: 1 }] }, "storage", /only sent by installApi "reinstall"/],
  ])("rejects %s", async (_what, extra, property, reason) => {
    const found = await failures(debian(extra));
    expect(found).toContainEqual({ property, reason: expect.stringMatching(reason) });
  });

  const long = (n: number) => "x".repeat(n);
  const layout = (extra: Props) => ({ storage: [{ partitioning: { layout: [{ fileSystem: "ext4", mountPoint: "/", ...extra }] } }] });
  it.each<[string, Props, string, RegExp]>([
    ["serviceName", { serviceName: long(1_000_000) }, "serviceName", /^serviceName is 1000000 characters long; the limit is 253$/],
    ["templateName", { templateName: long(256) }, "templateName", /^templateName is 256 characters long; the limit is 255$/],
    ["customHostname", { customHostname: long(254) }, "customHostname", /^customHostname is 254 characters long; the limit is 253$/],
    ["partitionSchemeName", { partitionSchemeName: long(300) }, "partitionSchemeName", /the limit is 255$/],
    [
      "a userMetadata answer",
      { userMetadata: { postInstallationScript: long(65_537) } },
      "userMetadata.postInstallationScript",
      /^an answer is 65537 bytes long; the limit is 65536 bytes/,
    ],
    [
      "a userMetadata answer in bytes",
      { userMetadata: { postInstallationScript: "é".repeat(40_000) } },
      "userMetadata.postInstallationScript",
      /^an answer is 80000 bytes long/,
    ],
    ["a userMetadata key", { userMetadata: { [long(256)]: "x" } }, `userMetadata.${long(64)}…`, /^a key is 256 characters long; the limit is 255$/],
    [
      "a userMetadata key in the list form",
      { userMetadata: [{ key: long(1_000_000), value: "x" }] },
      "userMetadata[0].key",
      /^a key is 1000000 characters long; the limit is 255$/,
    ],
    [
      "userMetadata's entries",
      { userMetadata: Object.fromEntries(Array.from({ length: 101 }, (_, i) => [`q${i}`, "x"])) },
      "userMetadata",
      /^userMetadata has 101 entries; the limit is 100$/,
    ],
    [
      "a storage mount point",
      layout({ mountPoint: `/${long(300)}` }),
      "storage[0].partitioning.layout[0].mountPoint",
      /^mountPoint is 301 characters long; the limit is 256$/,
    ],
    ["a storage scheme name", { storage: [{ partitioning: { schemeName: long(256) } }] }, "storage[0].partitioning.schemeName", /the limit is 255$/],
    ["a trigger", { triggers: ["ok", long(65_537)] }, "triggers[1]", /^a trigger is 65537 bytes long; the limit is 65536 bytes/],
    ["the number of triggers", { triggers: Array.from({ length: 101 }, String) }, "triggers", /more than 100 entries/],
  ])("caps %s at the boundary, naming the field and the limit without quoting the value", async (_what, extra, property, reason) => {
    const found = await failures(debian(extra));
    expect(found).toContainEqual({ property, reason: expect.stringMatching(reason) });
    expect(JSON.stringify(found)).not.toContain(long(65));
  });

  it.each<[string, Props, string, string]>([
    ["constructor in the map form", { userMetadata: { constructor: "x" } }, "userMetadata.constructor", "constructor"],
    ["prototype in the map form", { userMetadata: { prototype: "x" } }, "userMetadata.prototype", "prototype"],
    ["__proto__ in the list form", { userMetadata: [{ key: "__proto__", value: "x" }] }, "userMetadata[0].key", "__proto__"],
  ])("refuses %s, naming the key, instead of dropping it unseen", async (_what, extra, property, key) => {
    expect(await failures(debian(extra))).toContainEqual({ property, reason: expect.stringContaining(`"${key}" cannot be a key`) });
  });

  // A `__proto__` key never reaches check through the host (Struct's toJavaScript assigns it, which sets a prototype
  // instead of a property), so these are the provider's own guard, called as is.
  it.each<[string, Props, string]>([
    ["in the map form", { userMetadata: JSON.parse('{"sshKey": "ssh-ed25519 AAAA", "__proto__": "x"}') }, "userMetadata.__proto__"],
    ["inside a keyValue answer", { userMetadata: { labels: JSON.parse('{"__proto__": "x"}') } }, "userMetadata.labels.__proto__"],
  ])("refuses __proto__ %s, naming the key, instead of dropping it unseen", async (_where, extra, property) => {
    const { failures } = await f.direct.check({}, debian(extra));
    expect(failures).toContainEqual({ property, reason: expect.stringContaining(`"__proto__" cannot be a key`) });
  });

  it("reports shape and live problems together, so one preview shows them all", async () => {
    const found = await failures(debian({ templateName: "debian12", customHostname: "-web", diskGroupId: 9 }));
    expect(found?.map((f) => f.property).sort()).toEqual(["customHostname", "diskGroupId", "templateName"]);
  });

  it("skips the rules that depend on values still unknown at preview, and keeps the unknowns", async () => {
    const inputs = debian({ serviceName: unknownValue, diskGroupId: unknownValue, userMetadata: { sshKey: unknownValue, language: "fr" } });
    const result = await f.provider.check({}, inputs);
    expect(result.failures).toEqual([{ property: "userMetadata.language", reason: expect.stringMatching(/has no question "language"/) }]);
    expect(result.inputs).toStrictEqual(inputs);
  });

  it("normalizes what is known even while other values are unknown, so diff sees no false change", async () => {
    const sshKey = throwawaySshKey();
    const state = { ...debian(), userMetadata: { sshKey }, installApi: "reinstall", timeoutMinutes: 120, taskId: 1, taskStatus: "done" };
    const news = (await f.provider.check(state, debian({ userMetadata: [{ key: "sshKey", value: sshKey }], timeoutMinutes: unknownValue }))).inputs;
    expect(news).toMatchObject({ userMetadata: { sshKey }, timeoutMinutes: unknownValue });
    expect(await f.provider.diff("id", state, news)).toMatchObject({ changes: true, replaces: [] });
    expect(f.warnings).toEqual([]);
  });

  it("fetches each template and each server once per provider process", async () => {
    const before = { template: f.sim.count({ route: OVH_ROUTES.template }), hardware: f.sim.count({ route: OVH_ROUTES.hardware }) };
    f.sim.cloneServer(SCALE7, "ns3000042.ip-51-68-9.eu");
    for (let i = 0; i < 3; i++) await failures(debian({ templateName: "alma9_64", serviceName: "ns3000042.ip-51-68-9.eu", diskGroupId: 1 }));
    expect(f.sim.count({ route: OVH_ROUTES.template }) - before.template).toBe(1);
    expect(f.sim.count({ route: OVH_ROUTES.hardware }) - before.hardware).toBe(1);
  });
});
