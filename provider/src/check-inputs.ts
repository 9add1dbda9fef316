import type { z } from "zod";
import { zodFailures, type CheckFailure } from "./check-failures";
import { ReinstallError } from "./errors";
import { inputParseOptions } from "./issue-sentence";
import { splitUnknowns, type Path } from "./unknowns";

export const providerKey = "__provider";
/** The resource's URN, which the SDK passes along so progress and warnings can be attached to it. */
export const urnKey = "__urn";
type Props = Record<string, unknown>;

/** The engine's and the SDK's own keys, set aside before validation. */
function withoutEngineKeys(news: Props): Props {
  const { [providerKey]: _provider, [urnKey]: _urn, ...raw } = news;
  return raw;
}

/** The resource's URN as the SDK recorded it in the hidden input `__urn` (the engine does not tell the provider). */
export function recordedUrn(props: Props): string | undefined {
  return typeof props[urnKey] === "string" ? (props[urnKey] as string) : undefined;
}

/**
 * The shared first half of every resource's `check`: set the engine's `__provider` aside, let values still
 * unknown at preview through, and validate the rest with the resource's strict zod schema. Live checks
 * (`live`) run on what is known. The checked inputs come back normalized (defaults, the map form of
 * answers), except that a field holding an unknown comes back as it came: a default never replaces an unknown.
 */
export async function checkInputs<S extends z.ZodObject>(
  schema: S,
  news: Props,
  live: (inputs: Partial<z.infer<S>>, unknownPaths: Path[]) => Promise<CheckFailure[]>,
  normalize: (inputs: z.infer<S>) => z.infer<S> = (inputs) => inputs,
): Promise<{ inputs: Props; failures: CheckFailure[] }> {
  const { known, unknownPaths } = splitUnknowns(withoutEngineKeys(news));
  // Normalized where known (so diff compares like with like); fields holding an unknown stay as they came.
  const withUnknowns = (inputs: Props): Props => {
    const pending = new Set(unknownPaths.map((p) => String(p[0])));
    return { ...inputs, ...Object.fromEntries([...pending].map((k) => [k, news[k]])), ...(news[urnKey] === undefined ? {} : { [urnKey]: news[urnKey] }) };
  };
  const full = schema.safeParse(known, inputParseOptions);
  if (full.success) {
    return { inputs: withUnknowns(normalize(full.data) as Props), failures: await live(full.data, unknownPaths) };
  }
  // Report every problem in one preview: the live rules still run on the fields that passed, with the
  // fields that failed treated as unknown.
  const failures = zodFailures(full.error, unknownPaths, schema);
  const failed = [...new Set(failures.map((f) => f.property.split(/[.[]/)[0]))];
  const rest = Object.fromEntries(Object.entries(known as Props).filter(([k]) => !failed.includes(k)));
  const partial = schema.partial().safeParse(rest, inputParseOptions);
  const liveFailures = partial.success ? await live(partial.data as Partial<z.infer<S>>, [...unknownPaths, ...failed.map((k) => [k])]) : [];
  const all = [...failures, ...liveFailures];
  // Only unknowns kept the full schema from passing: hand back what is known, normalized.
  const inputs = all.length === 0 && partial.success ? withUnknowns(normalize(partial.data as z.infer<S>) as Props) : news;
  return { inputs, failures: all };
}

/** Inputs as create/update receive them: already checked, so a failure here is a bug or a hand-edited state. */
export function parseChecked<S extends z.ZodObject>(schema: S, news: Props, resource: string): z.infer<S> {
  const parsed = schema.safeParse(withoutEngineKeys(news), inputParseOptions);
  if (parsed.success) return parsed.data;
  const problems = zodFailures(parsed.error, [], schema).map((f) => (f.reason.startsWith(f.property) ? f.reason : `${f.property}: ${f.reason}`));
  throw new ReinstallError("INVALID_INPUT", `invalid inputs: ${problems.join("; ")}`, {
    resource,
    next: "fix the inputs; `pulumi preview` shows every problem",
  });
}
