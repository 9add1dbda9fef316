import type { Clock } from "../../clock";
import { ReinstallError } from "../../errors";
import { formatElapsed, type ProgressSink } from "../../progress";
import { retryPolicies } from "../../retry";
import { pause } from "../../stop";
import type { OvhApi } from "../api";
import { isFinal, type InstallStatus, type Task } from "../responses";

/** The statuses of a task on its way (docs/api/ovh.md#task-status-values). */
const underWay: readonly string[] = ["init", "todo", "doing"];

/** How often to poll, as data. An install takes ~11 minutes (docs/api/ovh.md#install-progress), most of it in the middle steps. */
export const pollSchedule = {
  /** terraform-provider-ovh waits 10 s before its first poll, too. */
  firstPollMs: 10_000,
  /** While the task is init/todo there is no step list to go by. */
  noProgressMs: 20_000,
  byProgress: [
    { below: 0.5, everyMs: 60_000 },
    { below: 0.85, everyMs: 30_000 },
    { below: Infinity, everyMs: 15_000 },
  ],
};

export interface WaitForTask {
  api: OvhApi;
  clock: Clock;
  resource: string;
  urn?: string;
  serviceName: string;
  taskId: number;
  /** Epoch ms: past it the wait gives up, leaving the task running. */
  deadline: number;
  progress: ProgressSink;
  /** Multiplies every poll interval; below 1 only for dry runs against the simulator. */
  timeScale?: number;
  /** Sees every task read, so a caller can record the last known status when the wait fails. */
  observe?: (task: Task) => void;
  /** Aborted when the provider is told to stop: the wait then ends at once (INTERRUPTED). */
  signal: AbortSignal;
}

interface StepView {
  step: number;
  steps: number;
  stepName: string;
  fraction: number;
  error?: string;
}

/**
 * Polls the task until `done`. Any other final status (and any status this code does not know) fails at
 * once with the task's comment and the failed step's error. Transient read errors are retried inside the
 * deadline (retryPolicies.taskPoll).
 */
export async function waitForTask(w: WaitForTask): Promise<Task> {
  const scale = w.timeScale ?? 1;
  const retry = { deadline: w.deadline, policy: retryPolicies.taskPoll };
  let lastMessage = "";
  let lastView: StepView | undefined;
  let task: Task | undefined;
  let interval = pollSchedule.firstPollMs;

  const report = (message: string, view?: StepView) => {
    if (message === lastMessage) return;
    lastMessage = message;
    const elapsedSeconds = elapsedSince(task, w.clock);
    w.progress({ resource: w.resource, urn: w.urn, message: `${w.serviceName}: ${message}, ${formatElapsed(elapsedSeconds)}`, elapsedSeconds, ...view });
  };

  for (;;) {
    task = await w.api.task(w.serviceName, w.taskId, retry);
    w.observe?.(task);
    if (task.status === "done") {
      report("installation done");
      return task;
    }
    const view = stepView(await w.api.installStatus(w.serviceName, retry).catch(() => undefined));
    lastView = view ?? lastView;
    if (isFinal(task.status)) throw taskFailed(w, task, lastView);
    if (!underWay.includes(task.status)) throw unknownStatus(w, task);
    // Once steps were seen, a momentary gap in install/status (it goes idle as the task ends) is not news.
    if (view) report(`${view.step}/${view.steps} ${view.stepName}`, view);
    else if (!lastView) report(`task ${task.taskId} ${task.status}`);

    const remaining = w.deadline - w.clock.now();
    if (remaining <= 0) throw timedOut(w, task, lastView);
    await pause(w.clock, Math.min(remaining, interval * scale), w.signal, `waiting on install task ${w.taskId} on ${w.serviceName}`);
    interval = view ? pollSchedule.byProgress.find((p) => view.fraction < p.below)!.everyMs : pollSchedule.noProgressMs;
  }
}

function stepView(status: InstallStatus | undefined): StepView | undefined {
  const steps = status?.progress ?? [];
  if (steps.length === 0) return undefined;
  const failed = steps.findIndex((s) => s.status === "error");
  const current = failed >= 0 ? failed : steps.findIndex((s) => s.status !== "done");
  const index = current >= 0 ? current : steps.length - 1;
  return {
    step: index + 1,
    steps: steps.length,
    stepName: steps[index].comment,
    fraction: steps.filter((s) => s.status === "done").length / steps.length,
    error: failed >= 0 ? steps[failed].error || undefined : undefined,
  };
}

export function elapsedSince(task: Task | undefined, clock: Clock, until?: string | null): number {
  const start = task ? Date.parse(task.startDate) : NaN;
  const end = until ? Date.parse(until) : clock.now();
  return Number.isNaN(start) || Number.isNaN(end) ? 0 : Math.max(0, (end - start) / 1000);
}

function taskFailed(w: WaitForTask, task: Task, view: StepView | undefined): ReinstallError {
  const step = view?.error ? `; step ${view.step}/${view.steps} "${view.stepName}" failed: ${view.error}` : "";
  return new ReinstallError("TASK_FAILED", `install task ${task.taskId} on ${w.serviceName} ended with ${task.status}: ${task.comment ?? "(no comment)"}${step}`, {
    call: `GET /dedicated/server/${w.serviceName}/task/${task.taskId}`,
    next:
      task.status === "customerError"
        ? "OVH blames the request (often partitioning or RAID): fix the inputs, then run `pulumi up` to install again"
        : task.status === "cancelled"
          ? "the task was cancelled; run `pulumi up` to install again"
          : "OVH reports a failure on its side: run `pulumi up` to install again, or open a ticket with OVHcloud quoting the task id",
  });
}

/** A status this code does not know may be a running one: stop waiting, but never treat the task as over. */
function unknownStatus(w: WaitForTask, task: Task): ReinstallError {
  return new ReinstallError("TASK_FAILED", `install task ${task.taskId} on ${w.serviceName} has the status ${task.status}, which pulumi-reinstall does not know; it may still be running`, {
    call: `GET /dedicated/server/${w.serviceName}/task/${task.taskId}`,
    next: `look at task ${task.taskId} in the OVHcloud control panel; \`pulumi up\` waits on it again and starts no second install while it is not finished`,
  });
}

function timedOut(w: WaitForTask, task: Task, view: StepView | undefined): ReinstallError {
  const where = view ? `, at step ${view.step}/${view.steps} "${view.stepName}"` : "";
  return new ReinstallError(
    "WAIT_TIMEOUT",
    `install task ${task.taskId} on ${w.serviceName} is still ${task.status}${where} after ${formatElapsed(elapsedSince(task, w.clock))}; the install goes on at OVH`,
    {
      call: `GET /dedicated/server/${w.serviceName}/task/${task.taskId}`,
      next: "run `pulumi up` again to resume waiting on the same task (no second install is started), or raise timeoutMinutes",
    },
  );
}
