import type { Dispatch, Exchange, Reply } from "../http/exchange";
import { matchRoute, routeKey } from "../http/router";
import { accessDenied, invalidParameters, invalidSession, unknownEndpoint } from "./errors";
import { field, requestFields, type EdisCall, type EdisRoute, type EdisWorld } from "./route";

/**
 * Resolves a request to one host's route and wraps its handler with EDIS's checks. Each host has its own table, so a
 * per-VPS route asked of the session host is unknown there, as it is on the real one (docs/api/edis.md#api-host). Unknown routes
 * answer before any check and are journaled as "UNKNOWN <METHOD> <path>".
 */
export function edisDispatcher(world: EdisWorld, routes: readonly EdisRoute[]): (exchange: Exchange) => Dispatch {
  return (exchange) => {
    const fields = requestFields(exchange);
    const match = matchRoute(routes, exchange.method, exchange.path);
    if (!match) {
      const credential = field(fields, "email") ?? field(fields, "kvm_id") ?? "anonymous";
      return { route: `UNKNOWN ${exchange.method} ${exchange.path}`, params: {}, credential, run: unknownEndpoint };
    }
    const { route } = match;
    const call: EdisCall = { fields, world };
    return {
      route: routeKey(route),
      params: match.params,
      credential: caller(fields, route.access),
      run: () => (route.access === "session" ? checkSession(call) : undefined) ?? route.handler(call),
    };
  };
}

/** Who the journal says called: the login email on get/auth, the kvm_id on per-VPS routes. */
function caller(fields: Readonly<Record<string, string>>, access: EdisRoute["access"]): string {
  return field(fields, access === "login" ? "email" : "kvm_id") ?? "anonymous";
}

/**
 * Inferred order: missing fields (400), then the session (401), then suspension (403). The VPS must be known before
 * it can be refused, and a signature only exists for a VPS of the account.
 */
function checkSession({ fields, world }: EdisCall): Reply | undefined {
  const signature = field(fields, "signature");
  const kvmId = field(fields, "kvm_id");
  const validUntil = field(fields, "valid_until");
  if (signature === undefined || kvmId === undefined || validUntil === undefined) return invalidParameters();
  if (!world.sessions.isValid(signature, kvmId, validUntil)) return invalidSession();
  if (world.state.isSuspended(kvmId)) return accessDenied();
  return undefined;
}
