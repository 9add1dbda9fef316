/**
 * pulumi-reinstall: declarative OS reinstalls of rented machines, as Pulumi resources.
 * This package runs in the Pulumi program; it never talks to OVH or EDIS itself.
 */
export * as ovh from "./ovh";
export * as edis from "./edis";
export { DedicatedServerInstall } from "./ovh";
export type { DedicatedServerInstallArgs } from "./ovh";
export { KvmReinstall } from "./edis";
export type { KvmReinstallArgs } from "./edis";
