import type * as pulumi from "@pulumi/pulumi";

/** An answer to a template question: most are strings; `boolean`, `number` and `keyValue` questions take those. */
export type MetadataAnswerValue = string | number | boolean | Record<string, string>;

/** One answer in the `[{key, value}]` form of the OVH install guide. */
export interface MetadataAnswer {
  key: pulumi.Input<string>;
  value: pulumi.Input<MetadataAnswerValue>;
}

export type InstallApi = "reinstall" | "install/start";

export interface VolumeName {
  name: pulumi.Input<string>;
}

export interface PartitionExtras {
  lv?: pulumi.Input<VolumeName>;
  zp?: pulumi.Input<VolumeName>;
}

export interface Partition {
  fileSystem: pulumi.Input<string>;
  mountPoint: pulumi.Input<string>;
  raidLevel?: pulumi.Input<number | null>;
  size?: pulumi.Input<number>;
  extras?: pulumi.Input<PartitionExtras>;
}

export interface Partitioning {
  disks?: pulumi.Input<number>;
  schemeName?: pulumi.Input<string>;
  layout?: pulumi.Input<pulumi.Input<Partition>[]>;
}

export interface HardwareRaid {
  arrays?: pulumi.Input<number>;
  disks?: pulumi.Input<number>;
  raidLevel?: pulumi.Input<number | null>;
  spares?: pulumi.Input<number>;
}

export interface StorageEntry {
  diskGroupId?: pulumi.Input<number>;
  hardwareRaid?: pulumi.Input<pulumi.Input<HardwareRaid>[]>;
  partitioning?: pulumi.Input<Partitioning>;
}
