import { z } from "zod";

/**
 * What the OVH API returns, parsed loosely: unknown fields pass through (the API drifts), missing ones fail.
 * Shapes from docs/api/ovh.md#routes and docs/api/ovh-templates.md#template-object.
 */
/**
 * The statuses after which a task does nothing more (`dedicated.TaskStatusEnum`, docs/api/ovh.md#task-status-values). Any other,
 * including one OVH adds later, may still be running: never start a second install beside it.
 */
export const finalStatuses: readonly string[] = ["done", "cancelled", "customerError", "ovhError"];
/** Whether `status` is one of them; any other value, one that is no string at all included (state holds what it holds), is not. */
export const isFinal = (status: unknown) => (finalStatuses as readonly unknown[]).includes(status);

export const Task = z.looseObject({
  taskId: z.number(),
  function: z.string(),
  // Not an enum: an unknown status must reach the waiter, which stops on it with the value in the message.
  status: z.string(),
  comment: z.string().nullish(),
  startDate: z.string(),
  doneDate: z.string().nullish(),
});
export type Task = z.infer<typeof Task>;

export const TaskIds = z.array(z.number());

export const InstallStep = z.looseObject({
  comment: z.string(),
  error: z.string().nullish(),
  status: z.string(),
});
export type InstallStep = z.infer<typeof InstallStep>;

export const InstallStatus = z.looseObject({
  elapsedTime: z.number(),
  progress: z.array(InstallStep).nullish(),
});
export type InstallStatus = z.infer<typeof InstallStatus>;

export const TemplateInputType = z.string();

export const TemplateInput = z.looseObject({
  name: z.string(),
  type: TemplateInputType,
  mandatory: z.boolean(),
  default: z.string().nullish(),
  description: z.string().nullish(),
  enum: z.array(z.string()).nullish(),
});
export type TemplateInput = z.infer<typeof TemplateInput>;

export const Template = z.looseObject({
  templateName: z.string(),
  description: z.string().nullish(),
  family: z.string().nullish(),
  endOfInstall: z.string().nullish(),
  filesystems: z.array(z.string()).nullish(),
  inputs: z.array(TemplateInput).nullish(),
  lvmReady: z.boolean().nullish(),
  noPartitioning: z.boolean(),
  softRaidOnlyMirroring: z.boolean(),
  rootMountpoint: z.string().nullish(),
});
export type Template = z.infer<typeof Template>;

/** One row of `GET /dedicated/installationTemplate/templateInfos` (docs/api/ovh-templates.md#template-infos): every template's dates in one call. */
export const TemplateInfo = z.looseObject({ templateName: z.string(), endOfInstall: z.string().nullish() });
export const TemplateInfos = z.array(TemplateInfo);

export const CompatibleTemplates = z.looseObject({ ovh: z.array(z.string()).nullable() });

export const DiskGroup = z.looseObject({
  diskGroupId: z.number(),
  diskType: z.string().nullish(),
  numberOfDisks: z.number().nullish(),
  description: z.string().nullish(),
  raidController: z.string().nullish(),
});
export type DiskGroup = z.infer<typeof DiskGroup>;

/** `defaultDiskGroupId`: where OVH installs when `diskGroupId` is unset or 0 (docs/api/ovh.md#reinstall-request). */
export const HardwareSpecifications = z.looseObject({ defaultDiskGroupId: z.number().nullish(), diskGroups: z.array(DiskGroup).nullish() });
export type HardwareSpecifications = z.infer<typeof HardwareSpecifications>;

export const Server = z.looseObject({ name: z.string(), os: z.string(), bootId: z.number().nullish() });
export type Server = z.infer<typeof Server>;

export const ServiceNames = z.array(z.string());

/** GET /auth/time: OVH's clock, Unix seconds. */
export const AuthTime = z.number();

/** `dedicated.server.Netboot`: one of a server's boots (docs/api/ovh.md#boots-and-reboot). */
export const Boot = z.looseObject({ bootId: z.number(), bootType: z.string(), kernel: z.string(), description: z.string().nullish() });
export type Boot = z.infer<typeof Boot>;

export const BootIds = z.array(z.number());
