export { DedicatedServerInstall, dedicatedServerInstallSecretOutputs } from "./dedicatedServerInstall";
export type { DedicatedServerInstallArgs } from "./dedicatedServerInstall";
export type * from "./types";
