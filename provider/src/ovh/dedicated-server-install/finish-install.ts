import { providerKey, recordedUrn } from "../../check-inputs";
import { asResourceError, isReinstallError } from "../../errors";
import { asInitFailure } from "../../init-failure";
import type { IntentJournal } from "../../intent-journal";
import type { ProviderRuntime } from "../../runtime";
import type { OvhApi } from "../api";
import { isFinal, type Task } from "../responses";
import { adoptedFailureNext, leftOtherOs } from "./adopt-install";
import type { DedicatedServerInstallInputs, DedicatedServerInstallOutputs, InstallRecord } from "./inputs";
import { installDone, type Start } from "./start-install";
import { elapsedSince, waitForTask } from "./wait";
import { warningText } from "../../warning-text";

type Props = Record<string, unknown>;

/**
 * A task recorded in state by an earlier up that timed out or was interrupted: waited on again. `thenInstall`: an
 * update that installs over it once it ends, so what it leaves does not matter.
 */
export type ResumedStart = { task: Pick<Task, "taskId">; adopted?: undefined; resumed: true; thenInstall?: true };

export interface FinishContext {
  api: OvhApi;
  runtime: ProviderRuntime;
  journal: IntentJournal;
  /** The resource, as errors and progress name it. */
  resource: string;
}

/**
 * Waits on the started or adopted task and returns the outputs. On failure, timeout or a stop signal, the
 * init-failure form keeps the task id in state, so the next up resumes it. A task found or recorded (not posted by
 * this run) that left another OS than the declared one fails plainly (nothing new in state): it is not the install
 * declared, unless an install over it comes next.
 */
export async function finishInstall(
  ctx: FinishContext,
  inputs: DedicatedServerInstallInputs,
  start: Start | ResumedStart,
  news: Props,
): Promise<DedicatedServerInstallOutputs> {
  const { api, runtime, resource } = ctx;
  const urn = recordedUrn(news);
  const { serviceName } = inputs;
  let latest: Pick<Task, "taskId"> & Partial<Task> = start.task;
  const record = (): InstallRecord => ({
    taskId: latest.taskId,
    taskStatus: latest.status ?? "init",
    ...(latest.comment ? { taskComment: latest.comment } : {}),
    startDate: latest.startDate ?? new Date(runtime.clock.now()).toISOString(),
    ...(latest.doneDate ? { doneDate: latest.doneDate } : {}),
  });
  if (start.adopted) runtime.warn(warningText(resource, start.notice), urn);
  const deadline = runtime.clock.now() + inputs.timeoutMinutes * 60_000;
  // An adopting create's task, or its resumed wait (its timeout or interruption went to state): not this resource's install.
  // Unless a changed input installs over it next: its failure is then recorded as any other, or no later up could install.
  const adopted = "byAdopt" in start || ("resumed" in start && !("thenInstall" in start) && inputs.adopt === true);
  let done: Task;
  let installedOs: string;
  try {
    done =
      start.adopted === "finished"
        ? start.task
        : await waitForTask({
            api,
            clock: runtime.clock,
            resource,
            urn,
            serviceName,
            taskId: start.task.taskId,
            deadline,
            progress: runtime.progress,
            timeScale: runtime.timeScale,
            observe: (t) => (latest = t),
            signal: runtime.stopping.signal,
          });
    latest = done;
    // A done task leaves the OS it was asked for (docs/api/ovh.md#task-status-values: done is success), so for the
    // task this run posted the declared template is the answer and a GET of the server adds nothing. A task found
    // on the server, or recorded by an earlier run (which may have found it there), may have been asked for with
    // another template: only the server tells what it left (OS_MISMATCH below).
    installedOs = start.adopted || "resumed" in start ? (await api.server(serviceName, { deadline })).os : inputs.templateName;
  } catch (e) {
    const error = asResourceError(e, resource);
    // A task asked for with other inputs is not this resource's install: state must not record it as one. Nor
    // is one an adopting create found that failed: recorded, the next up's update would install over it.
    if (start.adopted && start.thenInstall) throw error;
    if (adopted && isFinal(latest.status)) throw isReinstallError(error) ? error.withNext(adoptedFailureNext) : error;
    throw asInitFailure(error, serviceName, { ...inputs, ...record(), [providerKey]: news[providerKey] });
  }
  installDone(ctx.journal, serviceName);
  // The server must run the declared template, unless an install over it comes next. The task posted by this run,
  // and a finished one found, left it by construction; one found under way, or recorded in state, may not have.
  const seenThrough = "thenInstall" in start;
  if (!seenThrough && installedOs !== inputs.templateName) {
    const error = leftOtherOs(inputs, done.taskId, installedOs, adopted);
    // Resumed, the resource is in state, adopting or not: a changed templateName reinstalls, and dropping adopt sends nothing.
    throw "resumed" in start ? error.withNext(recordedOtherOsNext(inputs.templateName, installedOs)) : error;
  }
  const elapsedSeconds = elapsedSince(done, runtime.clock, done.doneDate);
  runtime.progress({ resource, urn, message: `${serviceName}: ${installedOs} installed by task ${done.taskId} (${api.calls} API calls)`, elapsedSeconds });
  const outs: DedicatedServerInstallOutputs = { ...inputs, ...record(), installedOs, elapsedSeconds: Math.round(elapsedSeconds) };
  return outs;
}

/**
 * A task in state left another OS: every up waits on it again (and fails so) until a change that reinstalls, and
 * any change of templateName reinstalls, so keeping what it left means adopting it afresh.
 */
function recordedOtherOsNext(templateName: string, os: string): string {
  return (
    `change \`triggers\` and run \`pulumi up\` to install ${templateName} over it (that erases the server); to keep ${os}, ` +
    `remove the resource from state (\`pulumi state delete\`) and declare it again with templateName: "${os}" and adopt: true`
  );
}
