/** A step transition of a long operation, e.g. "ns3001234: 7/21 Deploying OS on disks, 5m12s". */
export interface ProgressEvent {
  resource: string;
  /** The resource's URN when known: the engine shows the event beside that resource. */
  urn?: string;
  message: string;
  elapsedSeconds: number;
  step?: number;
  steps?: number;
  stepName?: string;
}

export type ProgressSink = (event: ProgressEvent) => void;

/** Outside the dynamic provider host (tests, the benchmark, scripts), progress goes to stderr. */
export const stderrProgress: ProgressSink = (event) => {
  process.stderr.write(`[pulumi-reinstall] ${event.resource}: ${event.message}\n`);
};

export function formatElapsed(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const rest = `${m}m${String(s % 60).padStart(2, "0")}s`;
  return h > 0 ? `${h}h${String(m).padStart(2, "0")}m` : m > 0 ? rest : `${s}s`;
}
