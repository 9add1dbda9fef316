import { OVH_TEMPLATES } from "./template-catalogue";

export interface Size {
  readonly unit: string;
  readonly value: number;
}

/** One entry of `specifications/hardware` `diskGroups` (docs/api/ovh-templates.md#hardware-specifications). */
export interface DiskGroupSpec {
  readonly diskGroupId: number;
  readonly diskType: string;
  readonly numberOfDisks: number;
  readonly diskSize: Size;
  readonly description: string;
  readonly raidController: string | null;
  readonly defaultHardwareRaidType: string | null;
  readonly defaultHardwareRaidSize: Size | null;
}

/** What the simulator needs to know about a dedicated server; optional parts fall back to plausible values. */
export interface ServerSpec {
  readonly name: string;
  /** Installed template, as `GET /dedicated/server/{serviceName}` reports it. */
  readonly os: string;
  readonly ip: string;
  readonly datacenter: string;
  /** Commercial description, e.g. "SCALE-7 - AMD Epyc 7763". */
  readonly description: string;
  readonly bootMode: "legacy" | "uefi" | "uefi-legacy";
  readonly diskGroups: readonly DiskGroupSpec[];
  /**
   * `specifications/hardware` `defaultDiskGroupId`: where an install goes when `diskGroupId` is unset or 0
   * (docs/api/ovh.md#reinstall-request). Default 1, as in OVH's hardware example.
   */
  readonly defaultDiskGroupId?: number;
  /** Templates `install/compatibleTemplates` lists under `ovh`. */
  readonly compatibleTemplates: readonly string[];
  readonly serverId?: number;
  readonly commercialRange?: string;
  readonly rack?: string;
  readonly hardware?: {
    readonly processorName: string;
    readonly numberOfProcessors: number;
    readonly coresPerProcessor: number;
    readonly threadsPerProcessor: number;
    readonly memorySizeMb: number;
    readonly motherboard: string;
    readonly formFactor: string;
  };
}

const LINUX_TEMPLATES = OVH_TEMPLATES.filter((t) => t.family !== "windows" && t.templateName !== "nutanix-ce_64").map((t) => t.templateName);

function jbodGroup(diskGroupId: number, numberOfDisks: number, diskType: string, gb: number): DiskGroupSpec {
  const size = gb >= 1000 && gb % 1000 === 0 ? `${gb / 1000} TB` : `${gb} GB`;
  return {
    diskGroupId,
    diskType,
    numberOfDisks,
    diskSize: { unit: "GB", value: gb },
    description: `${numberOfDisks} X Disk ${diskType} ${size}, JBOD`,
    raidController: null,
    defaultHardwareRaidType: null,
    defaultHardwareRaidSize: null,
  };
}

export const OVH_SERVERS: readonly ServerSpec[] = [
  {
    // The SCALE-7 of the official hardware example (docs/api/ovh-templates.md#hardware-specifications).
    name: "ns3001234.ip-51-68-1.eu",
    os: "debian11_64",
    ip: "51.68.1.234",
    datacenter: "rbx8",
    description: "SCALE-7 - AMD Epyc 7763",
    bootMode: "uefi",
    diskGroups: [jbodGroup(1, 2, "SSD", 480), jbodGroup(2, 2, "NVME", 1920)],
    compatibleTemplates: OVH_TEMPLATES.map((t) => t.templateName),
    serverId: 3001234,
    commercialRange: "scale",
    rack: "S123B07",
    hardware: {
      processorName: "Epyc7763",
      numberOfProcessors: 1,
      coresPerProcessor: 64,
      threadsPerProcessor: 128,
      memorySizeMb: 524288,
      motherboard: "S8036-M",
      formFactor: "1u",
    },
  },
  {
    name: "ns3005678.ip-51-68-2.eu",
    os: "debian12_64",
    ip: "51.68.2.78",
    datacenter: "gra3",
    description: "ADVANCE-1 - AMD EPYC 4244P",
    bootMode: "uefi",
    diskGroups: [jbodGroup(1, 2, "NVME", 960)],
    compatibleTemplates: LINUX_TEMPLATES,
    serverId: 3005678,
    commercialRange: "advance",
    rack: "G301A12",
    hardware: {
      processorName: "Epyc4244P",
      numberOfProcessors: 1,
      coresPerProcessor: 6,
      threadsPerProcessor: 12,
      memorySizeMb: 32768,
      motherboard: "B650D4U",
      formFactor: "1u",
    },
  },
  {
    name: "ns3009999.ip-51-68-3.eu",
    os: "debian11_64",
    ip: "51.68.3.99",
    datacenter: "sbg3",
    description: "HGR-STOR-2 - 2x Intel Xeon Gold 6242R",
    bootMode: "legacy",
    diskGroups: [
      {
        diskGroupId: 1,
        diskType: "SAS",
        numberOfDisks: 4,
        diskSize: { unit: "GB", value: 4000 },
        description: "4 X Disk SAS 4 TB, LSI MegaRAID 9361-8i",
        raidController: "LSI MegaRAID 9361-8i",
        defaultHardwareRaidType: "raid5",
        defaultHardwareRaidSize: { unit: "GB", value: 12000 },
      },
      jbodGroup(2, 2, "SSD", 480),
    ],
    compatibleTemplates: [...LINUX_TEMPLATES, "win2022core-std_64"],
    serverId: 3009999,
    commercialRange: "hgr",
    rack: "S309C03",
    hardware: {
      processorName: "XeonGold6242R",
      numberOfProcessors: 2,
      coresPerProcessor: 20,
      threadsPerProcessor: 40,
      memorySizeMb: 393216,
      motherboard: "X11DPi-NT",
      formFactor: "2u",
    },
  },
];
