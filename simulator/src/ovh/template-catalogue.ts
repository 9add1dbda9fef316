/** The input types a template question can have (`dedicated.TemplateOsInputTypeEnum`, docs/api/ovh-templates.md#template-inputs). */
export type InputType =
  "boolean" | "date" | "email" | "enum" | "hexstring" | "hostname" | "ip" | "keyValue" | "number" | "sshPubKey" | "string" | "text" | "time" | "url" | "uuid";

/** `dedicated.TemplateOsInput`: one OS-specific question, answered through `customizations.<name>`. */
export interface TemplateInput {
  readonly name: string;
  readonly type: InputType;
  readonly mandatory: boolean;
  readonly default: string | null;
  readonly description: string;
  readonly enum: readonly string[];
}

/** `dedicated.installationTemplate.Templates` (docs/api/ovh-templates.md#template-object). */
export interface TemplateSpec {
  readonly templateName: string;
  readonly bitFormat: 64;
  readonly category: string;
  readonly description: string;
  readonly distribution: string;
  /** "YYYY-MM-DD"; after this date the template can no longer be installed. */
  readonly endOfInstall: string;
  readonly family: string;
  readonly subfamily: string;
  readonly filesystems: readonly string[];
  readonly inputs: readonly TemplateInput[];
  readonly license: { readonly os: { readonly name: readonly string[]; readonly url: string } } | null;
  readonly project: { readonly os: { readonly name: string; readonly version: string; readonly url: string; readonly governance: readonly string[] } } | null;
  readonly lvmReady: boolean;
  readonly noPartitioning: boolean;
  readonly softRaidOnlyMirroring: boolean;
  readonly rootMountpoint: string;
}

function input(name: string, type: InputType, description: string, extra: Partial<TemplateInput> = {}): TemplateInput {
  return { name, type, description, mandatory: false, default: "", enum: [], ...extra };
}

// The stock Linux questions, as in the official debian12_64 example (docs/api/ovh-templates.md#official-template-inputs).
const hostname = input("hostname", "hostname", "Custom hostname");
const sshKey = input("sshKey", "sshPubKey", "SSH Public Key");
const postInstallationScript = input("postInstallationScript", "text", "Post-Installation Script");
const LINUX_FILESYSTEMS = ["btrfs", "ext3", "ext4", "swap", "xfs", "zfs"];

interface LinuxTemplate {
  templateName: string;
  description: string;
  subfamily: string;
  endOfInstall: string;
  project: { name: string; version: string; url: string };
  license: string[];
}

function stockLinux(t: LinuxTemplate, extra: Partial<TemplateSpec> = {}): TemplateSpec {
  return {
    templateName: t.templateName,
    bitFormat: 64,
    category: "basic",
    description: t.description,
    distribution: t.templateName.replace(/_64$/, ""),
    endOfInstall: t.endOfInstall,
    family: "linux",
    subfamily: t.subfamily,
    filesystems: LINUX_FILESYSTEMS,
    inputs: [hostname, sshKey, postInstallationScript],
    license: { os: { name: t.license, url: `${t.project.url}/legal` } },
    project: { os: { ...t.project, governance: ["community"] } },
    lvmReady: true,
    noPartitioning: false,
    softRaidOnlyMirroring: false,
    rootMountpoint: "/",
    ...extra,
  };
}

/** The tail of a template that partitions its disks itself and names no license or project. */
const OWN_PARTITIONS_NO_LICENSE: Pick<TemplateSpec, "license" | "project" | "lvmReady" | "noPartitioning" | "softRaidOnlyMirroring" | "rootMountpoint"> = {
  license: null,
  project: null,
  lvmReady: false,
  noPartitioning: true,
  softRaidOnlyMirroring: false,
  rootMountpoint: "/",
};

const debianProject = (version: string) => ({ name: "Debian", version, url: "https://www.debian.org" });

export const OVH_TEMPLATES: readonly TemplateSpec[] = [
  stockLinux({
    templateName: "debian12_64",
    description: "Debian 12 (Bookworm)",
    subfamily: "debian",
    endOfInstall: "2028-07-04",
    project: debianProject("12"),
    license: ["GPL-2.0-or-later"],
  }),
  stockLinux({
    templateName: "debian13_64",
    description: "Debian 13 (Trixie)",
    subfamily: "debian",
    endOfInstall: "2030-07-02",
    project: debianProject("13"),
    license: ["GPL-2.0-or-later"],
  }),
  // Already past its endOfInstall, so the "no longer installable" rule can be exercised.
  stockLinux({
    templateName: "debian10_64",
    description: "Debian 10 (Buster)",
    subfamily: "debian",
    endOfInstall: "2024-06-30",
    project: debianProject("10"),
    license: ["GPL-2.0-or-later"],
  }),
  stockLinux({
    templateName: "ubuntu2404-server_64",
    description: "Ubuntu Server 24.04 LTS (Noble Numbat)",
    subfamily: "ubuntu",
    endOfInstall: "2029-05-31",
    project: { name: "Ubuntu", version: "24.04", url: "https://ubuntu.com" },
    license: ["GPL-2.0-or-later"],
  }),
  stockLinux({
    templateName: "alma9_64",
    description: "AlmaLinux 9",
    subfamily: "alma",
    endOfInstall: "2032-06-01",
    project: { name: "AlmaLinux", version: "9", url: "https://almalinux.org" },
    license: ["GPL-2.0-or-later"],
  }),
  stockLinux(
    {
      templateName: "proxmox8_64",
      description: "Proxmox VE 8",
      subfamily: "proxmox",
      endOfInstall: "2028-07-04",
      project: { name: "Proxmox VE", version: "8", url: "https://www.proxmox.com" },
      license: ["AGPL-3.0-only"],
    },
    { category: "virtualization", filesystems: ["ext4", "swap", "xfs", "zfs"], lvmReady: false, softRaidOnlyMirroring: true },
  ),
  {
    templateName: "win2022core-std_64",
    bitFormat: 64,
    category: "basic",
    description: "Windows Server 2022 Standard (Core)",
    distribution: "windows-server-2022-core",
    endOfInstall: "2031-10-14",
    family: "windows",
    subfamily: "windows-server-core",
    filesystems: ["ntfs"],
    // The official win2022core-std_64 inputs (docs/api/ovh-templates.md#official-template-inputs): no hostname
    // question, yet the official reinstall example sends one (docs/api/ovh.md#reinstall-examples).
    inputs: [
      input("language", "enum", "Display Language", { default: "en-us", enum: ["en-us", "fr-fr"] }),
      postInstallationScript,
      input("postInstallationScriptExtension", "enum", "Post-Installation Script File Extension", { mandatory: true, default: "ps1", enum: ["ps1", "cmd"] }),
    ],
    license: { os: { name: ["LicenseRef-Microsoft-SPLA"], url: "https://www.microsoft.com/licensing" } },
    project: null,
    lvmReady: false,
    noPartitioning: false,
    softRaidOnlyMirroring: false,
    rootMountpoint: "c:",
  },
  {
    templateName: "byolinux_64",
    bitFormat: 64,
    category: "customer",
    description: "Bring Your Own Linux",
    distribution: "byolinux",
    endOfInstall: "2999-12-31",
    family: "custom",
    subfamily: "byolinux",
    filesystems: [],
    inputs: [
      input("imageURL", "url", "Your Linux image URL", { mandatory: true, default: null }),
      input("imageType", "enum", "Your Linux image type", { default: "qcow2", enum: ["qcow2", "raw"] }),
      input("imageCheckSum", "hexstring", "Image checksum"),
      input("imageCheckSumType", "enum", "Checksum type", { default: "sha512", enum: ["md5", "sha1", "sha256", "sha512"] }),
      input("httpHeaders", "keyValue", "HTTP Headers to fetch image"),
      input("configDriveUserData", "text", "Config Drive UserData"),
      input("efiBootloaderPath", "string", "Path of the EFI bootloader"),
      hostname,
      sshKey,
    ],
    // The image brings its own partitions (inferred for byolinux_64; it matches how OVH documents BYO images).
    ...OWN_PARTITIONS_NO_LICENSE,
  },
  {
    templateName: "nutanix-ce_64",
    bitFormat: 64,
    category: "virtualization",
    description: "SIMULATOR ONLY: Nutanix CE stand-in whose inputs cover email, ip, uuid, number, boolean, date and time",
    distribution: "nutanix-ce",
    endOfInstall: "2999-12-31",
    family: "linux",
    subfamily: "aos",
    filesystems: [],
    inputs: [
      input("adminEmail", "email", "Administrator e-mail", { mandatory: true, default: null }),
      input("clusterIp", "ip", "Cluster virtual IP"),
      input("clusterUuid", "uuid", "Cluster UUID"),
      input("nodeCount", "number", "Number of nodes", { default: "1" }),
      input("enableLacpBonding", "boolean", "Enable LACP bonding", { default: "false" }),
      input("maintenanceDate", "date", "First maintenance day"),
      input("maintenanceTime", "time", "Maintenance window start"),
    ],
    ...OWN_PARTITIONS_NO_LICENSE,
  },
];

export function findTemplate(name: string): TemplateSpec | undefined {
  return OVH_TEMPLATES.find((t) => t.templateName === name);
}

/** Linux-style templates with custom partitioning offer the "default" scheme; noPartitioning ones offer none. */
export function partitionSchemes(template: TemplateSpec): string[] {
  return template.noPartitioning ? [] : ["default"];
}
