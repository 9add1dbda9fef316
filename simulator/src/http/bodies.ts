import type { IncomingHttpHeaders } from "node:http";

/** A JSON body parsed, anything else as the raw text: how the journal keeps bodies of APIs that speak JSON. */
export function jsonOrText(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/**
 * The fields of an `application/x-www-form-urlencoded` body. A repeated field keeps its last value, as PHP's
 * `$_POST` does; `+` decodes to a space, so clients must percent-encode a literal `+` (docs/api/edis.md#form-encoding).
 */
export function formFields(text: string): Record<string, string> {
  return Object.fromEntries(new URLSearchParams(text));
}

/** Whether the request declares a form-encoded body; servers that read forms the PHP way ignore the body otherwise. */
export function isFormEncoded(headers: IncomingHttpHeaders): boolean {
  const type = headers["content-type"];
  return type !== undefined && type.split(";")[0].trim().toLowerCase() === "application/x-www-form-urlencoded";
}
