import type { Reply } from "../../http/exchange";
import type { DiskGroupSpec, ServerSpec } from "../catalogue";
import { invalidParameter, ovhError } from "../errors";
import { isRecord } from "../route";
import type { DiskUse } from "../tasks";

/**
 * A further `storage` entry that only keeps or erases its disk group: `erase` and nothing that installs
 * (docs/api/ovh.md#keeping-data-disk-groups). Any other further entry is a second install configuration.
 */
export function isEraseOnly(entry: unknown): boolean {
  return isRecord(entry) && entry.erase !== undefined && entry.partitioning == null && entry.hardwareRaid == null;
}

/**
 * What an install on `osGroup` does to every disk group, given the erase-only entries after the first:
 * the OS's group and every group not named are erased; a named group is kept when its `erase` is false.
 */
export function diskUse(server: ServerSpec, osGroup: DiskGroupSpec, further: readonly unknown[]): { reply: Reply } | { disks: DiskUse } {
  const keep = new Set<number>();
  const named = new Set<number>([osGroup.diskGroupId]);
  for (const [i, entry] of further.entries()) {
    const path = `storage[${i + 1}]`;
    if (!isRecord(entry)) return { reply: invalidParameter(path, "must be an object") };
    if (typeof entry.erase !== "boolean") return { reply: invalidParameter(`${path}.erase`, "must be a boolean") };
    const id = entry.diskGroupId ?? 0;
    const group = groupOf(server, id);
    if (!group) return { reply: ovhError(404, "Client::NotFound::DiskGroup", `Disk group ${String(id)} could not be found on server ${server.name}`) };
    if (named.has(group.diskGroupId)) {
      // Inferred class and wording: the guide states the rule, not the error (docs/api/ovh.md#keeping-data-disk-groups).
      return { reply: ovhError(400, "Client::BadRequest::DiskGroupDuplicated", `Disk group ${group.diskGroupId} is declared more than once in storage`) };
    }
    named.add(group.diskGroupId);
    if (!entry.erase) keep.add(group.diskGroupId);
  }
  const all = server.diskGroups.map((g) => g.diskGroupId);
  return { disks: { installedOn: osGroup.diskGroupId, erased: all.filter((id) => !keep.has(id)), kept: all.filter((id) => keep.has(id)) } };
}

/**
 * The group a `diskGroupId` names: "default is 0, meaning automatic", and automatic is the server's
 * `defaultDiskGroupId` (docs/api/ovh.md#reinstall-request).
 */
export function groupOf(server: ServerSpec, id: unknown): DiskGroupSpec | undefined {
  return server.diskGroups.find((g) => g.diskGroupId === (id === 0 ? defaultGroupId(server) : id));
}

export function defaultGroupId(server: ServerSpec): number {
  return server.defaultDiskGroupId ?? 1;
}
