import type { z } from "zod";
import { ReinstallError } from "./errors";
import { fieldsAt, issueSentence, zodDefault, type Issue } from "./issue-sentence";
import { quoted } from "./text-inputs";
import { propertyPath, touchesUnknown, type Path } from "./unknowns";

/** A preview-time failure in the dynamic provider's shape: the field and why, with the allowed values. */
export interface CheckFailure {
  property: string;
  reason: string;
}

/**
 * Live rules that fail right before a destructive call: an unchanged declaration is not re-validated at preview
 * (it was when it was last changed), so what the API changed since (a template or image withdrawn) is met here,
 * before anything is sent.
 */
export function failedBeforeSending(failures: CheckFailure[], resource: string, call: string): ReinstallError {
  return new ReinstallError(
    "INVALID_INPUT",
    `the inputs no longer pass the API's checks, so nothing was sent: ${failures.map((f) => `${f.property}: ${f.reason}`).join("; ")}`,
    {
      resource,
      call,
      next: "fix the inputs, then run `pulumi up` again (`pulumi preview` shows every problem once an input changed)",
    },
  );
}

/**
 * zod issues (from a parse with `inputParseOptions`) → check failures; issues about values that are still
 * unknown at preview are not failures. Each reason is a sentence about the user's field: ours as our schemas
 * word it, zod's own replaced by `issueSentence`.
 */
export function zodFailures(error: z.ZodError, unknownPaths: Path[], schema: z.ZodObject): CheckFailure[] {
  return error.issues
    .flatMap(closestBranch)
    .filter((issue) => !touchesUnknown(issue.path as Path, unknownPaths))
    .flatMap((issue) => {
      if (issue.code === "unrecognized_keys") {
        const fields = fieldsAt(schema, issue.path);
        return issue.keys.map((key) => ({
          property: propertyPath([...issue.path, key]),
          reason: `unknown field ${quoted(key)}${issue.path.length > 0 ? ` in ${propertyPath(issue.path)}` : ""}; allowed fields: ${fields?.join(", ") ?? "see the schema"}`,
        }));
      }
      const reason = issue.message === zodDefault ? issueSentence(issue, schema) : issue.message;
      return [{ property: propertyPath(issue.path) || "(inputs)", reason }];
    });
}

/**
 * A value matching no branch of a union (a map or a list, say) is reported by the branch that got furthest
 * into it: "userMetadata[1].key: answered twice" rather than "userMetadata: Invalid input".
 */
function closestBranch(issue: Issue): Issue[] {
  if (issue.code !== "invalid_union" || issue.errors.length === 0) return [issue];
  const depth = (branch: z.core.$ZodIssue[]) => Math.max(...branch.map((i) => i.path.length));
  const best = issue.errors.reduce((a, b) => (depth(b) > depth(a) ? b : a));
  return best.map((i) => ({ ...i, path: [...issue.path, ...i.path] })).flatMap(closestBranch);
}
