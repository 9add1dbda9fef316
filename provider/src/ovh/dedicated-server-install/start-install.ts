import type { Clock } from "../../clock";
import { ReinstallError, isReinstallError, mayHaveHappened } from "../../errors";
import type { OvhApi } from "../api";
import { describeCall } from "../client";
import { isFinal, type Task, type Template } from "../responses";
import type { DedicatedServerInstallInputs } from "./inputs";
import { installRequest } from "./request";

/** How many of the newest reinstall tasks to inspect: older ones finished long ago. */
const recentTasks = 5;
/** After an ambiguous POST, how long to keep looking for the task it may have created. */
const adoptionChecks = [0, 5_000, 15_000];

/**
 * Starts one install, and never a second one: refuses when a reinstall already runs on the server, and
 * after an ambiguous failure (timeout, reset, 5xx) adopts the task the POST created, if any, instead of
 * posting again.
 */
export async function startInstall(
  api: OvhApi,
  clock: Clock,
  inputs: DedicatedServerInstallInputs,
  template: Template | undefined,
): Promise<Task> {
  const { serviceName } = inputs;
  const before = await api.installTaskIds(serviceName);
  const running = await firstUnfinished(api, serviceName, newest(before));
  if (running) throw alreadyRunning(serviceName, running);

  const request = installRequest(inputs, template);
  try {
    return await api.post(request);
  } catch (error) {
    if (isRouteRemoved(error, inputs)) throw routeRemoved(error);
    if (!mayHaveHappened(error)) throw explainRejection(error);
    for (const wait of adoptionChecks) {
      await clock.sleep(wait);
      const created = (await api.installTaskIds(serviceName)).filter((id) => !before.includes(id));
      if (created.length > 0) return api.task(serviceName, Math.max(...created));
    }
    throw new ReinstallError("AMBIGUOUS_START", `the install request for ${serviceName} failed without a clear answer, and no new reinstall task appeared`, {
      call: describeCall({ method: "POST", ...request }),
      api: isReinstallError(error) ? error.api : undefined,
      next: `OVH shows no install started by this request (GET /dedicated/server/${serviceName}/task?function=reinstallServer lists no new task); check the server in the OVHcloud control panel, then run \`pulumi up\` again`,
      cause: error,
    });
  }
}

async function firstUnfinished(api: OvhApi, serviceName: string, ids: number[]): Promise<Task | undefined> {
  for (const id of ids) {
    const task = await api.task(serviceName, id);
    if (!isFinal(task.status)) return task;
  }
  return undefined;
}

function newest(ids: number[]): number[] {
  return [...ids].sort((a, b) => b - a).slice(0, recentTasks);
}

function isRouteRemoved(error: unknown, inputs: DedicatedServerInstallInputs): error is ReinstallError {
  return inputs.installApi === "install/start" && isReinstallError(error, "OVH_API_ERROR") && error.refused && error.api?.status === 404;
}

function routeRemoved(error: ReinstallError): ReinstallError {
  return new ReinstallError("OVH_ROUTE_REMOVED", "OVH no longer serves POST …/install/start: it was removed on 2025-10-07 in favour of POST …/reinstall", {
    call: error.call,
    api: error.api,
    next: 'set installApi: "reinstall" (the default); the same inputs work with it',
  });
}

function alreadyRunning(serviceName: string, task: Task): ReinstallError {
  return new ReinstallError(
    "TASK_ALREADY_RUNNING",
    `a reinstall is already running on ${serviceName}: task ${task.taskId}, status ${task.status}, started ${task.startDate}; not starting a second one`,
    {
      call: `GET /dedicated/server/${serviceName}/task/${task.taskId}`,
      next: `wait for task ${task.taskId} to finish (or cancel it with POST /dedicated/server/${serviceName}/task/${task.taskId}/cancel), then run \`pulumi up\` again`,
    },
  );
}

/** OVH refused the install outright: nothing was erased. Say which input to fix when the class tells. */
function explainRejection(error: unknown): unknown {
  if (!isReinstallError(error, "OVH_API_ERROR")) return error;
  const hint = rejectionHints.find(([prefix]) => error.api?.class?.startsWith(prefix))?.[1];
  return new ReinstallError("OVH_API_ERROR", "OVH refused the install request; nothing was started", {
    call: error.call,
    api: error.api,
    next: hint ?? "fix the request as the API says, then run `pulumi up` again",
    raw: error.raw,
  });
}

const rejectionHints: [string, string][] = [
  ["Client::BadRequest::TaskAlreadyExists", "another install is running on this server: wait for it, then run `pulumi up` again"],
  ["Client::Conflict::DisturbAlreadyExists", "another process holds the server: wait for it, then run `pulumi up` again"],
  ["Client::BadRequest::Customization", "fix userMetadata: the answers must match the template's questions"],
  ["Client::BadRequest::Hostname", "fix customHostname"],
  ["Client::BadRequest::Partition", "fix storage[0].partitioning"],
  ["Client::BadRequest::HardwareRaid", "fix storage[0].hardwareRaid"],
  ["Client::Conflict::HardwareRaid", "fix storage[0].hardwareRaid"],
  ["Client::NotFound::DiskGroup", "fix diskGroupId"],
  ["Client::NotFound::SchemeName", "fix partitionSchemeName"],
  ["Client::NotFound::OperatingSystem", "fix templateName"],
  ["Client::Conflict::OperatingSystemIncompatible", "fix templateName: pick one of the server's compatible templates"],
  ["Client::Forbidden::OperatingSystemLicenseMissing", "order the license for this OS, or pick another template"],
];
