import type { CheckFailure } from "../../check-failures";
import type { Clock } from "../../clock";
import { ReinstallError } from "../../errors";
import type { OvhApi } from "../api";
import { isFinal, type Task } from "../responses";
import type { DedicatedServerInstallInputs, InstallRecord } from "./inputs";
import { newestInstallTask, runningNotice, type Start } from "./start-install";
import { elapsedSince } from "./wait";

/** The warning of a preview (and of the `up`) that creates with `adopt: true`. */
export const adoptNotice = "this create adopts the running install; nothing is erased";

/**
 * What an adopting create found: an install under way, to wait on as startInstall waits on one it finds (its OS
 * is checked when it ends), or the install that runs, recorded as the one this resource made.
 */
export type Adoption = { start: AdoptedStart } | { record: InstallRecord; message: string };

/** A task under way that an adopting create waits on: if it leaves another OS, `adopt` must go for an install to happen. */
export type AdoptedStart = Start & { byAdopt: true };

/**
 * An adopting create: never posts. The server must run the declared template (`GET /dedicated/server/{sn}`
 * `os`); OVH's tasks do not say which template they installed, so the server is the only witness. The last
 * reinstall task, if OVH still lists it and it succeeded, is recorded as the resource's: its dates and id, so
 * a later update that reinstalls knows the tasks up to it are not new.
 */
export async function adoptInstall(api: OvhApi, clock: Clock, inputs: DedicatedServerInstallInputs): Promise<Adoption> {
  const { serviceName, templateName } = inputs;
  const runs = await whatRuns(api, serviceName);
  if ("running" in runs) return { start: { task: runs.running, adopted: "running", notice: runningNotice(runs.running, {}), byAdopt: true } };
  if (runs.os !== templateName) throw osMismatch(inputs, `adopt: ${mismatch(serviceName, runs.os, templateName)}`, adoptNext(runs.os, templateName));
  const by = runs.last ? `, installed by task ${runs.last.taskId}` : ", with no reinstall task in OVH's history";
  return {
    record: { taskStatus: "done", installedOs: runs.os, ...(runs.last ? lastInstall(runs.last, clock) : {}) },
    message: `${serviceName}: adopted the running install of ${runs.os}${by}; nothing was sent`,
  };
}

/**
 * The preview's check of an adopting create: the server must run the declared template. With an install under
 * way its OS is not known yet (OVH's task does not say which template it installs): the create waits for it
 * and checks then.
 */
export async function adoptionFailures(api: OvhApi, { serviceName, templateName }: { serviceName: string; templateName: string }): Promise<CheckFailure[]> {
  const runs = await whatRuns(api, serviceName);
  if ("running" in runs || runs.os === templateName) return [];
  return [{ property: "templateName", reason: `adopt: ${mismatch(serviceName, runs.os, templateName)}; ${adoptNext(runs.os, templateName)}` }];
}

/** An install under way, or the OS the server runs and the last reinstall task if it succeeded. */
async function whatRuns(api: OvhApi, serviceName: string): Promise<{ running: Task } | { os: string; last?: Task }> {
  const task = await newestInstallTask(api, serviceName);
  if (task && !isFinal(task.status)) return { running: task };
  const { os } = await api.server(serviceName);
  return { os, ...(task?.status === "done" ? { last: task } : {}) };
}

/**
 * An install found under way and waited on (instead of posting, or by an adopting create) left another OS than
 * the declared one. The next `up` installs over it, unless `adopt` makes it adopt again.
 */
export function leftOtherOs(inputs: DedicatedServerInstallInputs, taskId: number, os: string, byAdopt: boolean): ReinstallError {
  return osMismatch(
    inputs,
    `task ${taskId}, which was already under way on ${inputs.serviceName} and was waited on instead of installing again, left ${os} on it, not ${inputs.templateName}`,
    byAdopt
      ? adoptNext(os, inputs.templateName)
      : `declare templateName: "${os}" to keep what it installed, or run \`pulumi up\` again to install ${inputs.templateName} over it (that erases the server)`,
  );
}

/** The server left or kept another OS than the declared template: what it is, and what to declare. */
function osMismatch(inputs: DedicatedServerInstallInputs, what: string, next: string): ReinstallError {
  return new ReinstallError("OS_MISMATCH", what, {
    resource: `DedicatedServerInstall ${inputs.serviceName}`,
    call: `GET /dedicated/server/${inputs.serviceName}`,
    next,
  });
}

function mismatch(serviceName: string, os: string, templateName: string): string {
  return `${serviceName} runs ${os}, not ${templateName}, and adopting never installs`;
}

function adoptNext(os: string, templateName: string): string {
  return `declare templateName: "${os}" to adopt what runs, or remove adopt to install ${templateName} (that erases the server)`;
}

function lastInstall(task: Task, clock: Clock): Pick<InstallRecord, "taskId" | "startDate" | "doneDate" | "taskComment" | "elapsedSeconds"> {
  return {
    taskId: task.taskId,
    startDate: task.startDate,
    ...(task.doneDate ? { doneDate: task.doneDate } : {}),
    ...(task.comment ? { taskComment: task.comment } : {}),
    elapsedSeconds: Math.round(elapsedSince(task, clock, task.doneDate)),
  };
}

/**
 * The way out of an adopted install that failed: `pulumi up` again would adopt again, and adopting never installs,
 * so the usual "run `pulumi up` to install again" would lead nowhere.
 */
export const adoptedFailureNext =
  "the install found under way failed, and adopting never installs: remove `adopt` to install templateName (that erases the server), or adopt once a working install runs";
