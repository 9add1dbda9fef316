/**
 * pulumi-reinstall's provider half: what runs in the Pulumi provider process. The program-side SDK
 * (package `pulumi-reinstall`) reaches these by package name from its serialized provider.
 */
// What the SDK's tests and scripts/schema-tables.ts read the schema and diff rules from, and what scripts/bench.ts
// runs the providers with; the SDK itself needs only the two accessors below.
export { dedicatedServerInstallProvider } from "./ovh/dedicated-server-install/provider";
export { DedicatedServerInstallInputs, StorageEntry as DedicatedServerInstallStorageEntry } from "./ovh/dedicated-server-install/inputs";
export { dedicatedServerInstallDiffRules } from "./ovh/dedicated-server-install/diff";
export type { DiffRules } from "./diff-inputs";
export { VirtualClock } from "./clock";
export type { RateLimit } from "./scheduler";
export { createRuntime } from "./runtime";
export { kvmReinstallProvider, kvmReinstallDiffRules } from "./edis/kvm-reinstall/provider";
export { KvmReinstallInputs, withImageDefaults } from "./edis/kvm-reinstall/inputs";

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
