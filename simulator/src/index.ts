export { ensureCertificates, type Certificates } from "./certs";
export type { Fault } from "./http/faults";
export type { JournalEntry, JournalFilter } from "./http/journal";
export type { OvhCredentials } from "./ovh/auth";
export { OVH_SERVERS, OVH_TEMPLATES, type DiskGroupSpec, type InputType, type ServerSpec, type TemplateInput, type TemplateSpec } from "./ovh/catalogue";
export { startOvhSimulator, type OvhSimOptions, type OvhSimulator } from "./ovh/server";
export type { LiveServer } from "./ovh/state";
export { INSTALL_STEPS, type InstallFailure, type TaskStatus } from "./ovh/tasks";
