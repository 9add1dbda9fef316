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

export interface TaskRecord {
  readonly taskId: number;
  readonly serviceName: string;
  readonly function: "reinstallServer";
  readonly comment: string;
  readonly startedAt: number;
  readonly durationMs: number;
  readonly operatingSystem: string;
  readonly hostname: string | null;
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
 * The 21 steps of a stock Debian install. A measured Debian install had 21 steps and named eight of them
 * (docs/api/ovh.md#install-progress); the other labels and the order are inferred.
 */
export const INSTALL_STEPS: readonly string[] = [
  "Checking BIOS version",
  "Running Hardware Reboot",
  "Setting up hardware raid",
  "Preparing disks for new Partitioning",
  "Cleaning Partitioning",
  "Processing Partitioning",
  "Applying Partitioning",
  "Processing Post-installation configuration",
  "Pre-configuring Post-installation",
  "Downloading OS image",
  "Deploying OS on disks",
  "Checking Partitioning",
  "Configuring bootloader",
  "Setting up network configuration",
  "Installing SSH keys",
  "Running Post-installation script",
  "Switching boot",
  "Running Last Hardware Reboot",
  "Waiting for server to boot",
  "Waiting for services to be up",
  "Sending end of installation mail",
];

/** Moments in a task's life, derived from its start and duration only, so any clock reading gives the same answer. */
function timeline(task: TaskRecord) {
  const d = task.durationMs;
  const todoAt = task.startedAt + 0.02 * d;
  const doingAt = task.startedAt + 0.05 * d;
  const slice = (task.startedAt + d - doingAt) / INSTALL_STEPS.length;
  const stepStart = (i: number) => doingAt + i * slice;
  const failedStep = task.failure ? Math.min(Math.max(Math.round(task.failure.atStep), 1), INSTALL_STEPS.length) - 1 : -1;
  // A failing step runs for its slice, shows "error" for one more slice while the task is still doing, then the task ends.
  const endAt = failedStep >= 0 ? stepStart(failedStep + 2) : task.startedAt + d;
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
  const boundaries = [task.startedAt, t.todoAt, t.doingAt, ...INSTALL_STEPS.map((_, i) => t.stepStart(i)), t.endAt];
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
