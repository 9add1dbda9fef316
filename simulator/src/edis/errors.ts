import { STATUS_CODES } from "node:http";
import type { Reply } from "../http/exchange";

/**
 * EDIS's error bodies differ per endpoint and look hand-written (docs/api/edis.md#error-bodies); the simulator uses the exact
 * ones the spec gives for get/auth, get/images and set/reinstall everywhere.
 */

/** get/auth without `email` or `pw` (docs/api/edis.md#auth-sessions). */
export function authMissing(): Reply {
  return { status: 400, body: { error: "Invalid credentials or missing parameters.", code: 400, message: "Please check your input and try again." } };
}

/** get/auth with a wrong email or password (docs/api/edis.md#auth-sessions). */
export function authRejected(): Reply {
  return { status: 401, body: { error: "Unauthorized", code: 401, message: "Invalid WHMCS credentials. Please provide correct credentials." } };
}

/** A missing or invalid field on a per-VPS route (docs/api/edis.md#error-bodies). */
export function invalidParameters(): Reply {
  return { status: 400, body: { error: "Invalid parameters provided.", code: 400 } };
}

/** A signature that is unknown, for another VPS, paired with another valid_until, or past it (docs/api/edis.md#expired-sessions). */
export function invalidSession(): Reply {
  return { status: 401, body: { error: "Invalid or expired session signature.", code: 401 } };
}

/** A suspended VPS. Inferred trigger: the spec documents the 403 body but not when it is sent (docs/api/edis.md#reinstall). */
export function accessDenied(): Reply {
  return { status: 403, body: { error: "Access to this resource is denied.", code: 403 } };
}

/** Inferred: no unknown-route answer is documented; this uses the `{"status":"error","error":…}` shape of docs/api/edis.md#error-bodies. */
export function unknownEndpoint(): Reply {
  return { status: 404, body: { status: "error", error: "Unknown endpoint" } };
}

/** Default bodies of injected status faults, in the EDIS shape most plausible for that status; a fault's own body wins. */
export function faultBody(status: number, route: string): unknown {
  if (status === 400) return route.endsWith("/get/auth") ? authMissing().body : invalidParameters().body;
  if (status === 401) return route.endsWith("/get/auth") ? authRejected().body : invalidSession().body;
  if (status === 403) return accessDenied().body;
  if (status === 404) return unknownEndpoint().body;
  // Inferred: a 2xx "failure" in the `{"status":"error","message":…}` shape (docs/api/edis.md#error-bodies).
  if (status < 300) return { status: "error", message: "Simulated failure" };
  // get/auth documents its 500 with the shape of its 400/401 (docs/api/edis.md#auth-sessions); other statuses are inferred from it.
  const reason = STATUS_CODES[status] ?? `HTTP ${status}`;
  return { error: reason, code: status, message: "Please try again later." };
}
