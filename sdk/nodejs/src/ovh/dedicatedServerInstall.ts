import * as pulumi from "@pulumi/pulumi";
import { delegateTo } from "../delegate";
import { urnOf } from "../urn";
import type { InstallApi, MetadataAnswer, MetadataAnswerValue, StorageEntry } from "./types";

const provider = delegateTo("dedicatedServerInstall");

export interface DedicatedServerInstallArgs {
  /** The server's service name, e.g. `ns3001234.ip-51-68-1.eu`. Changing it replaces the resource. */
  serviceName: pulumi.Input<string>;
  /** The OS template, e.g. `debian12_64`; must be compatible with the server. */
  templateName: pulumi.Input<string>;
  /** Hostname set by the install (RFC 1035). */
  customHostname?: pulumi.Input<string>;
  /** Disk group to install on (`specifications/hardware` `diskGroups`). */
  diskGroupId?: pulumi.Input<number>;
  /** Answers to the template's questions, by question name, or the guide's `[{key, value}]` list. Secret. */
  userMetadata?: pulumi.Input<Record<string, pulumi.Input<MetadataAnswerValue>>> | pulumi.Input<pulumi.Input<MetadataAnswer>[]>;
  /** A partition scheme of the template. */
  partitionSchemeName?: pulumi.Input<string>;
  /** `/reinstall` storage: partitioning layout and hardware RAID of one disk group. */
  storage?: pulumi.Input<pulumi.Input<StorageEntry>[]>;
  /** `reinstall` (default) or the legacy `install/start`, which OVH removed on 2025-10-07. */
  installApi?: pulumi.Input<InstallApi>;
  /** Any change reinstalls the server with the same inputs. */
  triggers?: pulumi.Input<pulumi.Input<string>[]>;
  /** How long `pulumi up` waits for the install, in minutes (default 120). */
  timeoutMinutes?: pulumi.Input<number>;
}

/** Outputs that hold secrets whatever the program marked: answers carry scripts, image credentials, cloud-init. */
export const dedicatedServerInstallSecretOutputs = ["userMetadata"] as const;

/**
 * (Re)installs an OS on an OVHcloud dedicated server and waits until OVH's install task is done.
 * Deleting the resource only forgets it: the server keeps its operating system.
 */
export class DedicatedServerInstall extends pulumi.dynamic.Resource {
  declare readonly serviceName: pulumi.Output<string>;
  declare readonly templateName: pulumi.Output<string>;
  declare readonly customHostname: pulumi.Output<string | undefined>;
  declare readonly diskGroupId: pulumi.Output<number | undefined>;
  declare readonly userMetadata: pulumi.Output<Record<string, MetadataAnswerValue> | undefined>;
  declare readonly partitionSchemeName: pulumi.Output<string | undefined>;
  declare readonly storage: pulumi.Output<StorageEntry[] | undefined>;
  declare readonly installApi: pulumi.Output<InstallApi>;
  declare readonly triggers: pulumi.Output<string[] | undefined>;
  declare readonly timeoutMinutes: pulumi.Output<number>;
  /** The OVH task of the last install. */
  declare readonly taskId: pulumi.Output<number>;
  /** `init`, `todo`, `doing`, `done`, `cancelled`, `customerError` or `ovhError`. */
  declare readonly taskStatus: pulumi.Output<string>;
  declare readonly taskComment: pulumi.Output<string | undefined>;
  declare readonly startDate: pulumi.Output<string>;
  declare readonly doneDate: pulumi.Output<string | undefined>;
  /** The server's `os` after the install (and on refresh). */
  declare readonly installedOs: pulumi.Output<string | undefined>;
  declare readonly elapsedSeconds: pulumi.Output<number | undefined>;

  constructor(name: string, args: DedicatedServerInstallArgs, opts?: pulumi.CustomResourceOptions) {
    const props = {
      ...args,
      __urn: urnOf(name, "ovh", "DedicatedServerInstall", opts),
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
