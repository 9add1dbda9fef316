import { ReinstallError, isReinstallError, mayHaveHappened } from "../../errors";
import { asInitFailure } from "../../init-failure";
import type { Intent, IntentJournal } from "../../intent-journal";
import { probePort } from "../../probe";
import { formatElapsed } from "../../progress";
import type { ProviderRuntime } from "../../runtime";
import { interrupted } from "../../stop";
import type { EdisApi } from "../api";
import type { EdisSession } from "../sessions";
import { describeCall, edisUrl } from "../client";
import { isWindowsImage, type KvmReinstallInputs, type ReinstallRecord } from "./inputs";
import { readinessSchedule } from "./wait";

/** Marks state left by a wait that did not finish (the init-failure form): only such a wait is resumed. */
export const waitPendingKey = "__waitPending";

/**
 * Marks a pending wait whose `set/reinstall` EDIS accepted: that reinstall started, whether or not the old system
 * was seen going down. A later run that begins past the going-down window takes it as gone down at the call, as it
 * does for an acknowledged journal entry. Without the mark (an ambiguous answer, or state of 0.1.x), nothing is
 * inferred.
 */
export const acceptedKey = "__accepted";

/**
 * A journal entry lives this long unless the reinstall it records is seen through: a run killed in the evening
 * and re-run the next morning still finds it. Past a day, the VPS is taken to be as its port shows it.
 */
const journalHorizonMs = 24 * 3600_000;

/** A reinstall to wait for: one just sent, or one found under way (`adopted` says how, for a warning). */
export interface Started {
  record: ReinstallRecord;
  adopted?: string;
  /** A VPS found down: if its port has not answered by then, nothing was reinstalling. */
  giveUpUnlessUpBy?: number;
  /** Found under way but asked for with other inputs: once it is over, the declared reinstall is sent. */
  thenSend?: boolean;
  /** A call whose answer was never seen: if the old system has not gone down by then, it never reached EDIS. */
  giveUpUnlessDownBy?: number;
  /** EDIS accepted the call: the reinstall started (acceptedKey). */
  accepted?: boolean;
}

export interface StartContext {
  api: EdisApi;
  runtime: ProviderRuntime;
  journal: IntentJournal;
  resource: string;
  urn?: string;
  /** The serialized provider, which state must keep with everything recorded. */
  provider: unknown;
  /** The live rules, run right before `set/reinstall` on what it sends: rejects when those inputs no longer pass them. */
  validate: (inputs: KvmReinstallInputs, apiHost: string) => Promise<void>;
}

const iso = (ms: number) => new Date(ms).toISOString();

/**
 * A reinstall's record, with the VPS's address only when EDIS gave one: state cannot hold an undefined property (the
 * dynamic provider host refuses it, after the reinstall went out).
 */
const recordOf = (apiHost: string, primaryIp: string | undefined, at: number): ReinstallRecord => ({
  apiHost,
  ...(primaryIp ? { primaryIp } : {}),
  reinstalledAt: iso(at),
});
const journalKey = (kvmId: string) => `edis_${kvmId}`;

/** What the reinstall asks for: a re-run whose declaration differs must not take another's reinstall for its own. */
export const requestOf = (inputs: KvmReinstallInputs) => [inputs.image, inputs.password, inputs.cloudInitUserData ?? null, inputs.triggers ?? []];

export function underWayWithinMs(image: string): number {
  return readinessSchedule.underWayWithinMs[isWindowsImage(image) ? "windows" : "linux"];
}

/**
 * Starts one reinstall, or finds one under way to wait for instead: one that an interrupted run on this machine
 * sent (the intent journal), or, when readiness is observed, a VPS found down, which may be reinstalling.
 * `recordedAt` is the reinstall state already records: a journal entry of it, or older, is not news.
 */
export async function startReinstall(ctx: StartContext, inputs: KvmReinstallInputs, recordedAt: number): Promise<Started> {
  const { api, runtime } = ctx;
  const { kvmId } = inputs;
  const { session, primaryIp } = await currentAddress(api, inputs);
  const now = runtime.clock.now();
  const intent = ctx.journal.read(journalKey(kvmId), now);
  if (intent && intent.sentAt > recordedAt) return adoptIntent(ctx, inputs, intent, now, primaryIp);

  if (inputs.waitForReady && !(await probePort(primaryIp!, inputs.readinessPort!, readinessSchedule.probe))) {
    const within = Math.min(underWayWithinMs(inputs.image) * runtime.timeScale, inputs.timeoutMinutes! * 60_000);
    runtime.progress({
      resource: ctx.resource,
      urn: ctx.urn,
      message: `${kvmId}: port ${inputs.readinessPort} does not answer: a reinstall may be under way (an interrupted run's?); watching it for up to ${formatElapsed(within / 1000)} before starting one`,
      elapsedSeconds: 0,
    });
    return {
      record: { ...recordOf(session.apiHost, primaryIp, now), downSeenAt: iso(now) },
      adopted: `port ${inputs.readinessPort} was closed when this run began and then came up: a reinstall was under way (most likely an interrupted run's), so none was started. To reinstall anyway, change \`triggers\``,
      giveUpUnlessUpBy: now + within,
    };
  }
  return { record: await sendReinstall(ctx, inputs, session.apiHost, primaryIp), accepted: true };
}

/**
 * The VPS's IPv4 address as EDIS gives it now: at login, else the first of get/details. Readiness is watched there, so
 * with waitForReady a VPS without one fails before anything is sent or waited on.
 */
export async function currentAddress(api: EdisApi, inputs: KvmReinstallInputs): Promise<{ session: EdisSession; primaryIp?: string }> {
  const session = await api.session(inputs.kvmId);
  const primaryIp = session.primaryIp ?? (await api.primaryIp(inputs.kvmId));
  if (inputs.waitForReady && !primaryIp) {
    throw new ReinstallError("EDIS_API_ERROR", `EDIS reports no IPv4 address for ${inputs.kvmId}, so readiness cannot be observed`, {
      call: describeCall(edisUrl(session.apiHost, "get/details")),
      next: "set waitForReady: false, then run `pulumi up` again",
    });
  }
  return { session, ...(primaryIp ? { primaryIp } : {}) };
}

/**
 * The one `set/reinstall`, journaled first: a run killed from here on is followed by a wait, not another call. The
 * entry is stamped as each try goes out, so a resend after a refused session (sessions.ts) is the call a later run
 * waits for, and it is cleared while a new session is had: the refused try did nothing.
 */
export async function sendReinstall(ctx: StartContext, inputs: KvmReinstallInputs, apiHost: string, primaryIp: string | undefined): Promise<ReinstallRecord> {
  const { runtime, journal } = ctx;
  const key = journalKey(inputs.kvmId);
  await ctx.validate(inputs, apiHost);
  if (runtime.stopping.signal.aborted) throw interrupted(runtime.stopping.signal, `about to reinstall ${inputs.kvmId}; nothing was sent`);
  // The try that went out last (none once EDIS refused the session): what the journal and the record say.
  const sent: { intent?: Intent; record: ReinstallRecord } = { record: recordOf(apiHost, primaryIp, runtime.clock.now()) };
  const steps = {
    sending: (host: string) => {
      const sentAt = runtime.clock.now();
      const entry: Intent = {
        request: journal.digest(requestOf(inputs)),
        sentAt,
        expiresAt: sentAt + journalHorizonMs,
        details: { image: inputs.image, apiHost: host, triggers: journal.digest(inputs.triggers ?? []) },
      };
      journal.write(key, entry);
      sent.intent = entry;
      sent.record = recordOf(host, primaryIp, sentAt);
    },
    refused: () => {
      journal.clear(key);
      sent.intent = undefined;
    },
  };
  try {
    await ctx.api.reinstall(
      inputs.kvmId,
      { image: inputs.image, password: inputs.password, cloudinit_user_data: inputs.cloudInitUserData },
      steps,
      runtime.stopping.signal,
    );
  } catch (error) {
    if (!isReinstallError(error)) throw error;
    // Nothing went out and nothing is journaled (no session to send it with, the login failing again after EDIS refused
    // the session, or a journal that cannot be written): the error says why, naming the settings when EDIS refused them.
    if (!sent.intent) throw error;
    if (!mayHaveHappened(error)) {
      journal.clear(key);
      // A connection that was never ready, or a stop before the call went out, says so itself; anything else that proves nothing happened is EDIS's refusal.
      if (error.code === "NETWORK_ERROR" || error.code === "INTERRUPTED") throw error;
      throw new ReinstallError("EDIS_API_ERROR", "EDIS refused the reinstall; nothing was started", {
        call: error.call,
        api: error.api,
        next: "fix the request as EDIS says, then run `pulumi up` again",
      });
    }
    // Into state, as a wait left pending: the next up watches for this reinstall instead of sending another.
    throw asInitFailure(
      new ReinstallError("AMBIGUOUS_START", `the reinstall request for ${inputs.kvmId} failed without a clear answer: the VPS may or may not be reinstalling`, {
        resource: ctx.resource,
        call: error.call,
        api: error.api,
        next: "run `pulumi up` again: it watches the VPS for this reinstall and sends none; if the VPS console (VPS Management Portal) shows that nothing happened, change `triggers` to reinstall",
      }),
      inputs.kvmId,
      { ...inputs, ...sent.record, [waitPendingKey]: true, __provider: ctx.provider },
    );
  }
  journal.note(key, { ...sent.intent!, acknowledged: true });
  runtime.progress({ resource: ctx.resource, urn: ctx.urn, message: `${inputs.kvmId}: reinstall of ${inputs.image} accepted by EDIS`, elapsedSeconds: 0 });
  return sent.record;
}

/** The entry of a reinstall this machine sent after `recordedAt` with other inputs than these (an interrupted update's), if any. */
export function interruptedOtherwise(journal: IntentJournal, inputs: KvmReinstallInputs, recordedAt: number, now: number): Intent | undefined {
  const intent = journal.read(journalKey(inputs.kvmId), now);
  return intent && intent.sentAt > recordedAt && intent.request !== journal.digest(requestOf(inputs)) ? intent : undefined;
}

/** Records, in the journal entry of the reinstall sent at `sentAt`, that the old system went down. */
export function journalDown(journal: IntentJournal, kvmId: string, sentAt: number, at: number): void {
  const intent = journal.read(journalKey(kvmId), at);
  if (intent?.sentAt === sentAt) journal.note(journalKey(kvmId), { ...intent, details: { ...intent.details, downSeenAt: at } });
}

export function journalDone(journal: IntentJournal, kvmId: string): void {
  journal.clear(journalKey(kvmId));
}

/**
 * An interrupted run on this machine sent a reinstall: wait for it. If it was asked for with other inputs, the
 * declared reinstall follows once it is over (never two at once, and never the old request taken for the new).
 * A call that was never answered is given up on if the old system does not go down within two minutes, but only by
 * a run that watches across that mark: one that begins later may be looking at a fresh system already up. It is
 * watched at `primaryIp`, the address this run has just read.
 */
function adoptIntent(ctx: StartContext, inputs: KvmReinstallInputs, intent: Intent, now: number, primaryIp: string | undefined): Started {
  const d = intent.details;
  const same = intent.request === ctx.journal.digest(requestOf(inputs));
  const downBy = intent.sentAt + readinessSchedule.downWithinMs * ctx.runtime.timeScale;
  const unanswered = !intent.acknowledged && typeof d.downSeenAt !== "number";
  // Changed `triggers` is the way out the error names ("reinstall anyway"); `waitForReady: false` the other, for the same request.
  if (unanswered && now >= downBy && (same ? inputs.waitForReady : d.triggers === ctx.journal.digest(inputs.triggers ?? [])))
    throw unobserved(inputs, intent, same, now, downBy);
  // One EDIS took long enough ago went down while nobody watched: finishReinstall infers that, as for state's accepted waits.
  const downSeenAt = typeof d.downSeenAt === "number" ? d.downSeenAt : undefined;
  return {
    ...(unanswered ? { giveUpUnlessDownBy: downBy } : {}),
    record: { ...recordOf(String(d.apiHost), primaryIp, intent.sentAt), ...(downSeenAt !== undefined ? { downSeenAt: iso(downSeenAt) } : {}) },
    adopted: same
      ? `an earlier run, interrupted, sent a reinstall of ${String(d.image)} at ${iso(intent.sentAt)}; waiting for it instead of sending another. To reinstall anyway, change \`triggers\``
      : `an earlier run, interrupted, sent a reinstall of ${String(d.image)} at ${iso(intent.sentAt)} with other inputs than these; waiting for it to end, then reinstalling as declared`,
    thenSend: !same,
    accepted: intent.acknowledged === true,
  };
}

/**
 * A call killed before its answer, found by a run that began after the old system would have gone down: a reinstall
 * EDIS took may have ended unseen, and EDIS keeps no trace (docs/api/edis.md#no-task-no-trace). Sending again could
 * erase a fresh system, so the run stops at once and says how to settle it.
 */
function unobserved(inputs: KvmReinstallInputs, intent: Intent, same: boolean, now: number, downBy: number): ReinstallError {
  const what = `a reinstall of ${String(intent.details.image)}${same ? "" : " with other inputs than these"}`;
  return new ReinstallError(
    "UNOBSERVED_START",
    `an earlier run on this machine was killed while its call for ${what} on ${inputs.kvmId}, sent at ${iso(intent.sentAt)}, had no answer yet; a reinstall EDIS took would have taken the old system down by ${iso(downBy)}, but this run began at ${iso(now)}, too late to see that, and a fresh system that came up since looks like the old one: this run cannot tell whether that reinstall happened, and sends none`,
    {
      call: describeCall(edisUrl(String(intent.details.apiHost), "set/reinstall")),
      next: same
        ? "check the VPS console (screenshot in the VPS Management Portal): if it shows the new system, the reinstall ended while nobody watched: set waitForReady: false for one run to record it; if it shows nothing happened, change `triggers` to reinstall"
        : `check the VPS console (screenshot in the VPS Management Portal): to reinstall as declared, change \`triggers\`; if it shows nothing happened and no reinstall is wanted, this machine's record of that call lapses at ${iso(intent.expiresAt)}`,
    },
  );
}
