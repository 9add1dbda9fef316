import * as pulumi from "@pulumi/pulumi";
import { delegateTo } from "../delegate";
import { dynamicResourceUrn } from "../urn";
import type { InstallApi, TaskStatus } from "./enums";
import type * as outputs from "./outputs";
import type { MetadataAnswer, MetadataAnswerValue, OnDelete, StorageEntry } from "./types";

const provider = delegateTo("dedicatedServerInstall");

export interface DedicatedServerInstallArgs {
  /**
   * The server's service name, e.g. `ns3001234.ip-51-68-1.eu` (`GET /dedicated/server`; at most 253 characters).
   * Changing it replaces the resource: the new server is installed, the old one is left as it is.
   */
  serviceName: pulumi.Input<string>;
  /**
   * The OS template to install, e.g. `debian12_64` (at most 255 characters). Must be in the server's
   * `install/compatibleTemplates` and before its `endOfInstall` date; checked at preview. Changing it reinstalls the
   * server (erasing it).
   */
  templateName: pulumi.Input<string>;
  /**
   * Hostname set by the install (RFC 1035: at most 253 characters, labels of at most 63 characters starting with a
   * letter). Sent as `customizations.hostname` (or `details.customHostname` on install/start); unset, OVH names the
   * server. Changing it reinstalls the server (erasing it).
   */
  customHostname?: pulumi.Input<string>;
  /**
   * Disk group to install on, from the server's `specifications/hardware` `diskGroups`; unset, OVH installs on the
   * server's `defaultDiskGroupId` (disk group 1 in OVH's example). Changing it reinstalls the server (erasing it).
   */
  diskGroupId?: pulumi.Input<number>;
  /**
   * Answers to the template's questions (`GET /dedicated/installationTemplate/{templateName}` `inputs`), keyed by
   * question name, e.g. `{ sshKey: "ssh-ed25519 AAAA… ops@example" }`; they are sent as `/reinstall`'s
   * `customizations`. The `[{key, value}]` list of the OVH install guide is accepted too. Every key must be a
   * question of the template, mandatory questions without default must be answered, and each answer must match the
   * question's type; checked at preview. At most 100 answers of at most 64 KiB each. Secret: answers include
   * post-installation scripts, image credentials and cloud-init data. Changing it reinstalls the server (erasing it).
   */
  userMetadata?: pulumi.Input<Record<string, pulumi.Input<MetadataAnswerValue>>> | pulumi.Input<pulumi.Input<MetadataAnswer>[]>;
  /**
   * A partition scheme of the template (`GET /dedicated/installationTemplate/{templateName}/partitionScheme`); unset,
   * the template's default scheme. Changing it reinstalls the server (erasing it).
   */
  partitionSchemeName?: pulumi.Input<string>;
  /**
   * The `/reinstall` storage model. The first entry is the disk group the OS is installed on, with its partitioning
   * layout and hardware RAID (OVH installs on one group, and always erases it). Each further entry names another disk
   * group and only sets `erase`: `false` keeps that group's data; every disk group not listed is erased. Checked at
   * preview against the template (`noPartitioning`, `filesystems`, `lvmReady`, `softRaidOnlyMirroring`) and the
   * server's disk groups; unset, OVH's defaults for the template. Changing it reinstalls the server (erasing it).
   */
  storage?: pulumi.Input<pulumi.Input<StorageEntry>[]>;
  /**
   * Which OVH route starts the install: `reinstall` (default; `POST /dedicated/server/{serviceName}/reinstall`) or
   * the legacy `install/start` of the OVH install guide, which OVH removed on 2025-10-07. Changing it alone sends
   * nothing to OVH.
   */
  installApi?: pulumi.Input<InstallApi>;
  /**
   * Arbitrary strings (at most 100, of at most 64 KiB each); any change reinstalls the server with the same inputs
   * (erasing it).
   */
  triggers?: pulumi.Input<pulumi.Input<string>[]>;
  /**
   * How long `pulumi up` waits for the install task, in minutes (default 120, at most 1440). On timeout the resource
   * stays in state with its task id and the next `pulumi up` resumes waiting on the same task. Changing it alone
   * sends nothing to OVH.
   */
  timeoutMinutes?: pulumi.Input<number>;
  /**
   * With `true`, creating the resource adopts the install the server runs instead of installing: nothing is posted and
   * nothing is erased. The server's `os` (`GET /dedicated/server/{serviceName}`) must be `templateName`, checked at
   * preview (an install under way is waited on and its OS checked when it ends); anything else fails with
   * `OS_MISMATCH`, naming the OS that runs. For migrating from terraform-provider-ovh, pulumi-ovh or manual installs.
   * Only the create reads it: changing or removing it later sends nothing to OVH, and an input that reinstalls still
   * reinstalls.
   */
  adopt?: pulumi.Input<boolean>;
  /**
   * What deleting the resource does to the server. Unset (the default), delete only forgets: nothing is sent and the
   * server keeps its operating system. Set, delete sets the server's boot (`PUT /dedicated/server/{serviceName}` with
   * `bootId`), reboots it (`POST /dedicated/server/{serviceName}/reboot`) and waits for the reboot task within
   * `timeoutMinutes`, as terraform-provider-ovh's `bootid_on_destroy` does. Checked at preview against the server's
   * boots. Changing it sends nothing to OVH and never reinstalls: it only changes what a later delete does.
   */
  onDelete?: pulumi.Input<OnDelete>;
}

/** Outputs that hold secrets whatever the program marked: answers carry scripts, image credentials, cloud-init. */
export const dedicatedServerInstallSecretOutputs = ["userMetadata"] as const;

/**
 * (Re)installs an OS on an OVHcloud dedicated server and waits until OVH's install task is done.
 * Deleting the resource only forgets it: the server keeps its operating system.
 */
export class DedicatedServerInstall extends pulumi.dynamic.Resource {
  /**
   * The server's service name, e.g. `ns3001234.ip-51-68-1.eu` (`GET /dedicated/server`; at most 253 characters).
   * Changing it replaces the resource: the new server is installed, the old one is left as it is.
   */
  declare readonly serviceName: pulumi.Output<string>;
  /**
   * The OS template to install, e.g. `debian12_64` (at most 255 characters). Must be in the server's
   * `install/compatibleTemplates` and before its `endOfInstall` date; checked at preview. Changing it reinstalls the
   * server (erasing it).
   */
  declare readonly templateName: pulumi.Output<string>;
  /**
   * Hostname set by the install (RFC 1035: at most 253 characters, labels of at most 63 characters starting with a
   * letter). Sent as `customizations.hostname` (or `details.customHostname` on install/start); unset, OVH names the
   * server. Changing it reinstalls the server (erasing it).
   */
  declare readonly customHostname: pulumi.Output<string | undefined>;
  /**
   * Disk group to install on, from the server's `specifications/hardware` `diskGroups`; unset, OVH installs on the
   * server's `defaultDiskGroupId` (disk group 1 in OVH's example). Changing it reinstalls the server (erasing it).
   */
  declare readonly diskGroupId: pulumi.Output<number | undefined>;
  /**
   * Answers to the template's questions (`GET /dedicated/installationTemplate/{templateName}` `inputs`), keyed by
   * question name, e.g. `{ sshKey: "ssh-ed25519 AAAA… ops@example" }`; they are sent as `/reinstall`'s
   * `customizations`. The `[{key, value}]` list of the OVH install guide is accepted too. Every key must be a
   * question of the template, mandatory questions without default must be answered, and each answer must match the
   * question's type; checked at preview. At most 100 answers of at most 64 KiB each. Secret: answers include
   * post-installation scripts, image credentials and cloud-init data. Changing it reinstalls the server (erasing it).
   */
  declare readonly userMetadata: pulumi.Output<Record<string, MetadataAnswerValue> | undefined>;
  /**
   * A partition scheme of the template (`GET /dedicated/installationTemplate/{templateName}/partitionScheme`); unset,
   * the template's default scheme. Changing it reinstalls the server (erasing it).
   */
  declare readonly partitionSchemeName: pulumi.Output<string | undefined>;
  /**
   * The `/reinstall` storage model. The first entry is the disk group the OS is installed on, with its partitioning
   * layout and hardware RAID (OVH installs on one group, and always erases it). Each further entry names another disk
   * group and only sets `erase`: `false` keeps that group's data; every disk group not listed is erased. Checked at
   * preview against the template (`noPartitioning`, `filesystems`, `lvmReady`, `softRaidOnlyMirroring`) and the
   * server's disk groups; unset, OVH's defaults for the template. Changing it reinstalls the server (erasing it).
   */
  declare readonly storage: pulumi.Output<outputs.StorageEntry[] | undefined>;
  /**
   * Which OVH route starts the install: `reinstall` (default; `POST /dedicated/server/{serviceName}/reinstall`) or
   * the legacy `install/start` of the OVH install guide, which OVH removed on 2025-10-07. Changing it alone sends
   * nothing to OVH.
   */
  declare readonly installApi: pulumi.Output<InstallApi>;
  /**
   * Arbitrary strings (at most 100, of at most 64 KiB each); any change reinstalls the server with the same inputs
   * (erasing it).
   */
  declare readonly triggers: pulumi.Output<string[] | undefined>;
  /**
   * How long `pulumi up` waits for the install task, in minutes (default 120, at most 1440). On timeout the resource
   * stays in state with its task id and the next `pulumi up` resumes waiting on the same task. Changing it alone
   * sends nothing to OVH.
   */
  declare readonly timeoutMinutes: pulumi.Output<number>;
  /**
   * With `true`, creating the resource adopts the install the server runs instead of installing: nothing is posted and
   * nothing is erased. The server's `os` (`GET /dedicated/server/{serviceName}`) must be `templateName`, checked at
   * preview (an install under way is waited on and its OS checked when it ends); anything else fails with
   * `OS_MISMATCH`, naming the OS that runs. For migrating from terraform-provider-ovh, pulumi-ovh or manual installs.
   * Only the create reads it: changing or removing it later sends nothing to OVH, and an input that reinstalls still
   * reinstalls.
   */
  declare readonly adopt: pulumi.Output<boolean | undefined>;
  /**
   * What deleting the resource does to the server. Unset (the default), delete only forgets: nothing is sent and the
   * server keeps its operating system. Set, delete sets the server's boot (`PUT /dedicated/server/{serviceName}` with
   * `bootId`), reboots it (`POST /dedicated/server/{serviceName}/reboot`) and waits for the reboot task within
   * `timeoutMinutes`, as terraform-provider-ovh's `bootid_on_destroy` does. Checked at preview against the server's
   * boots. Changing it sends nothing to OVH and never reinstalls: it only changes what a later delete does.
   */
  declare readonly onDelete: pulumi.Output<outputs.OnDelete | undefined>;
  /**
   * The OVH task of the last install (`function: reinstallServer`). After a failed or interrupted wait, the next
   * `pulumi up` resumes waiting on this task instead of installing again. For an adopted install (`adopt`), the
   * server's last reinstall task if OVH still lists it and it succeeded; unset otherwise.
   */
  declare readonly taskId: pulumi.Output<number | undefined>;
  /**
   * The task's status (OVH's `dedicated.TaskStatusEnum`): `init`, `todo` or `doing` while it runs, `done` when the
   * install succeeded, `cancelled`, `customerError` or `ovhError` when it failed (the next `pulumi up` then installs
   * again). Updated by `pulumi refresh`.
   */
  declare readonly taskStatus: pulumi.Output<TaskStatus>;
  /** The task's comment as OVH reports it; on failure, OVH's reason. Unset when OVH gives none. */
  declare readonly taskComment: pulumi.Output<string | undefined>;
  /** When OVH started the task (ISO 8601, as OVH reports it). Unset for an adopted install without `taskId`. */
  declare readonly startDate: pulumi.Output<string | undefined>;
  /** When OVH finished the task (ISO 8601); unset while it runs. */
  declare readonly doneDate: pulumi.Output<string | undefined>;
  /** The server's `os` as OVH reports it after the install, and on `pulumi refresh`. */
  declare readonly installedOs: pulumi.Output<string | undefined>;
  /** Seconds from the task's start to its end. */
  declare readonly elapsedSeconds: pulumi.Output<number | undefined>;

  constructor(name: string, args: DedicatedServerInstallArgs, opts?: pulumi.CustomResourceOptions) {
    const props = {
      ...args,
      __urn: dynamicResourceUrn(name, "ovh", "DedicatedServerInstall", opts),
      userMetadata: args.userMetadata === undefined ? undefined : pulumi.secret(args.userMetadata),
      taskId: undefined,
      taskStatus: undefined,
      taskComment: undefined,
      startDate: undefined,
      doneDate: undefined,
      installedOs: undefined,
      elapsedSeconds: undefined,
    };
    const secrets = [...(opts?.additionalSecretOutputs ?? []), ...dedicatedServerInstallSecretOutputs];
    super(provider, name, props, { ...opts, additionalSecretOutputs: secrets }, "ovh", "DedicatedServerInstall");
  }
}
