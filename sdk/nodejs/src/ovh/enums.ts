/** The OVH route that starts an install. */
export type InstallApi = "reinstall" | "install/start";

/** The status of an OVH task (`dedicated.TaskStatusEnum`). */
export type TaskStatus = "init" | "todo" | "doing" | "done" | "cancelled" | "customerError" | "ovhError";

/** A file system of `/reinstall`'s partitioning layout; each template supports some of them (its `filesystems`). */
export type FileSystem = "btrfs" | "ext3" | "ext4" | "fat16" | "none" | "ntfs" | "reiserfs" | "swap" | "ufs" | "vmfs5" | "vmfs6" | "vmfsl" | "xfs" | "zfs";

/** A hardware RAID level OVH's `/reinstall` accepts. */
export type HardwareRaidLevel = 0 | 1 | 5 | 6 | 10 | 50 | 60;

/** A software RAID level OVH's `/reinstall` accepts for a partition. */
export type SoftwareRaidLevel = 0 | 1 | 5 | 6 | 7 | 10;
