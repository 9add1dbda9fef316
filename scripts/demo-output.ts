import type { JournalEntry } from "pulumi-reinstall-simulator";
import type { StackExport } from "../harness/capture";

/** How the demo prints a run, in the Pulumi CLI's layout: rows, Outputs, Resources, Duration. */
export const say = (line = "") => process.stdout.write(`${line}\n`);

/** One run's figures, for the closing table. */
export interface RunFigures {
  run: string;
  calls: number;
  installs: number;
  seconds: number;
}

/** A resource row: the CLI's op symbol, type, name and status. */
export function row(symbol: "+" | "~" | " ", type: string, name: string, status: string): string {
  return ` ${symbol}   ${type.padEnd(52)} ${name.padEnd(8)} ${status}`;
}

/** Dates the APIs give in their own zones (OVH: Europe/Paris offsets), shown as ISO 8601 UTC. */
function utc(value: unknown): unknown {
  return typeof value === "string" && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(value) ? new Date(value).toISOString().replace(/\.\d{3}Z$/, "Z") : value;
}

/**
 * The `Outputs:` block as `pulumi up` prints it: the program's exports, not the resource's properties, one indented
 * `name: value` a line, an export of a secret property masked as the CLI does.
 */
export function outputs(exports: Record<string, StackExport>, props: Record<string, unknown>, secrets: readonly string[]): string[] {
  const names = Object.keys(exports).sort();
  const width = Math.max(...names.map((k) => k.length));
  const shown = (e: StackExport) =>
    "value" in e ? JSON.stringify(e.value) : secrets.includes(e.property) ? "[secret]" : JSON.stringify(utc(props[e.property]));
  return ["Outputs:", ...names.map((k) => `    ${`${k}:`.padEnd(width + 1)} ${shown(exports[k])}`)];
}

/** What a run asked the API, route by route, so a run that changes nothing still says what it called and why. */
export function callsByRoute(entries: readonly JournalEntry[]): string {
  const counts = new Map<string, number>();
  for (const e of entries) counts.set(e.route, (counts.get(e.route) ?? 0) + 1);
  return [...counts].map(([route, n]) => `${route}${n > 1 ? ` ×${n}` : ""}`).join(", ");
}

export function duration(seconds: number): string {
  return seconds < 60 ? `${seconds.toFixed(1)}s` : `${Math.floor(seconds / 60)}m${Math.round(seconds % 60)}s`;
}

/** The closing table: per run, the calls the simulator saw, the install POSTs among them, and the time. */
export function closingTable(rows: RunFigures[]): string[] {
  const width = Math.max(...rows.map((r) => r.run.length), 3);
  const line = (run: string, calls: string, installs: string, time: string) =>
    `  ${run.padEnd(width)}  ${calls.padStart(9)}  ${installs.padStart(13)}  ${time.padStart(8)}`;
  return [line("Run", "API calls", "install POSTs", "Duration"), ...rows.map((r) => line(r.run, String(r.calls), String(r.installs), duration(r.seconds)))];
}
