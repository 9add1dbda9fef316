import type { Dispatch, Exchange } from "../http/exchange";
import { matchRoute, routeKey } from "../http/router";
import type { OvhAuth } from "./auth";
import { unknownRoute } from "./errors";
import { undeclaredJsonBody, type OvhRoute } from "./route";
import type { OvhState } from "./state";

export interface OvhRouteTables {
  /** Routes under the API base path: /1.0, or its alias /v1 (docs/api/ovh-transport.md#endpoints). */
  readonly api: readonly OvhRoute[];
  /** Routes at the root of the host, like the OAuth2 token endpoint. */
  readonly root: readonly OvhRoute[];
}

/**
 * Resolves a request to a route and wraps its handler with OVH's authentication, then its check that a body is
 * declared JSON. Unknown routes answer the "invalid URL" 404 before any credential check (inferred order), and are
 * journaled as "UNKNOWN <METHOD> <path>".
 */
export function ovhDispatcher(state: OvhState, auth: OvhAuth, tables: OvhRouteTables): (exchange: Exchange) => Dispatch {
  return (exchange) => {
    const underApi = /^\/(?:1\.0|v1)(\/.*)$/.exec(exchange.path);
    const match = underApi ? matchRoute(tables.api, exchange.method, underApi[1]) : matchRoute(tables.root, exchange.method, exchange.path);
    const credential = auth.caller(exchange.headers);
    if (!match) return { route: `UNKNOWN ${exchange.method} ${exchange.path}`, params: {}, credential, run: unknownRoute };
    const { route, params } = match;
    return {
      route: routeKey(route),
      params,
      credential,
      run: () => {
        const denied = route.access === "authenticated" ? (auth.authenticate(exchange) ?? undeclaredJsonBody(exchange)) : undefined;
        return denied ?? route.handler({ params, exchange, state, auth, now: state.now() });
      },
    };
  };
}
