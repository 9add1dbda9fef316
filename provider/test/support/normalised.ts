import * as os from "node:os";

/**
 * A message with what varies from run to run replaced, for a snapshot of its full text: the simulator's ports
 * (a fresh listener each run), the temporary directories tests give the intent journal, and errno numbers (the
 * same code has another number on another OS). `literals` names other such values, e.g. a readiness port.
 */
export function normalised<T>(value: T, literals: Record<string, string | number> = {}): T {
  const text = (s: string) => {
    let out = s;
    for (const [placeholder, literal] of Object.entries(literals)) out = out.split(String(literal)).join(`<${placeholder}>`);
    return out
      .split(os.tmpdir())
      .join("<tmp>")
      .replace(/(127\.0\.0\.1|localhost\.?):\d+/g, "$1:<port>")
      .replace(/errno -?\d+/g, "errno <n>");
  };
  const walk = (v: unknown): unknown =>
    typeof v === "string"
      ? text(v)
      : Array.isArray(v)
        ? v.map(walk)
        : v !== null && typeof v === "object"
          ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x)]))
          : v;
  return walk(value) as T;
}

/** An error as a user reads it, its stable code first, normalised for a snapshot. */
export function failureText(error: Error & { code?: string }, literals: Record<string, string | number> = {}): string {
  return normalised(`${error.code ?? error.name}: ${error.message}`, literals);
}

/** One progress line of each form (numbers and elapsed times aside), in order: a snapshot of what a run shows, without every tick. */
export function progressForms(events: { message: string }[], literals: Record<string, string | number> = {}): string[] {
  const seen = new Set<string>();
  return normalised(
    events.map((e) => e.message),
    literals,
  ).filter((m) => {
    const form = m.replace(/\d+[hms](\d+[ms])?/g, "<elapsed>").replace(/\d+/g, "#");
    if (seen.has(form)) return false;
    seen.add(form);
    return true;
  });
}
