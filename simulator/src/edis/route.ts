import { formFields, isFormEncoded, jsonOrText } from "../http/bodies";
import type { Exchange, Reply } from "../http/exchange";
import type { RouteDef } from "../http/router";
import type { EdisCredentials } from "./catalogue";
import type { SessionBook } from "./sessions";
import type { EdisState } from "./state";

/** Everything the simulated account has; shared by both hosts. */
export interface EdisWorld {
  readonly state: EdisState;
  readonly sessions: SessionBook;
  readonly credentials: EdisCredentials;
  /** The API listener's "127.0.0.1:PORT", which get/auth returns as `api_host`. */
  readonly apiHost: string;
}

/** Everything a handler may look at for one request. */
export interface EdisCall {
  /** The form fields; empty when the body is not form-encoded. */
  readonly fields: Readonly<Record<string, string>>;
  readonly world: EdisWorld;
}

export interface EdisRoute extends RouteDef {
  /**
   * "login": get/auth, which checks the account's email and password itself. "session": a per-VPS route, run only
   * once `signature`, `kvm_id` and `valid_until` are present, valid together, and the VPS is not suspended.
   */
  readonly access: "login" | "session";
  readonly handler: (call: EdisCall) => Reply;
}

export function ok(body: unknown): Reply {
  return { status: 200, body };
}

/** A field that is absent or empty counts as missing: PHP's `empty()` idiom, presumably what EDIS checks (inferred). */
export function field(fields: Readonly<Record<string, string>>, name: string): string | undefined {
  const value = fields[name];
  return value === undefined || value === "" ? undefined : value;
}

/**
 * The body's fields, read the way PHP fills `$_POST`: only for a form-encoded Content-Type (docs/api/edis.md#form-encoding:
 * whether EDIS accepts JSON is unknown, so a JSON body gets no fields and fails as if they were missing).
 */
export function requestFields(exchange: Exchange): Record<string, string> {
  return isFormEncoded(exchange.headers) ? formFields(exchange.body) : {};
}

/** What the journal keeps of a body: the form fields, or whatever else was sent so a wrong encoding shows. */
export function journalBody(exchange: Exchange): unknown {
  return isFormEncoded(exchange.headers) ? formFields(exchange.body) : jsonOrText(exchange.body);
}
