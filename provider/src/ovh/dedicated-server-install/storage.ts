import type { CheckFailure } from "../../check-failures";
import { quoted } from "../../text-inputs";
import type { DiskGroup, Template } from "../responses";
import type { StorageEntry } from "./inputs";

interface StorageContext {
  template: Template;
  diskGroups: DiskGroup[] | undefined;
  /** The top-level `diskGroupId` input, which lands in the same place as `storage[0].diskGroupId`. */
  diskGroupId?: number;
  /** Where OVH installs when neither names a group (`specifications/hardware` `defaultDiskGroupId`). */
  defaultDiskGroupId?: number;
  partitionSchemeName?: string;
}

const unixMountPoint = /^\/[A-Za-z0-9/._-]{0,255}$/;
const windowsMountPoint = /^[a-z]{1,5}:$/;

/** Does this storage entry fit the template and the server (docs/api/ovh.md#reinstall-errors, Partition* and HardwareRaid*)? */
export function storageFailures(entry: StorageEntry, ctx: StorageContext): CheckFailure[] {
  const failures: CheckFailure[] = [];
  const fail = (property: string, reason: string) => failures.push({ property: `storage[0]${property}`, reason });
  const { template } = ctx;
  const name = template.templateName;

  if (entry.diskGroupId !== undefined && ctx.diskGroupId !== undefined && entry.diskGroupId !== ctx.diskGroupId) {
    fail(".diskGroupId", `storage[0].diskGroupId (${entry.diskGroupId}) disagrees with diskGroupId (${ctx.diskGroupId}); set one of them`);
  }
  const groupId = entry.diskGroupId ?? ctx.diskGroupId;
  const group = ctx.diskGroups?.find((g) => g.diskGroupId === (groupId || ctx.defaultDiskGroupId || 1));
  if (ctx.diskGroups && entry.diskGroupId && !ctx.diskGroups.some((g) => g.diskGroupId === entry.diskGroupId)) {
    fail(".diskGroupId", `the server has no disk group ${entry.diskGroupId}; disk groups: ${describeGroups(ctx.diskGroups)}`);
  }

  const partitioning = entry.partitioning;
  if (partitioning?.schemeName && ctx.partitionSchemeName && partitioning.schemeName !== ctx.partitionSchemeName) {
    fail(".partitioning.schemeName", `storage[0].partitioning.schemeName disagrees with partitionSchemeName (${ctx.partitionSchemeName}); set one of them`);
  }
  if (partitioning?.disks && group?.numberOfDisks && partitioning.disks > group.numberOfDisks) {
    fail(".partitioning.disks", `storage[0].partitioning.disks is ${partitioning.disks}, but disk group ${group.diskGroupId} has ${group.numberOfDisks} disks`);
  }

  const layout = partitioning?.layout ?? [];
  if (layout.length > 0 && template.noPartitioning) {
    fail(".partitioning.layout", `template ${name} does not support a custom partitioning layout; remove the layout`);
  }
  const windows = template.family === "windows";
  const root = template.rootMountpoint ?? (windows ? "c:" : "/");
  const seen = new Set<string>();
  layout.forEach((p, i) => {
    const at = `.partitioning.layout[${i}]`;
    // A template without custom layouts lists no file systems: the layout failure above is the one to read.
    if (!template.noPartitioning && template.filesystems && !template.filesystems.includes(p.fileSystem)) {
      fail(`${at}.fileSystem`, `template ${name} supports these file systems: ${template.filesystems.join(", ")}`);
    }
    if (seen.has(p.mountPoint)) fail(`${at}.mountPoint`, `mountPoint ${quoted(p.mountPoint)} is used twice`);
    seen.add(p.mountPoint);
    const mountProblem = windows ? windowsMountProblem(p.mountPoint, i) : unixMountProblem(p.mountPoint, p.fileSystem);
    if (mountProblem) fail(`${at}.mountPoint`, `mountPoint ${quoted(p.mountPoint)} ${mountProblem}`);
    if (template.softRaidOnlyMirroring && p.raidLevel !== undefined && p.raidLevel !== null && p.raidLevel > 1) {
      fail(`${at}.raidLevel`, `template ${name} only supports software RAID 0 or 1`);
    }
    if (p.extras?.lv && !template.lvmReady) fail(`${at}.extras.lv`, `template ${name} does not support LVM`);
    if (p.extras?.zp && p.fileSystem !== "zfs") fail(`${at}.extras.zp`, "a ZFS pool name needs fileSystem zfs");
  });
  if (layout.length > 0 && !seen.has(root)) {
    fail(".partitioning.layout", `the layout needs a partition mounted at ${root}`);
  }

  const raid = entry.hardwareRaid?.[0];
  if (raid && group) {
    if (!group.raidController) {
      fail(".hardwareRaid", `disk group ${group.diskGroupId} (${group.description ?? group.diskType}) has no hardware RAID controller`);
    }
    const disks = raid.disks ?? group.numberOfDisks ?? undefined;
    if (raid.disks && group.numberOfDisks && raid.disks > group.numberOfDisks) {
      fail(".hardwareRaid[0].disks", `storage[0].hardwareRaid[0].disks is ${raid.disks}, but disk group ${group.diskGroupId} has ${group.numberOfDisks} disks`);
    }
    if (disks && raid.arrays && disks % raid.arrays !== 0) {
      fail(".hardwareRaid[0].arrays", `the number of disks (${disks}) must be a multiple of arrays (${raid.arrays})`);
    }
    if (partitioning?.disks && partitioning.disks > 1) {
      fail(".partitioning.disks", "with hardware RAID the OS sees one virtual disk: partitioning.disks must be 1 or unset");
    }
  }
  return failures;
}

function unixMountProblem(mountPoint: string, fileSystem: string): string | undefined {
  if (fileSystem === "swap") return mountPoint === "swap" ? undefined : 'must be "swap" for a swap partition';
  if (!unixMountPoint.test(mountPoint)) return "must be an absolute path of letters, digits, /, ., _ and - (at most 256 characters)";
  if (mountPoint !== "/" && mountPoint.endsWith("/")) return "must not end with /";
  if (mountPoint.split("/").some((part) => part.startsWith(".") || part === "..")) return "must be a canonical path, not hidden";
  return undefined;
}

function windowsMountProblem(mountPoint: string, index: number): string | undefined {
  if (!windowsMountPoint.test(mountPoint)) return 'must be a drive such as "c:" (at most 5 lowercase letters and a colon)';
  if (index === 0 && mountPoint !== "c:") return 'must be "c:" on the first Windows partition';
  return undefined;
}

export function describeGroups(groups: DiskGroup[]): string {
  return groups.map((g) => `${g.diskGroupId} (${g.description ?? `${g.numberOfDisks ?? "?"}× ${g.diskType ?? "disk"}`})`).join(", ");
}
