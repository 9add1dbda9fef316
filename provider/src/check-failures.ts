import type { z } from "zod";
import { propertyPath, touchesUnknown, type Path } from "./unknowns";

/** A preview-time failure in the dynamic provider's shape: the field and why, with the allowed values. */
export interface CheckFailure {
  property: string;
  reason: string;
}

/** zod issues → check failures; issues about values that are still unknown at preview are not failures. */
export function zodFailures(error: z.ZodError, unknownPaths: Path[], allowedKeys: readonly string[]): CheckFailure[] {
  return error.issues
    .filter((issue) => !touchesUnknown(issue.path as Path, unknownPaths))
    .flatMap((issue) => {
      if (issue.code === "unrecognized_keys") {
        return issue.keys.map((key) => ({
          property: propertyPath([...issue.path, key]),
          reason: `unknown field "${key}"; allowed fields: ${issue.path.length === 0 ? allowedKeys.join(", ") : "see the schema"}`,
        }));
      }
      return [{ property: propertyPath(issue.path) || "(inputs)", reason: issue.message }];
    });
}
