import type { OvhRequest } from "../client";
import { serverPath } from "../api";
import type { Template } from "../responses";
import { installStartValue, reinstallValue } from "./answers";
import type { DedicatedServerInstallInputs } from "./inputs";

/** The install request for the chosen route. `template` types the answers for `/reinstall`. */
export function installRequest(inputs: DedicatedServerInstallInputs, template: Template | undefined): Omit<OvhRequest, "method"> {
  return inputs.installApi === "install/start" ? installStartRequest(inputs) : reinstallRequest(inputs, template);
}

/** `POST /dedicated/server/{sn}/reinstall` (docs/api/ovh.md#reinstall-request): answers become `customizations`. */
function reinstallRequest(inputs: DedicatedServerInstallInputs, template: Template | undefined): Omit<OvhRequest, "method"> {
  const customizations: Record<string, unknown> = {};
  if (inputs.customHostname) customizations.hostname = inputs.customHostname;
  for (const [key, value] of Object.entries(inputs.userMetadata ?? {})) {
    customizations[key] = reinstallValue(
      template?.inputs?.find((q) => q.name === key),
      value,
    );
  }
  const [first, ...further] = inputs.storage ?? [];
  const entry = { ...first };
  if (inputs.diskGroupId !== undefined) entry.diskGroupId = inputs.diskGroupId;
  if (inputs.partitionSchemeName) entry.partitioning = { ...entry.partitioning, schemeName: inputs.partitionSchemeName };
  const body: Record<string, unknown> = { operatingSystem: inputs.templateName };
  if (Object.keys(customizations).length > 0) body.customizations = customizations;
  // storage[1…] keep or erase other disk groups; they follow the OS's entry, which goes first even when empty.
  if (Object.keys(entry).length > 0 || further.length > 0) body.storage = [entry, ...further];
  return { path: `${serverPath(inputs.serviceName)}/reinstall`, body };
}

/** Legacy `POST …/install/start`, as the OVH install guide documents it (docs/api/ovh.md#removed-installstart). */
function installStartRequest(inputs: DedicatedServerInstallInputs): Omit<OvhRequest, "method"> {
  const details: Record<string, unknown> = {};
  if (inputs.customHostname) details.customHostname = inputs.customHostname;
  if (inputs.diskGroupId !== undefined) details.diskGroupId = inputs.diskGroupId;
  const body: Record<string, unknown> = { templateName: inputs.templateName };
  if (Object.keys(details).length > 0) body.details = details;
  const answers = Object.entries(inputs.userMetadata ?? {});
  if (answers.length > 0) body.userMetadata = answers.map(([key, value]) => ({ key, value: installStartValue(value) }));
  if (inputs.partitionSchemeName) body.partitionSchemeName = inputs.partitionSchemeName;
  return { path: `${serverPath(inputs.serviceName)}/install/start`, body };
}
