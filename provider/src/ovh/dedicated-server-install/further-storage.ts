import type { CheckFailure } from "../../check-failures";
import type { DiskGroup } from "../responses";
import type { StorageEntry } from "./inputs";
import { describeGroups } from "./storage";

/**
 * Do the disk groups that storage[1…] keep or erase exist on the server (when its disk groups were read), apart from
 * the one the OS goes on (docs/api/ovh.md#keeping-data-disk-groups)? `osGroupId` is where storage[0] installs: its
 * own or the resource's `diskGroupId`, else the server's `defaultDiskGroupId`; unset when the hardware was not read (1).
 */
export function furtherStorageFailures(entries: StorageEntry[], osGroupId: number | undefined, diskGroups: DiskGroup[] | undefined): CheckFailure[] {
  const osGroup = osGroupId || 1;
  const others = diskGroups?.filter((g) => g.diskGroupId !== osGroup);
  const choices = !others
    ? "see the server's specifications/hardware diskGroups"
    : others.length > 0
      ? describeGroups(others)
      : "(none: the server has no other disk group)";
  return entries.flatMap((entry, i): CheckFailure[] => {
    const id = entry.diskGroupId;
    if (i === 0 || !id) return [];
    const property = `storage[${i}].diskGroupId`;
    if (id === osGroup) {
      return [
        {
          property,
          reason: `disk group ${id} is where the OS is installed (storage[0]), and OVH always erases it; disk groups that can be kept or erased: ${choices}`,
        },
      ];
    }
    if (diskGroups && !diskGroups.some((g) => g.diskGroupId === id)) {
      return [{ property, reason: `the server has no disk group ${id}; disk groups that can be kept or erased: ${choices}` }];
    }
    return [];
  });
}
