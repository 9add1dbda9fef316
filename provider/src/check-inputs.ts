import type { z } from "zod";
import { zodFailures, type CheckFailure } from "./check-failures";
import { splitUnknowns, type Path } from "./unknowns";

export const providerKey = "__provider";
type Props = Record<string, unknown>;

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
  const { [providerKey]: _provider, ...raw } = news;
  const { known, unknownPaths } = splitUnknowns(raw);
  const names = Object.keys(schema.shape);
  const full = schema.safeParse(known);
  let inputs: Partial<z.infer<S>>;
  if (full.success) {
    inputs = full.data;
  } else {
    const failures = zodFailures(full.error, unknownPaths, names);
    if (failures.length > 0) return { inputs: news, failures };
    const partial = schema.partial().safeParse(known);
    if (!partial.success) return { inputs: news, failures: zodFailures(partial.error, unknownPaths, names) };
    inputs = partial.data as Partial<z.infer<S>>;
  }
  const failures = await live(inputs, unknownPaths);
  return { inputs: unknownPaths.length === 0 && full.success ? (normalize(full.data) as Props) : news, failures };
}

/** Inputs as create/update receive them: already checked, so a failure here is a bug or a hand-edited state. */
export function parseChecked<S extends z.ZodObject>(schema: S, news: Props): { inputs: z.infer<S> } | { problems: string } {
  const { [providerKey]: _provider, ...raw } = news;
  const parsed = schema.safeParse(raw);
  if (parsed.success) return { inputs: parsed.data };
  return { problems: zodFailures(parsed.error, [], Object.keys(schema.shape)).map((f) => `${f.property}: ${f.reason}`).join("; ") };
}
