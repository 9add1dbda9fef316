import * as pulumi from "@pulumi/pulumi";
import { delegateTo } from "../delegate";
import { urnOf } from "../urn";

const provider = delegateTo("kvmReinstall");

export interface KvmReinstallArgs {
  /** The VPS, e.g. `kvm_123456_789012`. Changing it replaces the resource. */
  kvmId: pulumi.Input<string>;
  /** An image from the VPS's live list, e.g. `cloudinit_debian-bookworm`. */
  image: pulumi.Input<string>;
  /** Root (Administrator) password of the new system. Secret. */
  password: pulumi.Input<string>;
  /** cloud-init user data, for `cloudinit_*` images. Secret. */
  cloudInitUserData?: pulumi.Input<string>;
  /** Block until the new system answers on `readinessPort` (default true). */
  waitForReady?: pulumi.Input<boolean>;
  /** Port that proves the new system is up: 22 for Linux images, 3389 for `windows-*` by default. */
  readinessPort?: pulumi.Input<number>;
  /** How long `pulumi up` waits, in minutes: 30 for Linux, 60 for Windows by default. */
  timeoutMinutes?: pulumi.Input<number>;
  /** Any change reinstalls the VPS with the same inputs. */
  triggers?: pulumi.Input<pulumi.Input<string>[]>;
}

/** Outputs that hold secrets whatever the program marked. */
export const kvmReinstallSecretOutputs = ["password", "cloudInitUserData"] as const;

/**
 * Reinstalls an EDIS Global KVM VPS and waits until the new system is observed up.
 * Deleting the resource only forgets it: the VPS keeps its operating system.
 */
export class KvmReinstall extends pulumi.dynamic.Resource {
  declare readonly kvmId: pulumi.Output<string>;
  declare readonly image: pulumi.Output<string>;
  declare readonly password: pulumi.Output<string>;
  declare readonly cloudInitUserData: pulumi.Output<string | undefined>;
  declare readonly waitForReady: pulumi.Output<boolean>;
  declare readonly readinessPort: pulumi.Output<number>;
  declare readonly timeoutMinutes: pulumi.Output<number>;
  declare readonly triggers: pulumi.Output<string[] | undefined>;
  /** The VPS's API host node, as EDIS's auth reports it (it changes when the VPS migrates). */
  declare readonly apiHost: pulumi.Output<string>;
  declare readonly primaryIp: pulumi.Output<string | undefined>;
  /** When EDIS accepted the reinstall. */
  declare readonly reinstalledAt: pulumi.Output<string>;
  /** When the wait saw the old system go down. */
  declare readonly downSeenAt: pulumi.Output<string | undefined>;
  /** When the new system was observed up. */
  declare readonly readyAt: pulumi.Output<string | undefined>;
  declare readonly elapsedSeconds: pulumi.Output<number | undefined>;
  /** `on` or `off` as of the last refresh. */
  declare readonly powerState: pulumi.Output<string | undefined>;

  constructor(name: string, args: KvmReinstallArgs, opts?: pulumi.CustomResourceOptions) {
    const props = {
      ...args,
      __urn: urnOf(name, "edis", "KvmReinstall", opts),
      password: pulumi.secret(args.password),
      cloudInitUserData: args.cloudInitUserData === undefined ? undefined : pulumi.secret(args.cloudInitUserData),
      apiHost: undefined,
      primaryIp: undefined,
      reinstalledAt: undefined,
      downSeenAt: undefined,
      readyAt: undefined,
      elapsedSeconds: undefined,
      powerState: undefined,
    };
    const secrets = [...(opts?.additionalSecretOutputs ?? []), ...kvmReinstallSecretOutputs];
    super(provider, name, props, { ...opts, additionalSecretOutputs: secrets }, "edis", "KvmReinstall");
  }
}
