import type { Exchange, Reply } from "../http/exchange";
import type { RouteDef } from "../http/router";
import type { OvhAuth } from "./auth";
import type { ServerSpec } from "./catalogue";
import { bodyNotJson, objectNotFound } from "./errors";
import type { OvhState } from "./state";

/** Everything a handler may look at for one request. */
export interface OvhCall {
  readonly params: Readonly<Record<string, string>>;
  readonly exchange: Exchange;
  readonly state: OvhState;
  readonly auth: OvhAuth;
  readonly now: number;
}

export type OvhHandler = (call: OvhCall) => Reply;

export interface OvhRoute extends RouteDef {
  /**
   * "public" routes are the ones the OVH schema marks `noAuthentication` (docs/api/ovh-templates.md#template-routes,
   * docs/api/ovh-transport.md#server-time).
   */
  readonly access: "public" | "authenticated";
  readonly handler: OvhHandler;
}

export function ok(body?: unknown): Reply {
  return { status: 200, body };
}

/** For routes under /dedicated/server/{serviceName}: an unknown server is OVH's object-not-found 404 (docs/api/ovh-templates.md#unknown-objects). */
export function forServer(handler: (call: OvhCall, server: ServerSpec) => Reply): OvhHandler {
  return (call) => {
    const server = call.state.server(call.params.serviceName);
    if (!server) return objectNotFound("serviceName", call.params.serviceName, "Client::NotFound");
    return handler(call, server);
  };
}

/** Parses a JSON body; the dispatcher has already refused a body not declared as JSON (`undeclaredJsonBody`). */
export function jsonBody(exchange: Exchange): { value: unknown } | undefined {
  if (exchange.body.trim() === "") return { value: {} };
  try {
    return { value: JSON.parse(exchange.body) };
  } catch {
    return undefined;
  }
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * A body must come as `Content-Type: application/json` (parameters such as charset aside), as go-ovh and python-ovh
 * send it in both authentication styles. Inferred: OVH documents no answer for a body without it. The simulator
 * refuses one so that a client omitting the header (node-ovh's OAuth2 path does, docs/api/ovh-transport.md#node-ovh) fails here,
 * not first against the real API.
 */
export function undeclaredJsonBody(exchange: Exchange): Reply | undefined {
  if (exchange.body === "") return undefined;
  const type = exchange.headers["content-type"]?.split(";")[0].trim().toLowerCase();
  return type === "application/json" ? undefined : bodyNotJson();
}
