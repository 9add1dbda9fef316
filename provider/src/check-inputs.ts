import type { z } from "zod";
import { zodFailures, type CheckFailure } from "./check-failures";
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

export function urnOf(props: Props): string | undefined {
  return typeof props[urnKey] === "string" ? (props[urnKey] as string) : undefined;
}

/**
 * The shared first half of every resource's `check`: set the engine's `__provider` aside, let values still
 * unknown at preview through, and validate the rest with the resource's strict zod schema. Live checks
 * (`live`) run on what is known; the checked (normalized, defaulted) inputs are returned only when
 * everything is known, so an unknown is never replaced by a default.
 */
export async function checkInputs<S extends z.ZodObject>(
  schema: S,
  news: Props,
  live: (inputs: Partial<z.infer<S>>, unknownPaths: Path[]) => Promise<CheckFailure[]>,
  normalize: (inputs: z.infer<S>) => z.infer<S> = (inputs) => inputs,
): Promise<{ inputs: Props; failures: CheckFailure[] }> {
  const { known, unknownPaths } = splitUnknowns(withoutEngineKeys(news));
  const names = Object.keys(schema.shape);
  const full = schema.safeParse(known);
  if (full.success) {
    const failures = await live(full.data, unknownPaths);
    const urn = news[urnKey] === undefined ? {} : { [urnKey]: news[urnKey] };
    return { inputs: unknownPaths.length === 0 ? { ...(normalize(full.data) as Props), ...urn } : news, failures };
  }
  // Report every problem in one preview: the live rules still run on the fields that passed, with the
  // fields that failed treated as unknown.
  const failures = zodFailures(full.error, unknownPaths, names);
  const failed = [...new Set(failures.map((f) => f.property.split(/[.[]/)[0]))];
  const rest = Object.fromEntries(Object.entries(known as Props).filter(([k]) => !failed.includes(k)));
  const partial = schema.partial().safeParse(rest);
  const liveFailures = partial.success ? await live(partial.data as Partial<z.infer<S>>, [...unknownPaths, ...failed.map((k) => [k])]) : [];
  return { inputs: news, failures: [...failures, ...liveFailures] };
}

/** Inputs as create/update receive them: already checked, so a failure here is a bug or a hand-edited state. */
export function parseChecked<S extends z.ZodObject>(schema: S, news: Props): { inputs: z.infer<S> } | { problems: string } {
  const parsed = schema.safeParse(withoutEngineKeys(news));
  if (parsed.success) return { inputs: parsed.data };
  return { problems: zodFailures(parsed.error, [], Object.keys(schema.shape)).map((f) => `${f.property}: ${f.reason}`).join("; ") };
}
