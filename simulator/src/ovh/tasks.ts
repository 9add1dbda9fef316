/** `dedicated.TaskStatusEnum` (docs/api/ovh.md#task-status-values): there is no "error" status. */
export type TaskStatus = "init" | "todo" | "doing" | "done" | "cancelled" | "customerError" | "ovhError";

/** The subset of install-step statuses (docs/api/ovh.md#install-progress) a simulated install goes through. */
export type StepStatus = "todo" | "doing" | "done" | "error";

export interface InstallFailure {
  readonly status: "customerError" | "ovhError" | "cancelled";
  /** 1-based step that fails. */
  readonly atStep: number;
  /** Becomes the task's comment, which is where OVH puts the reason (docs/api/ovh.md#task-object). */
  readonly comment: string;
  /** The failed step's `error` text in install/status. */
  readonly error?: string;
}

/** What an install does to the server's disk groups (docs/api/ovh.md#keeping-data-disk-groups), by diskGroupId. */
export interface DiskUse {
  readonly installedOn: number;
  readonly erased: readonly number[];
  readonly kept: readonly number[];
}

export interface TaskRecord {
  readonly taskId: number;
  readonly serviceName: string;
  readonly function: "reinstallServer";
  readonly comment: string;
  readonly startedAt: number;
  readonly durationMs: number;
  readonly operatingSystem: string;
  readonly hostname: string | null;
  readonly disks: DiskUse;
  readonly failure: InstallFailure | null;
  cancelledAt: number | null;
}

export interface StepView {
  readonly comment: string;
  readonly error: string;
  readonly status: StepStatus;
}

export interface TaskView {
  readonly status: TaskStatus;
  readonly comment: string;
  readonly doneAt: number | null;
  readonly lastUpdateAt: number;
  readonly steps: readonly StepView[];
}

/**
 * The 21 steps of a stock Debian install with their typical seconds in an install of ~11 minutes
 * (docs/api/ovh.md#install-progress). Measured on a real reinstall: 21 steps, 11 min 05 s end to end, eight step
 * names and their positions (1, 5, 6, 10, 13, 16, 19, 21), and steps 5 to 19 passing within about two minutes
 * (seen by a 30-s poll), so the other nine minutes go to the first hardware reboot (steps 2-3) and to the
 * final boot (step 19 on). Inferred: the other labels, and how those minutes split among steps.
 */
const STEP_PROFILE: readonly (readonly [comment: string, seconds: number])[] = [
  ["Checking BIOS version", 15],
  ["Running Hardware Reboot", 30],
  ["Waiting for server to boot", 150],
  ["Setting up hardware raid", 15],
  ["Preparing disks for new Partitioning", 10],
  ["Cleaning Partitioning", 5],
  ["Processing Partitioning", 5],
  ["Processing Post-installation configuration", 5],
  ["Pre-configuring Post-installation", 5],
  ["Applying Partitioning", 10],
  ["Setting up network configuration", 10],
  ["Installing SSH keys", 10],
  ["Downloading OS image", 15],
  ["Deploying OS on disks", 10],
  ["Configuring bootloader", 5],
  ["Checking Partitioning", 10],
  ["Switching boot", 5],
  ["Running Last Hardware Reboot", 15],
  ["Waiting for services to be up", 240],
  ["Running Post-installation script", 30],
  ["Sending end of installation mail", 5],
];

export const INSTALL_STEPS: readonly string[] = STEP_PROFILE.map(([comment]) => comment);

/** Each step of a task lasts its typical share times a factor in [1 - STEP_SPREAD, 1 + STEP_SPREAD], drawn from the task id. */
const STEP_SPREAD = 0.15;
/**
 * Inferred (OVH documents nothing): a failed step shows `error` for this share of the install's duration (two
 * minutes of an 11-minute install) while the task is still `doing`, then the task ends.
 */
const ERROR_SHOWN_SHARE = 0.18;

/** The steps' durations for this task, summing to `total`: the profile's proportions, varied per task but the same on every read. */
function stepDurations(taskId: number, total: number): number[] {
  const draw = seeded(taskId);
  const weights = STEP_PROFILE.map(([, seconds]) => seconds * (1 + STEP_SPREAD * (2 * draw() - 1)));
  const sum = weights.reduce((a, b) => a + b, 0);
  return weights.map((w) => (w / sum) * total);
}

/** mulberry32: a small deterministic generator, so a task's timeline is a function of its id. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}

/** Moments in a task's life, derived from its id, start and duration only, so any clock reading gives the same answer. */
export function timeline(task: Pick<TaskRecord, "taskId" | "startedAt" | "durationMs" | "failure">) {
  const d = task.durationMs;
  const todoAt = task.startedAt + 0.02 * d;
  const doingAt = task.startedAt + 0.05 * d;
  const starts = stepDurations(task.taskId, task.startedAt + d - doingAt).reduce<number[]>((acc, ms) => [...acc, acc[acc.length - 1] + ms], [doingAt]);
  // The last step ends with the install, whatever the rounding of the sum.
  const stepStart = (i: number) => (i >= INSTALL_STEPS.length ? task.startedAt + d : starts[i]);
  const failedStep = task.failure ? Math.min(Math.max(Math.round(task.failure.atStep), 1), INSTALL_STEPS.length) - 1 : -1;
  const endAt = failedStep >= 0 ? stepStart(failedStep + 1) + ERROR_SHOWN_SHARE * d : task.startedAt + d;
  return { todoAt, doingAt, stepStart, failedStep, endAt };
}

/** The task as OVH would report it at `now`: computed on every read, no timers. */
export function viewTask(task: TaskRecord, at: number): TaskView {
  // A reading taken a moment before the task was created (same request, real clock) sees it just created.
  const now = Math.max(at, task.startedAt);
  const t = timeline(task);
  if (task.cancelledAt !== null && now >= task.cancelledAt) {
    return { status: "cancelled", comment: task.comment, doneAt: task.cancelledAt, lastUpdateAt: task.cancelledAt, steps: stepsAt(task, t, -Infinity) };
  }
  const stepsRun = t.failedStep >= 0 ? t.failedStep + 2 : INSTALL_STEPS.length;
  const boundaries = [task.startedAt, t.todoAt, t.doingAt, ...Array.from({ length: stepsRun }, (_, i) => t.stepStart(i)), t.endAt];
  const lastUpdateAt = Math.max(...boundaries.filter((b) => b <= now));
  const steps = stepsAt(task, t, now);
  if (now < t.todoAt) return { status: "init", comment: task.comment, doneAt: null, lastUpdateAt, steps };
  if (now < t.doingAt) return { status: "todo", comment: task.comment, doneAt: null, lastUpdateAt, steps };
  if (now < t.endAt) return { status: "doing", comment: task.comment, doneAt: null, lastUpdateAt, steps };
  if (task.failure) return { status: task.failure.status, comment: task.failure.comment, doneAt: t.endAt, lastUpdateAt, steps };
  return { status: "done", comment: task.comment, doneAt: t.endAt, lastUpdateAt, steps };
}

function stepsAt(task: TaskRecord, t: ReturnType<typeof timeline>, now: number): StepView[] {
  return INSTALL_STEPS.map((comment, i) => {
    if (t.failedStep >= 0 && i > t.failedStep) return { comment, error: "", status: "todo" };
    const finished = now >= t.stepStart(i + 1);
    if (i === t.failedStep && finished) return { comment, error: task.failure?.error ?? task.failure?.comment ?? "", status: "error" };
    return { comment, error: "", status: finished ? "done" : now >= t.stepStart(i) ? "doing" : "todo" };
  });
}

export function isActive(status: TaskStatus): boolean {
  return status === "init" || status === "todo" || status === "doing";
}
