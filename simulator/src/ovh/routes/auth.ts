import { basicClient, TOKEN_LIFETIME_S } from "../auth";
import { ok, type OvhRoute } from "../route";
import { OVH_ROUTES, routeOf } from "../../route-names";

/**
 * GET /auth/time: a bare integer, the server clock in epoch seconds, which clients use to correct their timestamps
 * (docs/api/ovh-transport.md#server-time).
 */
export const authTimeRoutes: OvhRoute[] = [{ ...routeOf(OVH_ROUTES.authTime), access: "public", handler: ({ now }) => ok(Math.floor(now / 1000)) }];

/**
 * POST /auth/oauth2/token, served at the root like OVH's www.ovh.com/auth/oauth2/token (docs/api/ovh-transport.md#endpoints,
 * docs/api/ovh-transport.md#oauth2-client-credentials).
 * node-ovh's simple-oauth2 sends the client in an HTTP Basic header, each half form-encoded (RFC 6749 §2.3.1);
 * other clients put client_id/client_secret in the form body. Both are accepted.
 */
export const oauth2Routes: OvhRoute[] = [
  {
    ...routeOf(OVH_ROUTES.oauth2Token),
    access: "public",
    handler: ({ exchange, auth }) => {
      const form = new URLSearchParams(exchange.body);
      if (form.get("grant_type") !== "client_credentials") {
        return { status: 400, body: { error: "unsupported_grant_type", error_description: "only client_credentials is supported" } };
      }
      const client = basicClient(exchange.headers) ?? { id: form.get("client_id") ?? "", secret: form.get("client_secret") ?? "" };
      const token = auth.issueToken(client.id, client.secret);
      if (!token) return { status: 401, body: { error: "invalid_client", error_description: "client authentication failed" } };
      return ok({ access_token: token, token_type: "Bearer", expires_in: TOKEN_LIFETIME_S, scope: form.get("scope") ?? "all" });
    },
  },
];
