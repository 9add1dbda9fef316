import { z } from "zod";
import { ReinstallError, isReinstallError, mayHaveHappened } from "../../errors";
import type { IntentJournal } from "../../intent-journal";
import { formatElapsed } from "../../progress";
import { retryPolicies } from "../../retry";
import type { ProviderRuntime } from "../../runtime";
import { pause } from "../../stop";
import { serverPath, type OvhApi } from "../api";
import type { OvhLookups } from "../lookups";
import { isFinal, type Boot, type Task } from "../responses";
import { OnDelete } from "./inputs";
import { resolveBoot } from "./on-delete";

/** What delete reads from state: the recorded inputs (olds). */
const Recorded = z.looseObject({ serviceName: z.string(), onDelete: OnDelete, timeoutMinutes: z.number().positive().default(120) });

export interface RebootOnDelete {
  api: OvhApi;
  lookups: OvhLookups;
  /** Where this machine notes the reboot it posts, so that a delete retried after that reboot ended does not reboot again. */
  journal: IntentJournal;
  runtime: Pick<ProviderRuntime, "clock" | "progress" | "stopping" | "timeScale">;
  resource: string;
  urn?: string;
}

/** Reboot tasks are read this often (times timeScale): a hard reboot takes minutes, not an install's tens of them. */
export const rebootPollMs = 15_000;

const underWay: readonly string[] = ["init", "todo", "doing"];

/** A day: a delete retried later than that reboots again. */
const rebootJournalHorizonMs = 24 * 3600_000;
const rebootKey = (serviceName: string) => `ovh_reboot_${serviceName}`;

/**
 * Delete with `onDelete`: the server's boot is set (`PUT /dedicated/server/{sn}` with bootId), then it is
 * rebooted (`POST …/reboot`, a `hardReboot` task), and the task is waited on within timeoutMinutes, as
 * terraform-provider-ovh's bootid_on_destroy does (docs/api/ovh.md#boots-and-reboot). Any failure leaves the
 * resource in state; a second delete that finds the reboot under way waits on it instead of rebooting again.
 */
export async function rebootOnDelete(ctx: RebootOnDelete, props: Record<string, unknown>): Promise<void> {
  const recorded = Recorded.safeParse(props);
  if (!recorded.success) {
    throw new ReinstallError(
      "INVALID_INPUT",
      `the recorded onDelete cannot be read (${recorded.error.issues.map((i) => i.message).join("; ")}); nothing was sent`,
      {
        resource: ctx.resource,
        next: "declare onDelete again and run `pulumi up`, then delete, or remove onDelete to only forget the server",
      },
    );
  }
  const { serviceName, onDelete, timeoutMinutes } = recorded.data;
  const { api, runtime } = ctx;
  const deadline = runtime.clock.now() + timeoutMinutes * 60_000;
  await refuseDuringInstall(api, serviceName);
  const resolved = await resolveBoot(onDelete, serviceName, ctx.lookups);
  if ("failure" in resolved) {
    throw new ReinstallError("INVALID_INPUT", `${resolved.failure.property}: ${resolved.failure.reason}; nothing was sent`, {
      call: `GET ${serverPath(serviceName)}/boot`,
      next: "declare one of the boots listed in onDelete and run `pulumi up`, then delete again; or remove onDelete to only forget the server",
    });
  }
  const { boot } = resolved;
  const before = await api.taskIds(serviceName, "hardReboot", { deadline });
  const found = await rebootUnderWay(api, serviceName, before, deadline);
  const posted = await rebootPostedHere(ctx, serviceName, boot, before, deadline);
  let task: Task;
  if (posted) {
    // The delete that posted it timed out or was stopped, and the reboot has ended since: it was the one reboot.
    task = posted;
  } else if (found) {
    const { bootId } = await api.server(serviceName, { deadline });
    if (bootId !== boot.bootId) {
      throw new ReinstallError(
        "TASK_ALREADY_RUNNING",
        `reboot task ${found.taskId} is ${found.status} on ${serviceName}, whose boot is ${String(bootId)}, not ${boot.bootId} (${boot.kernel}); nothing was sent`,
        {
          call: `GET ${serverPath(serviceName)}/task/${found.taskId}`,
          next: "a reboot started elsewhere is under way: let it end, then delete again",
        },
      );
    }
    // Set by an earlier delete that was stopped or timed out while this reboot ran: wait on it, never reboot twice.
    runtime.progress({
      resource: ctx.resource,
      urn: ctx.urn,
      message: `${serviceName}: reboot task ${found.taskId} on ${boot.kernel} already under way; waiting on it`,
      elapsedSeconds: 0,
    });
    task = found;
  } else {
    if (runtime.stopping.signal.aborted) throw stopped(runtime.stopping.signal, `about to reboot ${serviceName}; nothing was sent`);
    await api.setBoot(serviceName, boot.bootId, { deadline });
    const afterTaskId = Math.max(0, ...before);
    const sentAt = runtime.clock.now();
    ctx.journal.write(rebootKey(serviceName), { request: String(boot.bootId), sentAt, expiresAt: sentAt + rebootJournalHorizonMs, details: { afterTaskId } });
    task = await api.post({ path: `${serverPath(serviceName)}/reboot` }).catch((e: unknown) => lostReboot(api, serviceName, before, e));
  }
  const done = await waitForReboot(ctx, serviceName, boot, task, deadline);
  ctx.journal.clear(rebootKey(serviceName));
  runtime.progress({
    resource: ctx.resource,
    urn: ctx.urn,
    message: `${serviceName}: rebooted on ${boot.kernel} (boot ${boot.bootId}) by task ${done.taskId}; forgotten`,
    elapsedSeconds: 0,
  });
}

/** A reboot now would cut an install short, so delete refuses rather than wait an install's hours in a destroy. */
async function refuseDuringInstall(api: OvhApi, serviceName: string): Promise<void> {
  const newest = Math.max(0, ...(await api.installTaskIds(serviceName)));
  if (newest === 0) return;
  const install = await api.task(serviceName, newest);
  if (isFinal(install.status)) return;
  throw new ReinstallError(
    "TASK_ALREADY_RUNNING",
    `install task ${newest} is ${install.status} on ${serviceName}: rebooting it now would break the install, so delete sent nothing`,
    {
      call: `GET ${serverPath(serviceName)}/task/${newest}`,
      next: "let the install end (`pulumi up` waits on it), then delete again; or remove onDelete to only forget the server",
    },
  );
}

/**
 * A reboot onto this boot that this machine posted (journal) and that has ended well since, with the server's boot
 * still this one: what a retried delete finds when the first one timed out or was stopped. Anything else reboots.
 */
async function rebootPostedHere(ctx: RebootOnDelete, serviceName: string, boot: Boot, ids: number[], deadline: number): Promise<Task | undefined> {
  const intent = ctx.journal.read(rebootKey(serviceName), ctx.runtime.clock.now());
  if (intent?.request !== String(boot.bootId)) return undefined;
  const newest = Math.max(0, ...ids);
  if (newest <= Number(intent.details.afterTaskId)) return undefined;
  const task = await ctx.api.task(serviceName, newest, { deadline, policy: retryPolicies.taskPoll });
  if (task.status !== "done") return undefined;
  const { bootId } = await ctx.api.server(serviceName, { deadline });
  return bootId === boot.bootId ? task : undefined;
}

/** The newest reboot task, if it is still under way. */
async function rebootUnderWay(api: OvhApi, serviceName: string, ids: number[], deadline: number): Promise<Task | undefined> {
  const newest = Math.max(0, ...ids);
  if (newest === 0) return undefined;
  const task = await api.task(serviceName, newest, { deadline, policy: retryPolicies.taskPoll });
  return underWay.includes(task.status) ? task : undefined;
}

/** The reboot POST failed: if it may have happened, the task it created is looked for, never a second POST. */
async function lostReboot(api: OvhApi, serviceName: string, before: number[], error: unknown): Promise<Task> {
  if (!mayHaveHappened(error)) throw error;
  const created = (await api.taskIds(serviceName, "hardReboot")).filter((id) => !before.includes(id));
  if (created.length > 0) return api.task(serviceName, Math.max(...created));
  throw new ReinstallError("AMBIGUOUS_START", `the reboot request got no clear answer and no reboot task appeared on ${serviceName}`, {
    call: `POST ${serverPath(serviceName)}/reboot`,
    cause: isReinstallError(error) ? error : undefined,
    next: "delete again: a reboot task that appears in the meantime is waited on, not repeated",
  });
}

async function waitForReboot(ctx: RebootOnDelete, serviceName: string, boot: Boot, first: Task, deadline: number): Promise<Task> {
  const { clock, progress, stopping, timeScale } = ctx.runtime;
  const startedAt = Date.parse(first.startDate) || clock.now();
  const elapsed = () => Math.max(0, (clock.now() - startedAt) / 1000);
  const call = `GET ${serverPath(serviceName)}/task/${first.taskId}`;
  for (let task = first; ;) {
    if (task.status === "done") return task;
    if (isFinal(task.status) || !underWay.includes(task.status)) {
      throw new ReinstallError("TASK_FAILED", `reboot task ${task.taskId} on ${serviceName} ended with ${task.status}: ${task.comment ?? "(no comment)"}`, {
        call,
        next: `the server's boot is set to ${boot.bootId} (${boot.kernel}); reboot it from the OVHcloud control panel, or delete again to reboot again`,
      });
    }
    if (clock.now() >= deadline) {
      throw new ReinstallError(
        "WAIT_TIMEOUT",
        `reboot task ${task.taskId} on ${serviceName} is still ${task.status} after ${formatElapsed(elapsed())}; the reboot goes on at OVH`,
        {
          call,
          next: "delete again: it waits on the same reboot task (no second reboot); or raise timeoutMinutes with `pulumi up` first",
        },
      );
    }
    progress({
      resource: ctx.resource,
      urn: ctx.urn,
      message: `${serviceName}: rebooting on ${boot.kernel}, task ${task.taskId} ${task.status}, ${formatElapsed(elapsed())}`,
      elapsedSeconds: elapsed(),
    });
    const doing = `waiting on reboot task ${task.taskId} on ${serviceName}`;
    await pause(clock, Math.min(rebootPollMs * timeScale, deadline - clock.now()), stopping.signal, doing).catch((e: unknown) => {
      throw isReinstallError(e, "INTERRUPTED") ? stopped(stopping.signal, doing) : e;
    });
    task = await ctx.api.task(serviceName, task.taskId, { deadline, policy: retryPolicies.taskPoll });
  }
}

/** A delete has no init-failure form: it fails, the resource stays in state, and the next delete picks the reboot up. */
function stopped(signal: AbortSignal, doing: string): ReinstallError {
  return new ReinstallError("INTERRUPTED", `the provider was told to stop (${String(signal.reason)}) while ${doing}`, {
    next: "delete again (`pulumi destroy` or `pulumi up`): the resource is still in state, and a reboot under way is waited on, not repeated",
  });
}
