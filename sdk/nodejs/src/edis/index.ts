export { KvmReinstall, kvmReinstallSecretOutputs } from "./kvmReinstall";
export type { KvmReinstallArgs } from "./kvmReinstall";
export type * from "./enums";
