import type * as pulumi from "@pulumi/pulumi";
import type { FileSystem, HardwareRaidLevel, SoftwareRaidLevel } from "./enums";

/** An answer to a template question: most are strings; `boolean`, `number` and `keyValue` questions take those. */
export type MetadataAnswerValue = string | number | boolean | Record<string, string>;

/** One answer in the `[{key, value}]` form of the OVH install guide. */
export interface MetadataAnswer {
  /** The question's name, e.g. `sshKey`. */
  key: pulumi.Input<string>;
  /** The answer: a string, or a number, boolean or string map for `number`, `boolean` and `keyValue` questions. */
  value: pulumi.Input<MetadataAnswerValue>;
}

/** A volume name. */
export interface VolumeName {
  /**
   * The name: for `lv`, at most 16 letters and digits; for `zp`, a letter, then letters, digits, `_`, `:` or `.` (at
   * most 239 characters).
   */
  name: pulumi.Input<string>;
}

/** Volume names. */
export interface PartitionExtras {
  /** LVM logical volume (templates with `lvmReady`). */
  lv?: pulumi.Input<VolumeName>;
  /** ZFS pool (fileSystem `zfs`). */
  zp?: pulumi.Input<VolumeName>;
}

/** One partition of a custom layout. */
export interface Partition {
  /** File system; must be one of the template's `filesystems`. */
  fileSystem: pulumi.Input<FileSystem>;
  /**
   * Absolute path (at most 256 characters), `swap` for a swap partition, or a drive such as `c:` on Windows (the
   * first partition must be `c:`). Each mount point once.
   */
  mountPoint: pulumi.Input<string>;
  /**
   * Software RAID level across the partitioned disks (templates with `softRaidOnlyMirroring`: 0 or 1); unset, OVH's
   * default.
   */
  raidLevel?: pulumi.Input<SoftwareRaidLevel | null>;
  /** Size in MiB; 0 or unset fills the disk. */
  size?: pulumi.Input<number>;
  /** LVM logical volume or ZFS pool name. */
  extras?: pulumi.Input<PartitionExtras>;
}

/** Partitioning of the disk group. */
export interface Partitioning {
  /**
   * Number of disks to partition (default: all of the group); 1 or unset with hardware RAID, whose virtual disk is
   * the only one the OS sees.
   */
  disks?: pulumi.Input<number>;
  /** Partition scheme of the template; must agree with the resource's `partitionSchemeName` when both are set. */
  schemeName?: pulumi.Input<string>;
  /**
   * Custom layout, 1 to 128 partitions; needs a partition mounted at the root (`/`, or `c:` on Windows). Refused with
   * templates that have `noPartitioning`.
   */
  layout?: pulumi.Input<pulumi.Input<Partition>[]>;
}

/** A hardware RAID configuration. */
export interface HardwareRaid {
  /** Number of arrays (default 1). */
  arrays?: pulumi.Input<number>;
  /** Number of disks (default: all of the group); a multiple of `arrays`. */
  disks?: pulumi.Input<number>;
  /** RAID level; `null` for JBOD. */
  raidLevel?: pulumi.Input<HardwareRaidLevel | null>;
  /** Spare disks (default 0). */
  spares?: pulumi.Input<number>;
}

/** One disk group's storage configuration (`dedicated.server.Reinstall` `storage[]`). */
export interface StorageEntry {
  /**
   * On the first entry, the disk group to install on; 0 or unset means OVH's default. Must agree with the resource's
   * `diskGroupId` when both are set. On a further entry, required: the disk group to keep or erase, another than the
   * OS's, each named once.
   */
  diskGroupId?: pulumi.Input<number>;
  /**
   * Hardware RAID, at most one configuration; needs a RAID controller on the disk group. Unset, no hardware RAID
   * configuration is sent.
   */
  hardwareRaid?: pulumi.Input<pulumi.Input<HardwareRaid>[]>;
  /** Software partitioning of the disk group; unset, the template's default. */
  partitioning?: pulumi.Input<Partitioning>;
  /**
   * Whether OVH erases this disk group. Meant for a further entry (storage[1] on), which sets only `diskGroupId` and
   * `erase`: `false` keeps the group's data, `true` erases it as an unlisted group is. The first entry's group, where
   * the OS goes, is always erased: `false` is refused there.
   */
  erase?: pulumi.Input<boolean>;
}

/** The boot a delete reboots the server on: exactly one of `bootId` or `rescue`. */
export interface OnDelete {
  /**
   * One of the server's boot ids (`GET /dedicated/server/{serviceName}/boot`), of any type, e.g. a rescue or `harddisk`
   * boot.
   */
  bootId?: pulumi.Input<number>;
  /**
   * The kernel of one of the server's rescue boots (`GET /dedicated/server/{serviceName}/boot?bootType=rescue`, then
   * each boot's `kernel`), e.g. `rescue12-customer`.
   */
  rescue?: pulumi.Input<string>;
}
