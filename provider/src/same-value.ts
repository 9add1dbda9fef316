/** Structural equality of JSON-like values, blind to key order (state and inputs come back in any order). */
export function sameValue(a: unknown, b: unknown): boolean {
  return canonical(a) === canonical(b);
}

function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(",")}]`;
  if (typeof v === "object" && v !== null) {
    const entries = Object.entries(v).filter(([, e]) => e !== undefined && e !== null);
    return `{${entries
      .sort(([x], [y]) => (x < y ? -1 : 1))
      .map(([k, e]) => `${JSON.stringify(k)}:${canonical(e)}`)
      .join(",")}}`;
  }
  return JSON.stringify(v ?? null);
}
