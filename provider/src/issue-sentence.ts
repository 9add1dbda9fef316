import type { z } from "zod";
import { quoted } from "./text-inputs";
import { propertyPath } from "./unknowns";

type Schema = z.core.$ZodType;
/** A finalized zod issue; `input` is there because inputs are parsed with `inputParseOptions`. */
export type Issue = z.core.$ZodIssue & { input?: unknown };

/**
 * Stands in for zod's own English ("Too small: expected number to be >0"), which never reaches a user: an
 * issue carrying it gets a sentence from `issueSentence`. Messages our schemas set themselves outrank a
 * parse's error map in zod 4, so they come through as written.
 */
export const zodDefault = "\u0000zod default";

/** How inputs are parsed: zod's own messages marked for replacement, and each issue's input kept to describe. */
export const inputParseOptions = { reportInput: true, error: () => zodDefault };

/**
 * One sentence for an issue zod raised itself: the field by its path, what was given and what is allowed.
 * Only numbers, booleans and a wrong choice among fixed values are quoted; text is described by its length,
 * since the secret inputs (password, cloud-init data, answers) are text.
 */
export function issueSentence(issue: Issue, root: Schema): string {
  const field = propertyPath(issue.path) || "the inputs";
  const expected = allowed(schemaAt(root, issue.path as PropertyKey[]));
  if (issue.input === undefined) return `${field} is required: give ${expected}`;
  // A whole number past 2^53 is not one JavaScript holds exactly: the bound zod checks is not in the schema.
  const unsafe = issue.code === "too_big" && issue.origin === "int" ? ` and at most ${Number.MAX_SAFE_INTEGER}` : "";
  return `${field} is ${given(issue.input, aboutTheValue(issue))}; it must be ${expected}${unsafe}`;
}

/**
 * Whether the issue is about the value itself (a number out of range or not finite, a wrong choice), not its type.
 * Numbers are quoted only where a number is expected, so a secret given as a number is never shown.
 */
function aboutTheValue(issue: Issue): boolean {
  if (issue.code === "invalid_value" || issue.code === "not_multiple_of") return true;
  if (issue.code === "too_small" || issue.code === "too_big") return issue.origin === "number" || issue.origin === "int";
  return issue.code === "invalid_type" && (issue.expected === "int" || (issue.expected === "number" && typeof issue.input === "number"));
}

function given(value: unknown, quote: boolean): string {
  if (value === null) return "null";
  if (quote && (typeof value === "number" || typeof value === "boolean")) return String(value);
  if (typeof value === "string") return quote ? quoted(value) : value === "" ? "empty" : `text of ${plural(value.length, "character")}`;
  if (Array.isArray(value)) return value.length === 0 ? "an empty list" : `a list of ${plural(value.length, "entry", "entries")}`;
  return typeof value === "object" ? "an object" : `a ${typeof value}`;
}

/** Schemas that wrap another without changing its shape. */
const wrappers: string[] = ["optional", "default", "nullable"];

const def = (schema: Schema) => schema._zod.def as z.core.$ZodTypeDef & Record<string, unknown>;

/** The schema that checks the value at `path`, through optionals, defaults, pipes and unions (first that fits). */
export function schemaAt(schema: Schema | undefined, path: readonly PropertyKey[]): Schema | undefined {
  if (!schema || path.length === 0) return schema;
  const d = def(schema);
  if (wrappers.includes(d.type)) return schemaAt(d.innerType as Schema, path);
  // A pipe's shape is in what it pipes to (a checked map), or in what it takes (a transform's input).
  if (d.type === "pipe") return schemaAt(d.out as Schema, path) ?? schemaAt(d.in as Schema, path);
  const [head, ...rest] = path;
  if (d.type === "union") return (d.options as Schema[]).map((o) => schemaAt(o, path)).find((s) => s !== undefined);
  if (d.type === "object" && typeof head === "string") return schemaAt((d.shape as Record<string, Schema>)[head], rest);
  if (d.type === "record" && typeof head === "string") return schemaAt(d.valueType as Schema, rest);
  if (d.type === "array" && typeof head === "number") return schemaAt(d.element as Schema, rest);
  return undefined;
}

/** The fields an object schema at `path` takes, for an unknown-field message. */
export function fieldsAt(root: Schema, path: readonly PropertyKey[]): string[] | undefined {
  let schema = schemaAt(root, path);
  while (schema && wrappers.includes(def(schema).type)) schema = def(schema).innerType as Schema;
  return schema && def(schema).type === "object" ? Object.keys(def(schema).shape as object) : undefined;
}

/** What a schema accepts, in words: its description when it has one, else read off its definition. */
function allowed(schema: Schema | undefined): string {
  if (!schema) return "a value of the documented form";
  const described = (schema as { description?: string }).description;
  if (described) return described;
  const d = def(schema);
  const bounds = (d.checks as Schema[] | undefined)?.map((c) => def(c) as unknown as Check) ?? [];
  switch (d.type) {
    case "optional":
    case "default":
      return allowed(d.innerType as Schema);
    case "nullable":
      return `${allowed(d.innerType as Schema)} or null`;
    case "pipe":
      return allowed((def(d.out as Schema).type === "transform" ? d.in : d.out) as Schema);
    case "number":
      return numberRange(bounds);
    case "string":
      return ["text", lengthRange(bounds, "character")].filter(Boolean).join(" of ");
    case "boolean":
      return "true or false";
    case "null":
      return "null";
    case "enum":
      return `one of: ${Object.values(d.entries as object)
        .map((v) => JSON.stringify(v))
        .join(", ")}`;
    case "literal":
      return `one of: ${(d.values as unknown[]).map((v) => JSON.stringify(v)).join(", ")}`;
    case "union":
      return (d.options as Schema[]).map(allowed).join(", or ");
    case "array":
      return `${["a list", lengthRange(bounds, "entry", "entries")].filter(Boolean).join(" of ")}, each ${allowed(d.element as Schema)}`;
    case "object":
      return `an object with the fields ${Object.keys(d.shape as object).join(", ")}`;
    case "record":
      return `a map from names to ${allowed(d.valueType as Schema)}`;
    default:
      return "a value of the documented form";
  }
}

interface Check {
  check: string;
  value?: number;
  inclusive?: boolean;
  minimum?: number;
  maximum?: number;
}

function numberRange(checks: Check[]): string {
  const whole = checks.some((c) => c.check === "number_format");
  const low = checks.find((c) => c.check === "greater_than");
  const high = checks.find((c) => c.check === "less_than");
  // A whole number above n is one of n + 1 or more: said the way people count.
  const min = low && (low.inclusive || !whole ? low : { ...low, value: (low.value ?? 0) + 1, inclusive: true });
  const kind = whole ? "a whole number" : "a number";
  if (min?.inclusive && high?.inclusive) return `${kind} from ${min.value} to ${high.value}`;
  const parts = [
    min && (min.inclusive ? `of at least ${min.value}` : `above ${min.value}`),
    high && (high.inclusive ? `at most ${high.value}` : `below ${high.value}`),
  ];
  return [kind, parts.filter(Boolean).join(" and ")].filter(Boolean).join(" ");
}

function lengthRange(checks: Check[], unit: string, units = `${unit}s`): string {
  const min = checks.find((c) => c.check === "min_length")?.minimum;
  const max = checks.find((c) => c.check === "max_length")?.maximum;
  if (min !== undefined && max !== undefined) return `${min} to ${max} ${units}`;
  if (max !== undefined) return `at most ${plural(max, unit, units)}`;
  if (min !== undefined) return `at least ${plural(min, unit, units)}`;
  return "";
}

function plural(n: number, unit: string, units = `${unit}s`): string {
  return `${n} ${n === 1 ? unit : units}`;
}
