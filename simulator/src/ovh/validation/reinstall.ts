import type { Reply } from "../../http/exchange";
import { findTemplate, type ServerSpec } from "../catalogue";
import { ovhDate } from "../dates";
import { missingParameter, ovhError } from "../errors";
import type { OvhState } from "../state";
import type { DiskUse } from "../tasks";
import { checkCustomizations } from "./customizations";
import { checkStorage } from "./storage";

/** The `dedicated.server.Reinstall` body (docs/api/ovh.md#reinstall-request), untrusted: every field is checked before use. */
export interface ReinstallRequest {
  readonly operatingSystem: unknown;
  readonly customizations?: unknown;
  readonly storage?: unknown;
}

type Verdict = { readonly reply: Reply } | { readonly operatingSystem: string; readonly hostname: string | null; readonly disks: DiskUse };

/**
 * Validates a reinstall with the classes and message templates of docs/api/ovh.md#reinstall-errors, in the order
 * given there (inferred: OVH documents none).
 * `osParameter` names the OS field in error messages, since install/start calls it templateName.
 */
export function checkReinstall(state: OvhState, server: ServerSpec, request: ReinstallRequest, osParameter = "operatingSystem"): Verdict {
  const os = request.operatingSystem;
  if (typeof os !== "string" || os === "") return { reply: missingParameter(osParameter) };
  const template = findTemplate(os);
  if (!template) return { reply: ovhError(404, "Client::NotFound::OperatingSystem", `Operating system ${os} could not be found`) };
  if (!server.compatibleTemplates.includes(os)) {
    return { reply: ovhError(409, "Client::Conflict::OperatingSystemIncompatible", `Operating system ${os} is not compatible for server ${server.name}`) };
  }
  if (ovhDate(state.now()) > template.endOfInstall) {
    // Inferred: the spec only says install "will not be possible" after endOfInstall (docs/api/ovh-templates.md#template-object).
    return {
      reply: ovhError(409, "Client::Conflict::OperatingSystemEndOfInstall", `Operating system ${os} can no longer be installed since ${template.endOfInstall}`),
    };
  }
  const customizations = checkCustomizations(template, request.customizations);
  if ("reply" in customizations) return customizations;
  const storage = checkStorage(template, server, request.storage);
  if ("reply" in storage) return storage;
  const running = state.activeInstall(server.name);
  if (running) {
    return {
      reply: ovhError(
        400,
        "Client::BadRequest::TaskAlreadyExists",
        `Task ${running.task.taskId} of type ${running.task.function} with status ${running.view.status} is already running on server ${server.name}`,
      ),
    };
  }
  return { operatingSystem: os, hostname: customizations.hostname, disks: storage.disks };
}
