import type { Clock } from "../../clock";
import { ReinstallError, isReinstallError, mayHaveHappened } from "../../errors";
import type { Intent, IntentJournal } from "../../intent-journal";
import { formatElapsed } from "../../progress";
import { interrupted, pause } from "../../stop";
import type { OvhApi } from "../api";
import { describeCall } from "../client";
import { isFinal, type Task, type Template } from "../responses";
import type { DedicatedServerInstallInputs } from "./inputs";
import { installRequest } from "./request";

/**
 * Only the newest reinstall task is read. OVH runs one install at a time (docs/api/ovh.md#reinstall-errors: a
 * reinstall is refused with TaskAlreadyExists while another is init, todo or doing), so a task newer than another
 * was created after that one ended: only the newest can be unfinished, and only the newest is the last install.
 */
const recentTasks = 1;
/** After an ambiguous POST, when to look for the task it may have created (ms after the failure). */
const adoptionChecks = [0, 5_000, 15_000];
/**
 * A finished install younger than this, of the declared template, is taken for the one an interrupted run
 * started, and recorded instead of installing again. A day covers a run killed in the evening and re-run the
 * next morning; a user who wants a fresh install anyway changes `triggers` once the resource is in state.
 */
export const adoptionWindowMs = 24 * 3600_000;
/**
 * After a POST whose answer was lost, OVH could still be carrying it out. Its route creates the task before it
 * answers (docs/api/ovh.md#finding-the-task-of-a-lost-answer), so once this long has passed without a new task, the POST did nothing.
 */
export const unconfirmedSettleMs = 2 * 60_000;

/** What the last run knows of its own install: tasks up to `afterTaskId` are not new (0 or unset: none known). */
export interface StartHistory {
  afterTaskId?: number;
  /** Epoch ms of a POST whose outcome is unknown (see UnconfirmedStart). */
  unconfirmedAt?: number;
}

/** The state key of an UnconfirmedStart. */
export const unconfirmedKey = "__unconfirmedStart";

/** Recorded in state when a POST's outcome is unknown, so the next run looks for its task before posting. */
export interface UnconfirmedStart {
  at: string;
  afterTaskId: number;
}

/** The UnconfirmedStart a state records, if any. */
export function unconfirmedOf(olds: Record<string, unknown>): UnconfirmedStart | undefined {
  const u = olds[unconfirmedKey] as Partial<UnconfirmedStart> | undefined;
  return typeof u?.at === "string" && typeof u.afterTaskId === "number" ? { at: u.at, afterTaskId: u.afterTaskId } : undefined;
}

/** Tasks up to the recorded one (or up to the last one seen before an unconfirmed start) are not new. */
export function historyOf(olds: Record<string, unknown>, oldTaskId: number | undefined): StartHistory {
  const u = unconfirmedOf(olds);
  const afterTaskId = Math.max(oldTaskId ?? 0, u?.afterTaskId ?? 0);
  return { afterTaskId, ...(u ? { unconfirmedAt: Date.parse(u.at) } : {}) };
}

export interface StartContext {
  api: OvhApi;
  clock: Clock;
  /** Below 1 only for dry runs against the simulator: shortens the look-ups after a lost answer. */
  timeScale?: number;
  /** Told to stop: nothing is posted from then on. */
  signal: AbortSignal;
  /** What this machine sent: a found task that was asked for with other inputs is not taken for this request. */
  journal: IntentJournal;
  /** The live rules, run right before the POST (nothing found to adopt): rejects when the inputs no longer pass them. */
  validate: () => Promise<void>;
}

/**
 * A task to wait on: one just posted, or one found (`adopted`). `thenInstall`: found under way but asked for with
 * other inputs (by an interrupted run on this machine); once it is over, the declared install is posted.
 */
export type Start = { task: Task; adopted?: undefined } | { task: Task; adopted: "running" | "finished"; notice: string; thenInstall?: true };

/** A journal entry lives a day, as the adoption window does, unless its install is seen through. */
const journalHorizonMs = adoptionWindowMs;

const journalKey = (serviceName: string) => `ovh_${serviceName}`;

/**
 * Starts one install, and never a second one. Before posting, an unfinished reinstall task on the server (an
 * interrupted run's, or anyone's) is adopted and waited on, and so is a recent finished install of the declared
 * template. After an ambiguous failure (timeout, reset, 5xx, 429) the task the POST created is adopted; if none
 * appeared, the error carries an UnconfirmedStart for state, so the next run looks again before posting.
 */
export async function startInstall(
  ctx: StartContext,
  inputs: DedicatedServerInstallInputs,
  template: Template | undefined,
  history: StartHistory = {},
): Promise<Start> {
  const { api, clock, timeScale = 1, signal, journal } = ctx;
  const { serviceName } = inputs;
  const request = installRequest(inputs, template);
  const digest = requestDigest(journal, inputs);
  if (history.unconfirmedAt !== undefined) {
    await pause(
      clock,
      history.unconfirmedAt + unconfirmedSettleMs * timeScale - clock.now(),
      signal,
      `waiting to see whether the unanswered install request for ${serviceName} was carried out`,
    );
  }
  const before = await api.installTaskIds(serviceName);
  const found = await adoptable(ctx, inputs, newest(before, history.afterTaskId), history, digest);
  if (found) return found;

  await ctx.validate();
  if (signal.aborted) throw interrupted(signal, `about to install ${serviceName}; nothing was posted`);
  const afterTaskId = Math.max(history.afterTaskId ?? 0, ...before);
  const sentAt = clock.now();
  const intent: Intent = { request: digest, sentAt, expiresAt: sentAt + journalHorizonMs, details: { afterTaskId } };
  journal.write(journalKey(serviceName), intent);
  try {
    const task = await api.post({ ...request, signal });
    journal.note(journalKey(serviceName), { ...intent, details: { afterTaskId, taskId: task.taskId } });
    return { task };
  } catch (error) {
    if (isRouteRemoved(error, inputs)) {
      journal.clear(journalKey(serviceName));
      throw routeRemoved(error);
    }
    const alreadyExists = isReinstallError(error) && error.api?.class === "Client::BadRequest::TaskAlreadyExists";
    if (!mayHaveHappened(error) && !alreadyExists) {
      journal.clear(journalKey(serviceName));
      throw explainRejection(error);
    }
    for (const wait of adoptionChecks) {
      await clock.sleep(wait * timeScale);
      const ids = newest(await api.installTaskIds(serviceName), afterTaskId);
      // OVH's TaskAlreadyExists is a clear answer: the task it names is someone else's, not a lost answer's.
      const seen: StartHistory = alreadyExists ? {} : { unconfirmedAt: clock.now() };
      const late = await adoptable(ctx, inputs, ids, seen, digest);
      if (late) return late;
    }
    if (alreadyExists) {
      journal.clear(journalKey(serviceName));
      throw explainRejection(error);
    }
    throw unconfirmed(serviceName, request, error, { at: new Date(clock.now()).toISOString(), afterTaskId });
  }
}

/** What an install asks for: the inputs that shape it, not how it is sent or waited on. */
function requestDigest(journal: IntentJournal, inputs: DedicatedServerInstallInputs): string {
  const { templateName, customHostname, diskGroupId, userMetadata, partitionSchemeName, storage, triggers } = inputs;
  return journal.digest([
    templateName,
    customHostname ?? null,
    diskGroupId ?? null,
    userMetadata ?? null,
    partitionSchemeName ?? null,
    storage ?? null,
    triggers ?? [],
  ]);
}

/** The entry of an install this machine posted after task `recordedTaskId` with other inputs than these, if any. */
export function interruptedOtherwise(journal: IntentJournal, inputs: DedicatedServerInstallInputs, recordedTaskId: number, now: number): Intent | undefined {
  const intent = journal.read(journalKey(inputs.serviceName), now);
  if (!intent || intent.request === requestDigest(journal, inputs)) return undefined;
  return Number(intent.details.afterTaskId) >= recordedTaskId ? intent : undefined;
}

/** The install this machine posted is seen through: its journal entry has done its work. */
export function installDone(journal: IntentJournal, serviceName: string): void {
  journal.clear(journalKey(serviceName));
}

/**
 * The task this run should wait on instead of posting, if any: an unfinished one, or the newest if it is a
 * successful install of the declared template, recent, or the one a lost answer may have created. One that this
 * machine's journal shows was asked for with other inputs is waited on if running, then installed over.
 */
async function adoptable(
  { api, clock, journal }: StartContext,
  inputs: DedicatedServerInstallInputs,
  ids: number[],
  history: StartHistory,
  digest: string,
): Promise<Start | undefined> {
  const { serviceName } = inputs;
  const intent = journal.read(journalKey(serviceName), clock.now());
  const askedOtherwise = (task: Task) =>
    intent !== undefined && intent.request !== digest && Number(intent.details.taskId ?? Number(intent.details.afterTaskId) + 1) <= task.taskId;
  const tasks: Task[] = [];
  for (const id of ids) {
    const task = await api.task(serviceName, id);
    if (!isFinal(task.status)) {
      return askedOtherwise(task)
        ? { task, adopted: "running", notice: otherInputsNotice(task), thenInstall: true }
        : { task, adopted: "running", notice: runningNotice(task, history) };
    }
    tasks.push(task);
  }
  const latest = tasks[0];
  if (latest?.status !== "done" || !latest.doneDate || askedOtherwise(latest)) return undefined;
  // Aged on OVH's clock, which dated it: this machine's may run minutes or days off it (node-ovh corrects signatures
  // through /auth/time, nothing else), and neither an install just ended nor one days old may be mistaken for the other.
  const age = (await api.now()) - Date.parse(latest.doneDate);
  // A task that appeared after a lost answer is that answer's, however long ago it ended.
  const inWindow = history.unconfirmedAt !== undefined || age <= adoptionWindowMs;
  if (!inWindow) return undefined;
  const server = await api.server(serviceName);
  if (server.os !== inputs.templateName) return undefined;
  return { task: latest, adopted: "finished", notice: finishedNotice(latest, server.os, age) };
}

function newest(ids: number[], afterTaskId = 0): number[] {
  return ids
    .filter((id) => id > afterTaskId)
    .sort((a, b) => b - a)
    .slice(0, recentTasks);
}

/** The newest reinstall task OVH lists for the server, if any: the only one that can be unfinished, or the last install. */
export async function newestInstallTask(api: OvhApi, serviceName: string): Promise<Task | undefined> {
  const [id] = newest(await api.installTaskIds(serviceName));
  return id === undefined ? undefined : api.task(serviceName, id);
}

export function runningNotice(task: Task, history: StartHistory): string {
  const whose = history.unconfirmedAt !== undefined ? "most likely by the install request whose answer was lost" : "by an interrupted run or by someone else";
  return `a reinstall was already under way (task ${task.taskId}, ${task.status}, started ${task.startDate}, ${whose}); waiting for it instead of starting a second one`;
}

function finishedNotice(task: Task, os: string, ageMs: number): string {
  return (
    `task ${task.taskId} installed ${os} ${formatElapsed(Math.max(0, ageMs) / 1000)} ago (started ${task.startDate}), most likely for an interrupted run; ` +
    "recorded it instead of installing again. To reinstall anyway, change `triggers` and run `pulumi up`"
  );
}

function otherInputsNotice(task: Task): string {
  return `task ${task.taskId} (${task.status}) was posted from this machine by an interrupted run with other inputs than these; waiting for it to end, then installing as declared`;
}

function unconfirmed(serviceName: string, request: { path: string }, error: unknown, start: UnconfirmedStart): ReinstallError {
  return new ReinstallError(
    "AMBIGUOUS_START",
    `the install request for ${serviceName} failed without a clear answer, and no new reinstall task has appeared yet`,
    {
      call: describeCall({ method: "POST", ...request }),
      api: isReinstallError(error) ? error.api : undefined,
      next: `run \`pulumi up\` again: it looks for the task this request may have created (waiting until ${formatElapsed(unconfirmedSettleMs / 1000)} after it) and installs only if none appeared`,
      cause: error,
      record: { [unconfirmedKey]: start },
    },
  );
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

/** OVH refused the install outright: nothing was erased. Say which input to fix when the class tells. */
function explainRejection(error: unknown): unknown {
  if (!isReinstallError(error, "OVH_API_ERROR")) return error;
  const hint = rejectionHints.find(([prefix]) => error.api?.class?.startsWith(prefix))?.[1];
  return new ReinstallError("OVH_API_ERROR", "OVH refused the install request; nothing was started", {
    call: error.call,
    api: error.api,
    // The client's own next step names the setting at fault when OVH refused the credentials.
    next: hint ?? error.next,
  });
}

const rejectionHints: [string, string][] = [
  [
    "Client::BadRequest::TaskAlreadyExists",
    "OVH reports another task on this server, but it is not a reinstall this provider can see: wait for it to end (OVHcloud control panel), then run `pulumi up` again",
  ],
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
