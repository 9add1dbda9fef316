import { systemClock, type Clock } from "./clock";
import { defaultConnectTimeoutMs } from "./connect-deadline";
import { engineAddress, engineLog } from "./engine-log";
import { stderrProgress, type ProgressSink } from "./progress";
import { RequestScheduler, defaultRateLimit, type RateLimit } from "./scheduler";
import { neverStopping, stopOnSignals, type Stopping } from "./stop";

/** What a provider needs from its process: time, the shared request budget, and where to report. */
export interface ProviderRuntime {
  clock: Clock;
  scheduler: RequestScheduler;
  progress: ProgressSink;
  /** Warnings the user must see at preview, e.g. "this update erases the server". */
  warn: (message: string, urn?: string) => void;
  env: NodeJS.ProcessEnv;
  /** Real-time limit of one HTTP request: 60 s, scaled by timeScale (not below 2 s) for dry runs. */
  requestTimeoutMs: number;
  /** Real-time limit for a new connection to be ready: 10 s, not scaled (connect-deadline.ts). */
  connectTimeoutMs: number;
  /** Multiplies every wait duration (polls, probes, settle times). Only dry runs against the simulator set it below 1. */
  timeScale: number;
  /** Told to stop (SIGINT/SIGTERM in the provider host): waits end in the init-failure form. */
  stopping: Stopping;
}

export interface RuntimeOptions extends Partial<Omit<ProviderRuntime, "scheduler">> {
  rateLimit?: RateLimit;
}

export function createRuntime(options: RuntimeOptions = {}): ProviderRuntime {
  const clock = options.clock ?? systemClock;
  const env = options.env ?? process.env;
  const scale = Number(env.PULUMI_REINSTALL_TIME_SCALE);
  const address = engineAddress();
  const engine = address ? engineLog(address) : undefined;
  const timeScale = options.timeScale ?? (scale > 0 && scale <= 1 ? scale : 1);
  // A dry run against the simulator shortens the request timeout too, so that a lost answer resolves as fast as the rest.
  const requestTimeoutMs = options.requestTimeoutMs ?? Math.max(2_000, 60_000 * timeScale);
  return {
    clock,
    scheduler: new RequestScheduler(clock, options.rateLimit ?? defaultRateLimit),
    progress: options.progress ?? engine?.progress ?? stderrProgress,
    warn: options.warn ?? engine?.warn ?? ((message) => process.stderr.write(`[pulumi-reinstall] warning: ${message}\n`)),
    env,
    requestTimeoutMs,
    connectTimeoutMs: options.connectTimeoutMs ?? defaultConnectTimeoutMs,
    timeScale,
    // Only the host's own process: a signal handler elsewhere would keep a test runner or a script from stopping.
    // The grace covers a destructive call in flight and the look-ups that resolve a lost answer to it.
    stopping: options.stopping ?? (address ? stopOnSignals(requestTimeoutMs + 30_000) : neverStopping),
  };
}

let shared: ProviderRuntime | undefined;

/** One runtime per provider process: every resource of every stack in it shares the scheduler. */
export function sharedRuntime(): ProviderRuntime {
  shared ??= createRuntime();
  return shared;
}
