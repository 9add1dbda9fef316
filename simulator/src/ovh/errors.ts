import { STATUS_CODES } from "node:http";
import type { Reply } from "../http/exchange";

/**
 * The current OVH error shape, `{class, message}` (docs/api/ovh-transport.md#error-bodies); `class` may be hierarchical,
 * e.g. "Client::BadRequest::CustomizationName".
 */
export function ovhError(status: number, errorClass: string, message: string): Reply {
  return { status, body: { class: errorClass, message } };
}

/** Not documented by OVH (docs/api/ovh.md#rate-limits: no public 429 body); modelled on the other Client:: errors. */
export function tooManyRequests(): Reply {
  return ovhError(429, "Client::TooManyRequests", "Too many requests");
}

/** Some v1 routes answer with a bare `{message}` (docs/api/ovh-transport.md#error-bodies). */
export function plainError(status: number, message: string): Reply {
  return { status, body: { message } };
}

/**
 * The generic unknown-route answer (docs/api/ovh-transport.md#error-bodies), also what the removed install/start gives
 * today (docs/api/ovh.md#removed-installstart).
 */
export function unknownRoute(): Reply {
  return ovhError(404, "Client::NotFound", "Got an invalid (or empty) URL");
}

/** "The requested object (taskId = 3456789) does not exist" (docs/api/ovh-templates.md#unknown-objects). */
export function objectNotFound(field: string, value: string, errorClass?: string): Reply {
  const message = `The requested object (${field} = ${value}) does not exist`;
  return errorClass ? ovhError(404, errorClass, message) : plainError(404, message);
}

/** Missing or mistyped body parameter. Inferred wording: the real text for these was not found. */
export function missingParameter(name: string): Reply {
  return ovhError(400, "Client::BadRequest", `Missing parameter ${name}`);
}

/**
 * A body the API cannot read as JSON. Inferred status and class; the wording is what OVH answered for a body it
 * could not parse as JSON (python-ovh issue #124).
 */
export function bodyNotJson(): Reply {
  return ovhError(400, "Client::BadRequest", "The input that you provided isn't valid JSON or not well formatted");
}

/** The legacy auth layer still answers `{errorCode, httpCode, message}` (docs/api/ovh-transport.md#error-bodies). */
const AUTH_ERRORS = {
  INVALID_SIGNATURE: [400, "Invalid signature"],
  INVALID_KEY: [403, "This application key is invalid"],
  INVALID_CREDENTIAL: [403, "This credential is not valid"],
  NOT_AUTHENTICATED: [401, "You must login first"],
  // Inferred: a refused timestamp is reported as a 400 (docs/api/ovh-transport.md#server-time); its code and wording are a guess.
  QUERY_TIME_OUT: [400, "Query out of time"],
} as const;

export type AuthErrorCode = keyof typeof AUTH_ERRORS;

export function authError(code: AuthErrorCode): Reply {
  const [status, message] = AUTH_ERRORS[code];
  return { status, body: { errorCode: code, httpCode: `${status} ${STATUS_CODES[status]}`, message } };
}

/** Default bodies of injected status faults, in the shape OVH would most plausibly use for that status. */
export function faultBody(status: number, params: Readonly<Record<string, string>>): unknown {
  if (status >= 500) return { class: "Server::InternalServerError", message: "Internal server error" };
  if (status === 429) return tooManyRequests().body;
  if (status === 404) {
    const last = Object.entries(params).at(-1);
    return last ? objectNotFound(last[0], last[1]).body : unknownRoute().body;
  }
  return { message: STATUS_CODES[status] ?? `HTTP ${status}` };
}

/** A body parameter of the wrong shape. Inferred wording, like missingParameter. */
export function invalidParameter(name: string, problem: string): Reply {
  return ovhError(400, "Client::BadRequest", `Invalid parameter ${name}: ${problem}`);
}
