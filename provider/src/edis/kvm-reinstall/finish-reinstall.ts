import { providerKey } from "../../check-inputs";
import { asResourceError, isReinstallError, rethrowAsResourceError } from "../../errors";
import { asInitFailure } from "../../init-failure";
import { formatElapsed } from "../../progress";
import { warningText } from "../../warning-text";
import type { KvmReinstallInputs, ReinstallRecord } from "./inputs";
import { acceptedKey, currentAddress, journalDone, journalDown, waitPendingKey, type StartContext, type Started } from "./start-reinstall";
import { readinessSchedule, waitForReady } from "./wait";

type Props = Record<string, unknown>;

/** What a wait shares with a start: everything but the live rules, since a wait sends nothing. */
export type FinishContext = Omit<StartContext, "validate">;

const iso = (ms: number) => new Date(ms).toISOString();

/**
 * Waits for readiness; on timeout or a stop signal, the init-failure form keeps the record so the next up
 * resumes. Undefined when a VPS found down never came up within `giveUpUnlessUpBy`: nothing was reinstalling.
 */
export async function finishReinstall(ctx: FinishContext, inputs: KvmReinstallInputs, started: Started): Promise<Props | undefined> {
  const { api, runtime, resource, urn } = ctx;
  if (started.adopted) runtime.warn(warningText(resource, started.adopted), urn);
  const reinstalledAt = Date.parse(started.record.reinstalledAt);
  // A reinstall EDIS accepted long enough ago went down while nobody watched (an outage, a run that ended first):
  // only its coming up is left to see. Waiting to see it go down would wait for what already happened. Where it
  // was seen going down (the journal, state), that moment stands.
  const downUnseen = started.accepted && runtime.clock.now() >= reinstalledAt + readinessSchedule.downWithinMs * runtime.timeScale;
  const seen = downUnseen ? { downSeenAt: iso(reinstalledAt), ...started.record } : started.record;
  if (!inputs.waitForReady) {
    journalDone(ctx.journal, inputs.kvmId);
    return { ...inputs, ...seen };
  }
  // A reinstall sent while EDIS gave no address (waitForReady: false then) is watched where EDIS says the VPS is now.
  const record = seen.primaryIp ? seen : { ...seen, primaryIp: (await currentAddress(api, inputs).catch(rethrowAsResourceError(resource))).primaryIp };
  let downSeenAt = record.downSeenAt ? Date.parse(record.downSeenAt) : undefined;
  let rebooted = false;
  try {
    const ready = await waitForReady({
      api,
      clock: runtime.clock,
      resource,
      urn,
      kvmId: inputs.kvmId,
      host: record.primaryIp!,
      port: inputs.readinessPort!,
      reinstalledAt,
      downSeenAt,
      deadline: runtime.clock.now() + inputs.timeoutMinutes! * 60_000,
      progress: runtime.progress,
      timeScale: runtime.timeScale,
      observeDown: (at) => {
        downSeenAt = at;
        journalDown(ctx.journal, inputs.kvmId, reinstalledAt, at);
      },
      giveUpUnlessUpBy: started.giveUpUnlessUpBy,
      giveUpUnlessDownBy: started.giveUpUnlessDownBy,
      observeReboot: () => (rebooted = true),
      signal: runtime.stopping.signal,
    });
    // A VPS found down that came back without the reboot a fresh system makes was only restarting: not a reinstall.
    if (!ready || (started.giveUpUnlessUpBy !== undefined && !ready.rebootSeen)) return undefined;
    journalDone(ctx.journal, inputs.kvmId);
    const elapsedSeconds = Math.round((ready.readyAt - reinstalledAt) / 1000);
    runtime.progress({
      resource,
      urn,
      message: `${inputs.kvmId}: ${inputs.image} ready after ${formatElapsed(elapsedSeconds)} (${api.calls} API calls)`,
      elapsedSeconds,
    });
    return { ...inputs, ...record, downSeenAt: iso(ready.downSeenAt), readyAt: iso(ready.readyAt), elapsedSeconds };
  } catch (e) {
    const error = asResourceError(e, resource);
    // Watching a VPS found down that has not shown a fresh system's reboot: this run sent nothing, and nothing is
    // known to be reinstalling, so state has nothing to keep. A reinstall asked for with other inputs is not this
    // resource's: state must not record it as one either.
    if ((started.giveUpUnlessUpBy !== undefined && !rebooted) || started.thenSend) throw error;
    throw asInitFailure(error, inputs.kvmId, {
      ...inputs,
      ...record,
      ...(downSeenAt ? { downSeenAt: iso(downSeenAt) } : {}),
      [waitPendingKey]: true,
      ...(started.accepted ? { [acceptedKey]: true } : {}),
      [providerKey]: ctx.provider,
    });
  }
}

/**
 * A pending wait that timed out without the old system ever going down, long after the call: that reinstall never
 * started (an ambiguous answer that hid nothing), or it ended unseen. Either way none is under way, and the
 * declared one may go.
 */
export function neverStarted(error: unknown, recorded: ReinstallRecord, now: number, timeScale: number): boolean {
  const kept = (error as { properties?: Props }).properties;
  return (
    isReinstallError(error, "WAIT_TIMEOUT") &&
    kept?.downSeenAt === undefined &&
    now - Date.parse(recorded.reinstalledAt) > readinessSchedule.downWithinMs * timeScale
  );
}
