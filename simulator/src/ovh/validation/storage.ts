import type { Reply } from "../../http/exchange";
import { partitionSchemes, type DiskGroupSpec, type ServerSpec, type TemplateSpec } from "../catalogue";
import { invalidParameter, missingParameter, ovhError } from "../errors";
import { isRecord } from "../route";
import type { DiskUse } from "../tasks";
import { diskUse, groupOf, isEraseOnly } from "./disk-use";

/**
 * Checks `storage` (docs/api/ovh.md#reinstall-request, #keeping-data-disk-groups) with the classes and templates of
 * docs/api/ovh.md#reinstall-errors; when it is accepted, says which disk groups the install erases and keeps.
 */
/** No storage entry: OVH installs on the server's default group and erases every group. */
function automaticStorage(server: ServerSpec): { reply: Reply } | { disks: DiskUse } {
  const group = groupOf(server, 0);
  return group
    ? diskUse(server, group, [])
    : { reply: ovhError(404, "Client::NotFound::DiskGroup", `Disk group 0 could not be found on server ${server.name}`) };
}

export function checkStorage(template: TemplateSpec, server: ServerSpec, storage: unknown): { reply: Reply } | { disks: DiskUse } {
  if (storage === undefined || storage === null) return automaticStorage(server);
  if (!Array.isArray(storage)) return { reply: invalidParameter("storage", "must be an array") };
  // The first entry installs; a further one that is more than an erase flag is a second configuration.
  const configs = storage.filter((entry, i) => i === 0 || !isEraseOnly(entry)).length;
  if (configs > 1) {
    return { reply: ovhError(501, "Server::NotImplemented::DiskGroupMultipleConfigs", `Multiple (${configs}) disk groups customization not implemented`) };
  }
  if (storage.length === 0) return automaticStorage(server);
  const config: unknown = storage[0];
  if (!isRecord(config)) return { reply: invalidParameter("storage[0]", "must be an object") };

  const id = config.diskGroupId ?? 0;
  const group = groupOf(server, id);
  if (!group) return { reply: ovhError(404, "Client::NotFound::DiskGroup", `${capitalised(groupName(id))} could not be found on server ${server.name}`) };
  if (config.erase === false) {
    // Inferred class and wording: the guide states the rule, not the error (docs/api/ovh.md#keeping-data-disk-groups).
    return {
      reply: ovhError(
        400,
        "Client::BadRequest::DiskGroupEraseMandatory",
        `${capitalised(groupName(id))} must be erased to install operating system ${template.templateName}`,
      ),
    };
  }

  const reply = checkPartitioning(template, group, config.partitioning) ?? checkHardwareRaid(server, group, config.hardwareRaid);
  return reply ? { reply } : diskUse(server, group, storage.slice(1));
}

function checkPartitioning(template: TemplateSpec, group: DiskGroupSpec, partitioning: unknown): Reply | undefined {
  if (partitioning === undefined || partitioning === null) return undefined;
  if (!isRecord(partitioning)) return invalidParameter("storage[0].partitioning", "must be an object");
  const os = template.templateName;
  const where = groupName(group.diskGroupId);

  const scheme = partitioning.schemeName;
  if (scheme !== undefined && scheme !== null && !partitionSchemes(template).includes(String(scheme))) {
    return ovhError(404, "Client::NotFound::SchemeName", `Partition scheme ${String(scheme)} not found for operating system ${os}`);
  }
  const layout = partitioning.layout ?? [];
  if (!Array.isArray(layout)) return invalidParameter("storage[0].partitioning.layout", "must be an array");
  if (layout.length === 0) return undefined;
  if (template.noPartitioning) {
    // The double space is OVH's own (docs/api/ovh.md#reinstall-errors).
    return ovhError(
      400,
      "Client::BadRequest::PartitionIncompatibleCustomPartitioning",
      `Operating system  ${os} doesn't support custom partitioning layout in ${where}`,
    );
  }
  for (const [i, partition] of layout.entries()) {
    const path = `storage[0].partitioning.layout[${i}]`;
    if (!isRecord(partition)) return invalidParameter(path, "must be an object");
    if (typeof partition.fileSystem !== "string") return missingParameter(`${path}.fileSystem`);
    if (typeof partition.mountPoint !== "string") return missingParameter(`${path}.mountPoint`);
    if (!template.filesystems.includes(partition.fileSystem)) {
      // Class from docs/api/ovh.md#reinstall-errors; wording inferred (the schema only summarises it).
      return ovhError(
        400,
        "Client::BadRequest::PartitionIncompatibleFs",
        `File system ${partition.fileSystem} of partition ${partition.mountPoint} at position ${i + 1} is not compatible with operating system ${os} in ${where}`,
      );
    }
  }
  return undefined;
}

function checkHardwareRaid(server: ServerSpec, group: DiskGroupSpec, hardwareRaid: unknown): Reply | undefined {
  if (hardwareRaid === undefined || hardwareRaid === null) return undefined;
  if (!Array.isArray(hardwareRaid)) return invalidParameter("storage[0].hardwareRaid", "must be an array");
  if (hardwareRaid.length > 1) {
    return ovhError(
      501,
      "Server::NotImplemented::HardwareRaidMultipleConfigs",
      `Multiple (${hardwareRaid.length}) hardware RAID configurations not implemented`,
    );
  }
  if (hardwareRaid.length === 1 && group.raidController === null) {
    // Class from docs/api/ovh.md#reinstall-errors; the sentence is completed by inference from its "Hardware RAID is not supported by …" prefix.
    return ovhError(
      409,
      "Client::Conflict::HardwareRaidIncompatibleOnDiskGroup",
      `Hardware RAID is not supported by ${groupName(group.diskGroupId)} on server ${server.name}`,
    );
  }
  return undefined;
}

/** How the simulator fills `{{.diskGroupName}}` (inferred; OVH's rendering is not documented). */
function groupName(id: unknown): string {
  return `disk group ${String(id)}`;
}

function capitalised(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
