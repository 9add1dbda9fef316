import type { z } from "zod";
import { quoted } from "./text-inputs";
import { propertyPath, touchesUnknown, type Path } from "./unknowns";

/** A preview-time failure in the dynamic provider's shape: the field and why, with the allowed values. */
export interface CheckFailure {
  property: string;
  reason: string;
}

/** zod issues → check failures; issues about values that are still unknown at preview are not failures. */
export function zodFailures(error: z.ZodError, unknownPaths: Path[], allowedKeys: readonly string[]): CheckFailure[] {
  return error.issues
    .flatMap(closestBranch)
    .filter((issue) => !touchesUnknown(issue.path as Path, unknownPaths))
    .flatMap((issue) => {
      if (issue.code === "unrecognized_keys") {
        return issue.keys.map((key) => ({
          property: propertyPath([...issue.path, key]),
          reason: `unknown field ${quoted(key)}; allowed fields: ${issue.path.length === 0 ? allowedKeys.join(", ") : "see the schema"}`,
        }));
      }
      return [{ property: propertyPath(issue.path) || "(inputs)", reason: issue.message }];
    });
}

/**
 * A value matching no branch of a union (a map or a list, say) is reported by the branch that got furthest
 * into it: "userMetadata[1].key: answered twice" rather than "userMetadata: Invalid input".
 */
function closestBranch(issue: z.core.$ZodIssue): z.core.$ZodIssue[] {
  if (issue.code !== "invalid_union" || issue.errors.length === 0) return [issue];
  const depth = (branch: z.core.$ZodIssue[]) => Math.max(...branch.map((i) => i.path.length));
  const best = issue.errors.reduce((a, b) => (depth(b) > depth(a) ? b : a));
  return best.map((i) => ({ ...i, path: [...issue.path, ...i.path] })).flatMap(closestBranch);
}
