import type { Reply } from "../../http/exchange";
import { invalidParameter, plainError } from "../errors";
import { forServer, isRecord, jsonBody, ok, type OvhHandler, type OvhRoute } from "../route";
import { taskResource, taskResponse } from "../task-json";
import type { TaskRecord, TaskStatus } from "../tasks";
import { checkReinstall, type ReinstallRequest } from "../validation/reinstall";
import { OVH_ROUTES, routeOf } from "../../route-names";

/** What differs between the two install routes; validation and task creation are shared. */
interface InstallFlavour {
  readonly toReinstall: (body: Record<string, unknown>) => { request: ReinstallRequest; osParameter: string } | { reply: Reply };
  readonly comment: string;
  readonly answer: (task: TaskRecord, now: number) => unknown;
}

const REINSTALL: InstallFlavour = {
  toReinstall: (body) => ({
    request: { operatingSystem: body.operatingSystem, customizations: body.customizations, storage: body.storage },
    osParameter: "operatingSystem",
  }),
  comment: "Start bare metal OS installation",
  answer: taskResponse,
};

/** The removed install/start (docs/api/ovh.md#removed-installstart): its body expressed as a reinstall one; it answered with the full task. */
const INSTALL_START: InstallFlavour = {
  toReinstall: (body) => {
    const details = body.details ?? {};
    if (!isRecord(details)) return { reply: invalidParameter("details", "must be an object") };
    const metadata = body.userMetadata ?? [];
    if (!Array.isArray(metadata) || !metadata.every((m) => isRecord(m) && typeof m.key === "string")) {
      return { reply: invalidParameter("userMetadata", "must be a list of {key, value}") };
    }
    const customizations: Record<string, unknown> = Object.fromEntries(metadata.map((m) => [m.key, m.value]));
    if (details.customHostname !== undefined) customizations.hostname = details.customHostname;
    const scheme = body.partitionSchemeName;
    const storage =
      details.diskGroupId === undefined && scheme === undefined
        ? undefined
        : [{ diskGroupId: details.diskGroupId, partitioning: scheme === undefined ? undefined : { schemeName: scheme } }];
    return { request: { operatingSystem: body.templateName, customizations, storage }, osParameter: "templateName" };
  },
  comment: "Start dedicated server installation",
  answer: taskResource,
};

function install(flavour: InstallFlavour): OvhHandler {
  return forServer((call, server) => {
    call.state.installPostArrives(server.name);
    const parsed = jsonBody(call.exchange);
    if (!parsed || !isRecord(parsed.value)) return invalidParameter("body", "must be a JSON object");
    const mapped = flavour.toReinstall(parsed.value);
    if ("reply" in mapped) return mapped.reply;
    const verdict = checkReinstall(call.state, server, mapped.request, mapped.osParameter);
    if ("reply" in verdict) return verdict.reply;
    const task = call.state.startInstall(server.name, {
      operatingSystem: verdict.operatingSystem,
      hostname: verdict.hostname,
      disks: verdict.disks,
      comment: flavour.comment,
    });
    return ok(flavour.answer(task, call.now));
  });
}

export const installRoutes: OvhRoute[] = [
  {
    ...routeOf(OVH_ROUTES.installStatus),
    access: "authenticated",
    handler: forServer(({ state, now }, server) => {
      const latest = state.latestInstall(server.name);
      if (!latest || !showsProgress(latest.view.status)) {
        return plainError(404, "Server is not being installed or reinstalled at the moment");
      }
      const until = latest.view.doneAt ?? now;
      return ok({ elapsedTime: Math.floor((until - latest.task.startedAt) / 1000), progress: latest.view.steps });
    }),
  },
  { ...routeOf(OVH_ROUTES.reinstall), access: "authenticated", handler: install(REINSTALL) },
];

/** Served only with `installStart: true`; otherwise the route is unknown, as it is on today's API (docs/api/ovh.md#removed-installstart). */
export const installStartRoutes: OvhRoute[] = [{ ...routeOf(OVH_ROUTES.installStart), access: "authenticated", handler: install(INSTALL_START) }];

/**
 * Inferred: a task still in init has not reached the installer, so there is no progress yet; an install that
 * stopped on a failed step keeps showing that step until the next install (how else would the panel show why);
 * a finished or cancelled one is "not being installed" (docs/api/ovh.md#install-progress).
 */
function showsProgress(status: TaskStatus): boolean {
  return status === "todo" || status === "doing" || status === "customerError" || status === "ovhError";
}
