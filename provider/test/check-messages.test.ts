import { edisFixture, type EdisFixture } from "./support/edis";
import { ovhFixture, SCALE7, type OvhFixture, type Props } from "./support/ovh";
import { OVH_ROUTES } from "pulumi-reinstall-simulator";

/** zod's own wording, which must never reach a user. */
const zodPhrasing = /expected|received|Too small|Too big|Invalid input|Invalid option|Unrecognized key|Invalid string|must contain/i;

/** Every leaf of the secret inputs, so a test can tell that no message carries one back. */
function secretsIn(inputs: Props): string[] {
  const leaves = (v: unknown): string[] => (v !== null && typeof v === "object" ? Object.values(v).flatMap(leaves) : v === undefined ? [] : [String(v)]);
  return ["password", "cloudInitUserData", "userMetadata"].flatMap((k) => leaves(inputs[k])).filter((s) => s.length >= 4);
}

type Case = [what: string, extra: Props, property: string, reason: string];

/** The exact failure for each bad input, through the provider's check against the simulator. */
function table(name: string, check: () => (extra: Props) => Promise<{ inputs: Props; failures: { property: string; reason: string }[] }>, cases: Case[]) {
  it.each(cases)(`${name} names the field, the value given and what is allowed: %s`, async (_what, extra, property, reason) => {
    const { inputs, failures } = await check()(extra);
    expect(failures).toEqual([{ property, reason }]);
    for (const secret of secretsIn(inputs)) expect(JSON.stringify(failures)).not.toContain(secret);
    // Each row on its own, so that any subset of the rows can run (jest -t, Stryker): never zod's wording, and never
    // the word "secret" (the inputs' secret values are named so: none comes back).
    expect(reason).not.toMatch(zodPhrasing);
    expect(reason).not.toMatch(/secret/);
  });
}

const layout = (partitions: Props[]) => ({ storage: [{ partitioning: { layout: partitions } }] });
const root = { fileSystem: "ext4", mountPoint: "/" };
const answer = "an answer: text, a number, true or false, or a map from names to text";
const partition = "an object with the fields fileSystem, mountPoint, raidLevel, size, extras";

describe("check messages: every failure is a sentence about the user's field, never zod's wording", () => {
  let ovh: OvhFixture;
  let edis: EdisFixture;
  beforeAll(async () => {
    [ovh, edis] = await Promise.all([ovhFixture(), edisFixture()]);
  });
  afterAll(async () => {
    await Promise.all([ovh.close(), edis.close()]);
  });

  const ovhCheck = () => async (extra: Props) => {
    const inputs = { serviceName: SCALE7, templateName: "debian12_64", ...extra };
    return { inputs, failures: (await ovh.provider.check({}, inputs)).failures ?? [] };
  };
  const kvmCheck = () => async (extra: Props) => {
    const inputs = edis.inputs(undefined, extra);
    return { inputs, failures: (await edis.provider.check({}, inputs)).failures ?? [] };
  };

  table("DedicatedServerInstall", ovhCheck, [
    ["a timeout of 0", { timeoutMinutes: 0 }, "timeoutMinutes", "timeoutMinutes is 0; it must be a number above 0 and at most 1440"],
    ["a timeout as text", { timeoutMinutes: "120" }, "timeoutMinutes", "timeoutMinutes is text of 3 characters; it must be a number above 0 and at most 1440"],
    ["a fractional disk group", { diskGroupId: 1.5 }, "diskGroupId", "diskGroupId is 1.5; it must be a whole number of at least 1"],
    ["a disk group of NaN", { diskGroupId: NaN }, "diskGroupId", "diskGroupId is NaN; it must be a whole number of at least 1"],
    ["an infinite timeout", { timeoutMinutes: Infinity }, "timeoutMinutes", "timeoutMinutes is Infinity; it must be a number above 0 and at most 1440"],
    [
      "a partition size past 2^53",
      layout([{ ...root, size: 1e30 }]),
      "storage[0].partitioning.layout[0].size",
      "storage[0].partitioning.layout[0].size is 1e+30; it must be a whole number of at least 0 and at most 9007199254740991",
    ],
    ["an unknown install API", { installApi: "install" }, "installApi", 'installApi is "install"; it must be one of: "reinstall", "install/start"'],
    ["a missing templateName", { templateName: undefined }, "templateName", "templateName is required: give text of 1 to 255 characters"],
    ["an empty customHostname", { customHostname: "" }, "customHostname", "customHostname is empty; it must be text of 1 to 253 characters"],
    [
      "a negative partition size",
      layout([root, { fileSystem: "swap", mountPoint: "swap" }, { fileSystem: "ext4", mountPoint: "/data", size: -1 }]),
      "storage[0].partitioning.layout[2].size",
      "storage[0].partitioning.layout[2].size is -1; it must be a whole number of at least 0",
    ],
    [
      "an unknown file system",
      layout([{ fileSystem: "fat32", mountPoint: "/" }]),
      "storage[0].partitioning.layout[0].fileSystem",
      'storage[0].partitioning.layout[0].fileSystem is "fat32"; it must be one of: "btrfs", "ext3", "ext4", "fat16", "none", "ntfs", "reiserfs", "swap", "ufs", "vmfs5", "vmfs6", "vmfsl", "xfs", "zfs"',
    ],
    [
      "an empty layout",
      layout([]),
      "storage[0].partitioning.layout",
      `storage[0].partitioning.layout is an empty list; it must be a list of 1 to 128 entries, each ${partition}`,
    ],
    [
      "a software RAID level OVH lacks",
      layout([{ ...root, raidLevel: 2 }]),
      "storage[0].partitioning.layout[0].raidLevel",
      "storage[0].partitioning.layout[0].raidLevel is 2; it must be one of: 0, 1, 5, 6, 7, 10, or null",
    ],
    [
      "a misspelt partition field",
      layout([{ ...root, fileSytem: "ext4" }]),
      "storage[0].partitioning.layout[0].fileSytem",
      'unknown field "fileSytem" in storage[0].partitioning.layout[0]; allowed fields: fileSystem, mountPoint, raidLevel, size, extras',
    ],
    [
      "a mount point ending in /",
      layout([root, { fileSystem: "ext4", mountPoint: "/data/" }]),
      "storage[0].partitioning.layout[1].mountPoint",
      'mountPoint "/data/" must not end with /',
    ],
    [
      "two disk groups",
      { diskGroupId: 1, storage: [{ diskGroupId: 2 }] },
      "storage[0].diskGroupId",
      "storage[0].diskGroupId (2) disagrees with diskGroupId (1); set one of them",
    ],
    [
      "an LVM name with a hyphen",
      layout([{ ...root, extras: { lv: { name: "lv-root" } } }]),
      "storage[0].partitioning.layout[0].extras.lv.name",
      "an LVM volume name must be 1 to 16 letters and digits",
    ],
    [
      "userMetadata as text",
      { userMetadata: "sshKey=AAAA-secret" },
      "userMetadata",
      "userMetadata is text of 18 characters; it must be a map from question names to answers, or a list of {key, value} entries",
    ],
    [
      "an answer that is a list",
      { userMetadata: { sshKey: ["AAAA-secret"] } },
      "userMetadata.sshKey",
      `userMetadata.sshKey is a list of 1 entry; it must be ${answer}`,
    ],
    ["a list entry without a value", { userMetadata: [{ key: "sshKey" }] }, "userMetadata[0].value", `userMetadata[0].value is required: give ${answer}`],
    [
      "an answer of the wrong form",
      { userMetadata: { sshKey: "ssh-rsa AAAA-secret" } },
      "userMetadata.sshKey",
      'the answer to "sshKey" must be an SSH public key in OpenSSH format, e.g. "ssh-ed25519 AAAA… user@host" (the question is of type sshPubKey)',
    ],
    ["a trigger that is a number", { triggers: [1] }, "triggers[0]", "triggers[0] is a number; it must be text"],
    [
      "a template past its endOfInstall",
      { templateName: "debian10_64" },
      "templateName",
      `template debian10_64 is no longer installable: OVH ended its installation on 2024-06-30 (endOfInstall); templates ${SCALE7} can install today: debian12_64, debian13_64, ubuntu2404-server_64, alma9_64, proxmox8_64, win2022core-std_64, byolinux_64, nutanix-ce_64`,
    ],
  ]);

  table("KvmReinstall", kvmCheck, [
    ["a port out of range", { readinessPort: 70_000 }, "readinessPort", "readinessPort is 70000; it must be a whole number from 1 to 65535"],
    ["a fractional port", { readinessPort: 22.5 }, "readinessPort", "readinessPort is 22.5; it must be a whole number from 1 to 65535"],
    ["a port of -Infinity", { readinessPort: -Infinity }, "readinessPort", "readinessPort is -Infinity; it must be a whole number from 1 to 65535"],
    ["waitForReady as text", { waitForReady: "yes" }, "waitForReady", "waitForReady is text of 3 characters; it must be true or false"],
    ["a negative timeout", { timeoutMinutes: -1 }, "timeoutMinutes", "timeoutMinutes is -1; it must be a number above 0 and at most 1440"],
    [
      "a malformed kvm id",
      { kvmId: "123456" },
      "kvmId",
      'kvmId "123456" is not an EDIS KVM id; they read like "kvm_123456_789012", as the VPS Management Portal shows them',
    ],
    ["an empty image", { image: "" }, "image", "image is empty; it must be text of 1 to 255 characters"],
    [
      "a password given as a number",
      { password: 84_629_173_550_912 },
      "password",
      "password is a number; it must be text of 12 to 128 printable ASCII characters, no spaces, using at least three of: lowercase letters, uppercase letters, digits, symbols",
    ],
    ["empty cloud-init data", { cloudInitUserData: "" }, "cloudInitUserData", "cloudInitUserData is empty; it must be text of at least 1 character"],
    ["a trigger list as text", { triggers: "rebuild-1" }, "triggers", "triggers is text of 9 characters; it must be a list of at most 100 entries, each text"],
    [
      "an unclosed flow list in #cloud-config",
      { cloudInitUserData: "#cloud-config\nruncmd: [secret-a, secret-b\n" },
      "cloudInitUserData",
      "#cloud-config is not valid YAML (BAD_INDENT at line 2: a [ opened there is not closed)",
    ],
    [
      "a flow list left open on line 4, noticed on line 5",
      { cloudInitUserData: "#cloud-config\nusers:\n  - name: secret-a\n    groups: [secret-x, secret-y\n  - name: secret-b\n" },
      "cloudInitUserData",
      "#cloud-config is not valid YAML (BAD_INDENT at line 4: a [ opened there is not closed)",
    ],
    [
      "a quote left open on line 4 of a file with blank lines",
      { cloudInitUserData: '#cloud-config\n\n\nsecret-key: "unterminated\n\n\n' },
      "cloudInitUserData",
      '#cloud-config is not valid YAML (MISSING_CHAR at line 4: a " opened there is not closed)',
    ],
    [
      "a bad indent on line 4",
      { cloudInitUserData: "#cloud-config\npackages:\n  - secret-nginx\n bad: secret\n" },
      "cloudInitUserData",
      "#cloud-config is not valid YAML (BAD_INDENT at line 4)",
    ],
    [
      "a duplicate key on line 3 of a CRLF file with a byte order mark",
      { cloudInitUserData: "\uFEFF#cloud-config\r\nsecret-key: 1\r\nsecret-key: 2\r\n" },
      "cloudInitUserData",
      "#cloud-config is not valid YAML (DUPLICATE_KEY at line 3)",
    ],
  ]);

  it("reads the catalogue's dates only when templateName already fails, once per provider process", async () => {
    const infos = () => ovh.sim.count({ route: OVH_ROUTES.templateInfos });
    const before = infos();
    expect((await ovhCheck()({ templateName: "debian13_64" })).failures).toEqual([]);
    expect(infos()).toBe(before);
    await ovhCheck()({ templateName: "debian99_64" });
    await ovhCheck()({ templateName: "debian10_64" });
    expect(infos()).toBeLessThanOrEqual(before + 1);
  });
});
