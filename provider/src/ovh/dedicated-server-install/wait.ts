import type { Clock } from "../../clock";
import { ReinstallError } from "../../errors";
import { formatElapsed, type ProgressSink } from "../../progress";
import { retryPolicies } from "../../retry";
import { pause } from "../../stop";
import type { OvhApi } from "../api";
import { isFinal, type InstallStatus, type Task } from "../responses";
import { estimateEnd, type Reading } from "./install-eta";

/** The statuses of a task on its way (docs/api/ovh.md#task-status-values). */
const underWay: readonly string[] = ["init", "todo", "doing"];

/**
 * When to read, as data; every interval is multiplied by `timeScale`. Progress reads (`install/status`) place the
 * end (install-eta.ts); the task is read, densely, only once the end is likely, once a step shows an error, or
 * once install/status says no install runs.
 */
export const pollSchedule = {
  /** Nothing changes in the first tens of seconds: the task is init, then todo (docs/api/ovh.md#install-progress). */
  firstReadMs: 45_000,
  /** Between task reads while the end is likely, and while a failed step waits for the task to end. */
  denseMs: 4_000,
  /** While there is no step list to go by (the task is init, or install/status brought no news). */
  noProgressMs: 20_000,
  /** Progress reads come no closer than this... */
  minGapMs: 10_000,
  /**
   * ...and no further apart: a task that ends failed shows it in install/status (the failed step, or a 404 once it
   * is cancelled), so a failure is seen within this, as it was when the task itself was read every minute. How long
   * a failed step shows its error before the task ends is not known (docs/api/ovh.md#install-progress).
   */
  maxGapMs: 60_000,
  /** The next progress read comes after this share of the time left before the earliest likely end. */
  approach: 0.85,
  /** The likely end is close enough to read the task densely once it is no longer than this many dense intervals away. */
  denseSpan: 7,
  /**
   * Installs run from about 5 to about 30 minutes (install-eta.ts): an install/status that has not shown the end this
   * long into the wait (answering a step list that stands still, or none) is no longer believed, and the task is read
   * after each of its reads.
   */
  believedMs: 35 * 60_000,
  /** Progress shown between reads (elapsed time, last step seen), without a request. */
  tickMs: 30_000,
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
  error?: string;
}

type Next = { at: number; read: "task" | "progress" };

/**
 * Waits for the task to be `done`. Any other final status (and any status this code does not know) fails at once
 * with the task's comment and the failed step's error. Transient read errors are retried inside the deadline
 * (retryPolicies.taskPoll); a progress read that fails or is skipped is no news.
 */
export async function waitForTask(w: WaitForTask): Promise<Task> {
  const scale = w.timeScale ?? 1;
  const dense = pollSchedule.denseMs * scale;
  const retry = { deadline: w.deadline, policy: retryPolicies.taskPoll };
  const readings: Reading[] = [];
  let lastMessage: string | undefined;
  let lastView: StepView | undefined;
  let task: Task | undefined;
  let startedAt: number | undefined;
  /** Clock ms until which the task is read densely. */
  let denseUntil: number | undefined;
  let failing = false;

  // The elapsed time is part of the message: a tick between reads shows it moving, the same read twice shows once.
  const report = (what: string, view?: StepView) => {
    const elapsedSeconds = startedAt === undefined ? 0 : Math.max(0, (w.clock.now() - startedAt) / 1000);
    const message = `${w.serviceName}: ${what}, ${formatElapsed(elapsedSeconds)}`;
    if (message === lastMessage) return;
    lastMessage = message;
    w.progress({ resource: w.resource, urn: w.urn, message, elapsedSeconds, ...view });
  };
  const showStatus = () =>
    lastView ? report(`${lastView.step}/${lastView.steps} ${lastView.stepName}`, lastView) : task && report(`task ${task.taskId} ${task.status}`);
  // Not retried: a failed progress read is no news, and the task read that replaces it is what notices an end.
  const readProgress = async (): Promise<{ status?: InstallStatus } | undefined> =>
    w.api.installStatus(w.serviceName, { deadline: w.deadline, policy: retryPolicies.progress }).then(
      (status) => ({ status }),
      () => undefined,
    );
  /** Sleeps until `at` or the deadline, showing progress every tick. */
  const sleepUntil = async (at: number) => {
    const until = Math.min(at, w.deadline);
    for (let now = w.clock.now(); now < until; now = w.clock.now()) {
      await pause(w.clock, Math.min(until, now + pollSchedule.tickMs * scale) - now, w.signal, `waiting on install task ${w.taskId} on ${w.serviceName}`);
      if (w.clock.now() < until) showStatus();
    }
  };
  /** The next read: the task, densely, while the end is likely; otherwise install/status, closer as the end nears. */
  const plan = (now: number): Next => {
    if (readings.length === 0) return { at: now + pollSchedule.noProgressMs * scale, read: "progress" };
    const window = estimateEnd(readings);
    const from = Math.max(now + dense, window.earliest);
    if (window.final || window.latest - from <= pollSchedule.denseSpan * dense) {
      denseUntil = window.latest;
      // An estimate thrown off by install/status (elapsed times going backwards) never puts a read past the longest gap.
      return { at: Math.min(from, now + pollSchedule.maxGapMs * scale), read: "task" };
    }
    // Past the earliest likely end, one read within each final stretch's length: it warns that the end is near.
    const floor = Math.max(window.stretchMs, pollSchedule.minGapMs * scale);
    return { at: now + Math.min(Math.max(pollSchedule.approach * (window.earliest - now), floor), pollSchedule.maxGapMs * scale), read: "progress" };
  };

  const believedUntil = w.clock.now() + pollSchedule.believedMs * scale;
  let next: Next = { at: w.clock.now() + pollSchedule.firstReadMs * scale, read: "progress" };
  for (;;) {
    await sleepUntil(next.at);
    const atDeadline = w.clock.now() >= w.deadline;
    if (next.read === "progress" && !atDeadline) {
      const answer = await readProgress();
      const now = w.clock.now();
      const status = answer?.status;
      // An elapsed time that dates no start (negative, or too large for a date) places nothing: no news.
      const start = status && status.elapsedTime >= 0 ? now - status.elapsedTime * 1000 : NaN;
      const dated = Number.isFinite(start);
      if (status) {
        const reading = readingOf(status, now);
        if (dated) startedAt = start;
        if (dated && reading.comments.length > 0) readings.push({ ...reading, startedAt: start });
        lastView = reading.view ?? lastView;
        failing ||= reading.failed;
        showStatus();
      }
      // No install running (404): it has not begun, or it has ended. A failed step: the task ends soon. A read without
      // news (failed, skipped, undated, without steps, or no longer believed) is followed by a task read, so a budget
      // short of progress reads, or an install/status that keeps failing or stands still, cannot hide the task's end.
      const news = dated && (status?.progress ?? []).length > 0 && now < believedUntil;
      next = !news || failing ? { at: now, read: "task" } : plan(now);
      // Back to the top, which sleeps until the next read (a task read due now: no sleep) and makes it.
      continue;
    }
    task = await w.api.task(w.serviceName, w.taskId, retry);
    w.observe?.(task);
    startedAt ??= Date.parse(task.startDate) || undefined;
    if (task.status === "done") {
      report("installation done");
      return task;
    }
    if (isFinal(task.status)) {
      // The failed step's error, for the message, when no read has shown it yet.
      if (!lastView?.error) lastView = stepView((await readProgress())?.status) ?? lastView;
      throw taskFailed(w, task, lastView);
    }
    if (!underWay.includes(task.status)) throw unknownStatus(w, task);
    if (atDeadline || w.deadline - w.clock.now() <= 0) throw timedOut(w, task, lastView);
    showStatus();
    const now = w.clock.now();
    if (failing || (denseUntil !== undefined && now + dense <= denseUntil)) next = { at: now + dense, read: "task" };
    // Past the likely end without an end, the estimate was off: place the end again.
    else if (denseUntil !== undefined) next = { at: now + dense, read: "progress" };
    else next = plan(now);
    if (next.read === "progress") denseUntil = undefined;
  }
}

/** What one install/status answer tells: where the install is, for the estimate and for the progress shown. */
function readingOf(status: InstallStatus, at: number): Omit<Reading, "startedAt"> & { view?: StepView; failed: boolean } {
  const steps = status.progress ?? [];
  const done = steps.findIndex((s) => s.status !== "done");
  const comments = steps.map((s) => s.comment);
  const current = done >= 0 ? done : steps.length;
  return { at, current, started: steps[current]?.status !== "todo", comments, view: stepView(status), failed: steps.some((s) => s.status === "error") };
}

function stepView(status: InstallStatus | undefined): StepView | undefined {
  const steps = status?.progress ?? [];
  if (steps.length === 0) return undefined;
  const failed = steps.findIndex((s) => s.status === "error");
  // Stryker disable next-line EqualityOperator: a failed first step (0) is also the first step not done, so "> 0" picks it too.
  const current = failed >= 0 ? failed : steps.findIndex((s) => s.status !== "done");
  const index = current >= 0 ? current : steps.length - 1;
  return {
    step: index + 1,
    steps: steps.length,
    stepName: steps[index].comment,
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
  return new ReinstallError(
    "TASK_FAILED",
    `install task ${task.taskId} on ${w.serviceName} ended with ${task.status}: ${task.comment ?? "(no comment)"}${step}`,
    {
      call: `GET /dedicated/server/${w.serviceName}/task/${task.taskId}`,
      next:
        task.status === "customerError"
          ? "OVH blames the request (often partitioning or RAID): fix the inputs, then run `pulumi up` to install again"
          : task.status === "cancelled"
            ? "the task was cancelled; run `pulumi up` to install again"
            : "OVH reports a failure on its side: run `pulumi up` to install again, or open a ticket with OVHcloud quoting the task id",
    },
  );
}

/** A status this code does not know may be a running one: stop waiting, but never treat the task as over. */
function unknownStatus(w: WaitForTask, task: Task): ReinstallError {
  return new ReinstallError(
    "TASK_FAILED",
    `install task ${task.taskId} on ${w.serviceName} has the status ${task.status}, which pulumi-reinstall does not know; it may still be running`,
    {
      call: `GET /dedicated/server/${w.serviceName}/task/${task.taskId}`,
      next: `look at task ${task.taskId} in the OVHcloud control panel; \`pulumi up\` waits on it again and starts no second install while it is not finished`,
    },
  );
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
