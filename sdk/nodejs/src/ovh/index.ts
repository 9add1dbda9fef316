export { DedicatedServerInstall, dedicatedServerInstallSecretOutputs } from "./dedicatedServerInstall";
export type { DedicatedServerInstallArgs } from "./dedicatedServerInstall";
export type * from "./enums";
export type * from "./types";
export type * as outputs from "./outputs";
