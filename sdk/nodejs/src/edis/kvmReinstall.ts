import * as pulumi from "@pulumi/pulumi";
import { delegateTo } from "../delegate";
import { dynamicResourceUrn } from "../urn";
import type { PowerState } from "./enums";

const provider = delegateTo("kvmReinstall");

export interface KvmReinstallArgs {
  /**
   * The VPS, e.g. `kvm_123456_789012` (VPS Management Portal). Changing it replaces the resource: the new VPS is
   * reinstalled, the old one is left as it is.
   */
  kvmId: pulumi.Input<string>;
  /**
   * An image from the VPS's live list (`/kvm/v2/get/images`), e.g. `cloudinit_debian-bookworm` (at most 255
   * characters); checked at preview, with the closest names on a typo. Changing it reinstalls the VPS (erasing it).
   */
  image: pulumi.Input<string>;
  /**
   * Root (Administrator on Windows) password of the new system. Policy: 12 to 128 printable ASCII characters, no
   * spaces, from at least three of lowercase, uppercase, digits and symbols (EDIS documents none; this is
   * pulumi-reinstall's). EDIS may ignore it when cloudInitUserData sets passwords. Secret. Changing it reinstalls the
   * VPS (erasing it).
   */
  password: pulumi.Input<string>;
  /**
   * cloud-init user data, only with `cloudinit_*` images (at most 64 KiB). Its first line must be a cloud-init header
   * (#cloud-config, #cloud-config-archive, #!, #include, #cloud-boothook, #part-handler, MIME multipart, optionally
   * after `## template: jinja`); #cloud-config must be a YAML mapping. Secret. Changing it reinstalls the VPS
   * (erasing it).
   */
  cloudInitUserData?: pulumi.Input<string>;
  /**
   * Block until the new system is observed up (default true): first the VPS goes down (its port closes or its power
   * goes off), then `readinessPort` answers three times in a row after the image's final reboot (or after three
   * minutes of uptime without one). With false, `pulumi up` returns once EDIS accepts the reinstall. Changing it
   * alone sends nothing to EDIS.
   */
  waitForReady?: pulumi.Input<boolean>;
  /**
   * The TCP port on the primary IP that proves the new system is up: 22 by default, 3389 for `windows-*` images. Set
   * it if your cloud-init moves SSH. Changing it alone sends nothing to EDIS.
   */
  readinessPort?: pulumi.Input<number>;
  /**
   * How long `pulumi up` waits, in minutes (at most 1440): 30 by default, 60 for `windows-*` images. On timeout the
   * resource stays in state and the next `pulumi up` resumes waiting without reinstalling. Changing it alone sends
   * nothing to EDIS.
   */
  timeoutMinutes?: pulumi.Input<number>;
  /**
   * Arbitrary strings (at most 100, of at most 64 KiB each); any change reinstalls the VPS with the same inputs
   * (erasing it).
   */
  triggers?: pulumi.Input<pulumi.Input<string>[]>;
}

/** Outputs that hold secrets whatever the program marked. */
export const kvmReinstallSecretOutputs = ["password", "cloudInitUserData"] as const;

/**
 * Reinstalls an EDIS Global KVM VPS and waits until the new system is observed up.
 * Deleting the resource only forgets it: the VPS keeps its operating system.
 */
export class KvmReinstall extends pulumi.dynamic.Resource {
  /**
   * The VPS, e.g. `kvm_123456_789012` (VPS Management Portal). Changing it replaces the resource: the new VPS is
   * reinstalled, the old one is left as it is.
   */
  declare readonly kvmId: pulumi.Output<string>;
  /**
   * An image from the VPS's live list (`/kvm/v2/get/images`), e.g. `cloudinit_debian-bookworm` (at most 255
   * characters); checked at preview, with the closest names on a typo. Changing it reinstalls the VPS (erasing it).
   */
  declare readonly image: pulumi.Output<string>;
  /**
   * Root (Administrator on Windows) password of the new system. Policy: 12 to 128 printable ASCII characters, no
   * spaces, from at least three of lowercase, uppercase, digits and symbols (EDIS documents none; this is
   * pulumi-reinstall's). EDIS may ignore it when cloudInitUserData sets passwords. Secret. Changing it reinstalls the
   * VPS (erasing it).
   */
  declare readonly password: pulumi.Output<string>;
  /**
   * cloud-init user data, only with `cloudinit_*` images (at most 64 KiB). Its first line must be a cloud-init header
   * (#cloud-config, #cloud-config-archive, #!, #include, #cloud-boothook, #part-handler, MIME multipart, optionally
   * after `## template: jinja`); #cloud-config must be a YAML mapping. Secret. Changing it reinstalls the VPS
   * (erasing it).
   */
  declare readonly cloudInitUserData: pulumi.Output<string | undefined>;
  /**
   * Block until the new system is observed up (default true): first the VPS goes down (its port closes or its power
   * goes off), then `readinessPort` answers three times in a row after the image's final reboot (or after three
   * minutes of uptime without one). With false, `pulumi up` returns once EDIS accepts the reinstall. Changing it
   * alone sends nothing to EDIS.
   */
  declare readonly waitForReady: pulumi.Output<boolean>;
  /**
   * The TCP port on the primary IP that proves the new system is up: 22 by default, 3389 for `windows-*` images. Set
   * it if your cloud-init moves SSH. Changing it alone sends nothing to EDIS.
   */
  declare readonly readinessPort: pulumi.Output<number>;
  /**
   * How long `pulumi up` waits, in minutes (at most 1440): 30 by default, 60 for `windows-*` images. On timeout the
   * resource stays in state and the next `pulumi up` resumes waiting without reinstalling. Changing it alone sends
   * nothing to EDIS.
   */
  declare readonly timeoutMinutes: pulumi.Output<number>;
  /**
   * Arbitrary strings (at most 100, of at most 64 KiB each); any change reinstalls the VPS with the same inputs
   * (erasing it).
   */
  declare readonly triggers: pulumi.Output<string[] | undefined>;
  /**
   * The VPS's API host node as EDIS's auth reports it (it changes when EDIS migrates the VPS); updated by `pulumi
   * refresh`.
   */
  declare readonly apiHost: pulumi.Output<string>;
  /** The VPS's primary IPv4 address (without its mask), where readiness is observed; updated by `pulumi refresh`. */
  declare readonly primaryIp: pulumi.Output<string | undefined>;
  /** When EDIS accepted the reinstall (ISO 8601). */
  declare readonly reinstalledAt: pulumi.Output<string>;
  /** When the wait saw the old system go down (ISO 8601); unset with `waitForReady: false`. */
  declare readonly downSeenAt: pulumi.Output<string | undefined>;
  /** When the new system was observed up (ISO 8601); unset with `waitForReady: false`. */
  declare readonly readyAt: pulumi.Output<string | undefined>;
  /** Seconds from the reinstall to readiness; unset with `waitForReady: false`. */
  declare readonly elapsedSeconds: pulumi.Output<number | undefined>;
  /**
   * The VPS's power as of the last `pulumi refresh`: `on` or `off`, or EDIS's own words when they are neither (EDIS
   * documents only "server powered on"). Unset until a refresh.
   */
  declare readonly powerState: pulumi.Output<PowerState | undefined>;

  constructor(name: string, args: KvmReinstallArgs, opts?: pulumi.CustomResourceOptions) {
    const props = {
      ...args,
      __urn: dynamicResourceUrn(name, "edis", "KvmReinstall", opts),
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
