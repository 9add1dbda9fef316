/**
 * pulumi-reinstall's provider half: what runs in the Pulumi provider process. The program-side SDK
 * (package `pulumi-reinstall`) reaches these by package name from its serialized provider.
 */
export { dedicatedServerInstallProvider } from "./ovh/dedicated-server-install/provider";
export { DedicatedServerInstallInputs, StorageEntry as DedicatedServerInstallStorageEntry, inputNames as dedicatedServerInstallInputNames } from "./ovh/dedicated-server-install/inputs";
export type { DedicatedServerInstallOutputs } from "./ovh/dedicated-server-install/inputs";
export { diffInstall } from "./ovh/dedicated-server-install/diff";
export { pollSchedule } from "./ovh/dedicated-server-install/wait";
export { resolveOvhConfig, ovhSettings, ovhEndpointNames } from "./ovh/config";
export { ReinstallError, isReinstallError } from "./errors";
export type { ErrorCode, ApiAnswer } from "./errors";
export { VirtualClock, systemClock } from "./clock";
export type { Clock } from "./clock";
export { RequestScheduler, defaultRateLimit } from "./scheduler";
export type { RateLimit } from "./scheduler";
export { createRuntime, sharedRuntime } from "./runtime";
export type { ProviderRuntime, RuntimeOptions } from "./runtime";
export type { ProgressEvent, ProgressSink } from "./progress";
export { retryPolicies } from "./retry";

import { dedicatedServerInstallProvider } from "./ovh/dedicated-server-install/provider";

let processWide: ReturnType<typeof dedicatedServerInstallProvider> | undefined;

/** The process-wide DedicatedServerInstall provider, which the SDK's serialized provider delegates to. */
export function dedicatedServerInstall(): ReturnType<typeof dedicatedServerInstallProvider> {
  processWide ??= dedicatedServerInstallProvider();
  return processWide;
}
