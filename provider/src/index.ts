/**
 * pulumi-reinstall's provider half: what runs in the Pulumi provider process. The program-side SDK
 * (package `pulumi-reinstall`) reaches these by package name from its serialized provider.
 */
export { dedicatedServerInstallProvider } from "./ovh/dedicated-server-install/provider";
export { DedicatedServerInstallInputs, StorageEntry as DedicatedServerInstallStorageEntry, inputNames as dedicatedServerInstallInputNames } from "./ovh/dedicated-server-install/inputs";
export type { DedicatedServerInstallOutputs } from "./ovh/dedicated-server-install/inputs";
export { diffInstall, dedicatedServerInstallDiffRules } from "./ovh/dedicated-server-install/diff";
export { pollSchedule } from "./ovh/dedicated-server-install/wait";
export { resolveOvhConfig, ovhSettings, ovhEndpointNames } from "./ovh/config";
export { ReinstallError, isReinstallError } from "./errors";
export type { ErrorCode, ApiAnswer } from "./errors";
export type { DiffRules } from "./diff-inputs";
export { VirtualClock, systemClock } from "./clock";
export type { Clock } from "./clock";
export { RequestScheduler, defaultRateLimit } from "./scheduler";
export type { RateLimit } from "./scheduler";
export { createRuntime, sharedRuntime } from "./runtime";
export type { ProviderRuntime, RuntimeOptions } from "./runtime";
export type { ProgressEvent, ProgressSink } from "./progress";
export { retryPolicies } from "./retry";
export { kvmReinstallProvider, kvmReinstallDiffRules } from "./edis/kvm-reinstall/provider";
export { KvmReinstallInputs, withImageDefaults } from "./edis/kvm-reinstall/inputs";
export { passwordPolicy } from "./edis/kvm-reinstall/password";
export { readinessSchedule } from "./edis/kvm-reinstall/wait";
export { resolveEdisConfig, edisSettings } from "./edis/config";

import { kvmReinstallProvider } from "./edis/kvm-reinstall/provider";
import { dedicatedServerInstallProvider } from "./ovh/dedicated-server-install/provider";

let ovhProvider: ReturnType<typeof dedicatedServerInstallProvider> | undefined;
let edisProvider: ReturnType<typeof kvmReinstallProvider> | undefined;

/** The process-wide DedicatedServerInstall provider, which the SDK's serialized provider delegates to. */
export function dedicatedServerInstall(): ReturnType<typeof dedicatedServerInstallProvider> {
  ovhProvider ??= dedicatedServerInstallProvider();
  return ovhProvider;
}

/** The process-wide KvmReinstall provider, which the SDK's serialized provider delegates to. */
export function kvmReinstall(): ReturnType<typeof kvmReinstallProvider> {
  edisProvider ??= kvmReinstallProvider();
  return edisProvider;
}
