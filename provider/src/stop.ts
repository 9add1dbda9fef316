import { setMaxListeners } from "node:events";
import type { Clock } from "./clock";
import { ReinstallError } from "./errors";

/**
 * How the provider process learns that it must stop. @pulumi/pulumi's dynamic provider host answers the
 * engine's Cancel RPC with nothing (cmd/dynamic-provider: `cancel` is a no-op), so what reaches us is the
 * signal: SIGINT from a terminal's Ctrl-C (the whole process group gets it), SIGTERM from a CI runner
 * cancelling a job. Waits then end at once in the init-failure form, so the engine records the started
 * install and the next `pulumi up` resumes it instead of starting another.
 */
export interface Stopping {
  readonly signal: AbortSignal;
  /** Runs one create or update; after a stop signal the process exits once none is left to answer. */
  run<T>(work: () => Promise<T>): Promise<T>;
}

/** A signal every wait of every resource in the process listens to at once: as many listeners as there are waits. */
function sharedSignal(controller: AbortController): AbortSignal {
  setMaxListeners(0, controller.signal);
  return controller.signal;
}

/** Outside the provider host (tests, the benchmark): nothing stops from outside. */
export const neverStopping: Stopping = { signal: sharedSignal(new AbortController()), run: (work) => work() };

/**
 * Installs SIGINT/SIGTERM handlers in the provider host. The first signal aborts every wait and lets the
 * answers reach the engine (a destructive call in flight is let finish, within its request timeout), then the
 * process exits; a second signal, or `graceMs` without the operations settling, exits at once.
 */
export function stopOnSignals(graceMs: number, proc: NodeJS.Process = process): Stopping {
  const controller = new AbortController();
  const signal = sharedSignal(controller);
  let running = 0;
  const exitWhenIdle = () => {
    // A moment for the host to write the answers to the engine before the process goes.
    if (controller.signal.aborted && running === 0) setTimeout(() => proc.exit(130), 250);
  };
  const onSignal = (name: NodeJS.Signals) => {
    if (controller.signal.aborted) proc.exit(130);
    controller.abort(name);
    setTimeout(() => proc.exit(130), graceMs).unref();
    exitWhenIdle();
  };
  proc.on("SIGINT", onSignal);
  proc.on("SIGTERM", onSignal);
  return {
    signal,
    async run(work) {
      running += 1;
      try {
        return await work();
      } finally {
        running -= 1;
        exitWhenIdle();
      }
    },
  };
}

/** Sleeps, unless told to stop: then throws INTERRUPTED at once. */
export async function pause(clock: Clock, ms: number, signal: AbortSignal, doing: string): Promise<void> {
  if (signal.aborted) throw interrupted(signal, doing);
  let onAbort: () => void = () => undefined;
  const aborted = new Promise<never>((_, reject) => {
    onAbort = () => reject(interrupted(signal, doing));
    signal.addEventListener("abort", onAbort, { once: true });
  });
  try {
    await Promise.race([clock.sleep(ms), aborted]);
  } finally {
    signal.removeEventListener("abort", onAbort);
  }
}

/** `notSent`: the stop came before the call went out, which proves it did nothing (ReinstallError.refused). */
export function interrupted(signal: AbortSignal, doing: string, notSent = false): ReinstallError {
  return new ReinstallError("INTERRUPTED", `the provider was told to stop (${String(signal.reason)}) while ${doing}`, {
    refused: notSent,
    next: "run `pulumi up` again: it resumes from what is recorded in state and starts no second reinstall",
  });
}
