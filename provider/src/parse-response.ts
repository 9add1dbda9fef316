import type { z } from "zod";
import { ReinstallError } from "./errors";

/**
 * Parses an API answer with its zod schema; a missing field becomes an error naming the call and the field.
 * The body is not kept: get/auth's holds every VPS's session signature.
 */
export function parseResponse<S extends z.ZodType>(schema: S, body: unknown, source: { api: "OVH" | "EDIS"; call: string }): z.infer<S> {
  const result = schema.safeParse(body);
  if (result.success) return result.data;
  const problems = result.error.issues.map((i) => `${i.path.join(".") || "(body)"}: ${i.message}`).join("; ");
  throw new ReinstallError(source.api === "OVH" ? "OVH_API_ERROR" : "EDIS_API_ERROR", `${source.api}'s answer does not have the expected shape (${problems})`, {
    call: source.call,
    api: { status: 200 },
    next: `the ${source.api} API may have changed; please report this to the pulumi-reinstall maintainers with the call above`,
  });
}
