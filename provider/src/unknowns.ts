/**
 * During preview, values that depend on other resources' outputs arrive as this sentinel
 * (@pulumi/pulumi runtime/rpc `unknownValue`). Validation must skip them rather than fail on them.
 */
export const unknownValue = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

export type Path = (string | number)[];

/** Paths of every unknown leaf, and the value with those leaves removed (array elements included). */
export function splitUnknowns(value: unknown): { known: unknown; unknownPaths: Path[] } {
  const unknownPaths: Path[] = [];
  const walk = (v: unknown, path: Path): unknown => {
    if (v === unknownValue) {
      unknownPaths.push(path);
      return undefined;
    }
    if (Array.isArray(v)) return v.map((e, i) => walk(e, [...path, i])).filter((e) => e !== undefined);
    if (typeof v === "object" && v !== null) {
      // Built with fromEntries, which keeps a "__proto__" key as a key: assigning it would drop it unseen.
      const entries = Object.entries(v).map(([k, e]) => [k, walk(e, [...path, k])] as const);
      return Object.fromEntries(entries.filter(([, w]) => w !== undefined));
    }
    return v;
  };
  return { known: walk(value, []), unknownPaths };
}

/** True when `path` is, or lies under, or contains an unknown path. */
export function touchesUnknown(path: Path, unknownPaths: Path[]): boolean {
  return unknownPaths.some((u) => {
    const n = Math.min(u.length, path.length);
    for (let i = 0; i < n; i++) if (u[i] !== path[i]) return false;
    return true;
  });
}

/**
 * Pulumi's property path notation: `storage[0].partitioning.layout[1].fileSystem`. A key is cut short past 64
 * characters: keys come from the user, and no message may carry a long one whole.
 */
export function propertyPath(path: readonly PropertyKey[]): string {
  const name = (p: PropertyKey) => (String(p).length > 64 ? `${String(p).slice(0, 64)}…` : String(p));
  return path.reduce<string>((acc, p) => (typeof p === "number" ? `${acc}[${p}]` : acc ? `${acc}.${name(p)}` : name(p)), "");
}
