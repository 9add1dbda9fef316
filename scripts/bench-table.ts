/** One row of the table: what terraform-provider-ovh does, the goal, and what was measured now. */
export type Row = [measure: string, terraform: string, goal: string, measured: string];

/** A Markdown table, columns padded so it also reads in a terminal. */
export function markdownTable(header: Row, rows: readonly Row[]): string {
  const all = [header, ...rows];
  const widths = header.map((_, i) => Math.max(...all.map((r) => r[i].length)));
  const line = (r: readonly string[]) => `| ${r.map((cell, i) => cell.padEnd(widths[i])).join(" | ")} |`;
  return [line(header), line(widths.map((w) => "-".repeat(w))), ...rows.map(line)].join("\n");
}

/** Seconds, to a tenth. */
export const tenth = (x: number) => Math.round(x * 10) / 10;
