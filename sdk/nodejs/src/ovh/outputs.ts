import type { FileSystem, HardwareRaidLevel, SoftwareRaidLevel } from "./enums";

// The storage types as they are in state, after the provider parsed them: plain values, where ./types takes inputs.

/** A volume name. */
export interface VolumeName {
  /**
   * The name: for `lv`, at most 16 letters and digits; for `zp`, a letter, then letters, digits, `_`, `:` or `.` (at
   * most 239 characters).
   */
  name: string;
}

/** Volume names. */
export interface PartitionExtras {
  /** LVM logical volume (templates with `lvmReady`). */
  lv?: VolumeName;
  /** ZFS pool (fileSystem `zfs`). */
  zp?: VolumeName;
}

/** One partition of a custom layout. */
export interface Partition {
  /** File system; must be one of the template's `filesystems`. */
  fileSystem: FileSystem;
  /**
   * Absolute path (at most 256 characters), `swap` for a swap partition, or a drive such as `c:` on Windows (the
   * first partition must be `c:`). Each mount point once.
   */
  mountPoint: string;
  /**
   * Software RAID level across the partitioned disks (templates with `softRaidOnlyMirroring`: 0 or 1); unset, OVH's
   * default.
   */
  raidLevel?: SoftwareRaidLevel | null;
  /** Size in MiB; 0 or unset fills the disk. */
  size?: number;
  /** LVM logical volume or ZFS pool name. */
  extras?: PartitionExtras;
}

/** Partitioning of the disk group. */
export interface Partitioning {
  /**
   * Number of disks to partition (default: all of the group); 1 or unset with hardware RAID, whose virtual disk is
   * the only one the OS sees.
   */
  disks?: number;
  /** Partition scheme of the template; must agree with the resource's `partitionSchemeName` when both are set. */
  schemeName?: string;
  /**
   * Custom layout, 1 to 128 partitions; needs a partition mounted at the root (`/`, or `c:` on Windows). Refused with
   * templates that have `noPartitioning`.
   */
  layout?: Partition[];
}

/** A hardware RAID configuration. */
export interface HardwareRaid {
  /** Number of arrays (default 1). */
  arrays?: number;
  /** Number of disks (default: all of the group); a multiple of `arrays`. */
  disks?: number;
  /** RAID level; `null` for JBOD. */
  raidLevel?: HardwareRaidLevel | null;
  /** Spare disks (default 0). */
  spares?: number;
}

/** One disk group's storage configuration (`dedicated.server.Reinstall` `storage[]`). */
export interface StorageEntry {
  /**
   * On the first entry, the disk group to install on; 0 or unset means OVH's default. Must agree with the resource's
   * `diskGroupId` when both are set. On a further entry, required: the disk group to keep or erase, another than the
   * OS's, each named once.
   */
  diskGroupId?: number;
  /**
   * Hardware RAID, at most one configuration; needs a RAID controller on the disk group. Unset, no hardware RAID
   * configuration is sent.
   */
  hardwareRaid?: HardwareRaid[];
  /** Software partitioning of the disk group; unset, the template's default. */
  partitioning?: Partitioning;
  /**
   * Whether OVH erases this disk group. Meant for a further entry (storage[1] on), which sets only `diskGroupId` and
   * `erase`: `false` keeps the group's data, `true` erases it as an unlisted group is. The first entry's group, where
   * the OS goes, is always erased: `false` is refused there.
   */
  erase?: boolean;
}

/** The boot a delete reboots the server on: exactly one of `bootId` or `rescue`. */
export interface OnDelete {
  /**
   * One of the server's boot ids (`GET /dedicated/server/{serviceName}/boot`), of any type, e.g. a rescue or `harddisk`
   * boot.
   */
  bootId?: number;
  /**
   * The kernel of one of the server's rescue boots (`GET /dedicated/server/{serviceName}/boot?bootType=rescue`, then
   * each boot's `kernel`), e.g. `rescue12-customer`.
   */
  rescue?: string;
}
