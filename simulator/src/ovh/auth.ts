import { createHash, randomBytes } from "node:crypto";
import type { IncomingHttpHeaders } from "node:http";
import type { Exchange, Reply } from "../http/exchange";
import { authError, ovhError } from "./errors";

/**
 * The one identity the simulator accepts, in each of OVH's authentication styles (docs/api/ovh-transport.md#signature,
 * docs/api/ovh-transport.md#oauth2-client-credentials): an application key, an OAuth2 client, and a ready access
 * token such as OVH_ACCESS_TOKEN carries (docs/api/ovh-credentials.md#access-tokens).
 */
export interface OvhCredentials {
  readonly applicationKey: string;
  readonly applicationSecret: string;
  readonly consumerKey: string;
  readonly clientId: string;
  readonly clientSecret: string;
  readonly accessToken: string;
}

/** Fixed, so exports pasted from one `reinstall-sim` run keep working after a restart. Same lengths as real OVH keys. */
export const SIMULATOR_CREDENTIALS: OvhCredentials = {
  applicationKey: "simAppKey0000001",
  applicationSecret: "simAppSecret00000000000000000001",
  consumerKey: "simConsumerKey000000000000000001",
  clientId: "EU.sim0client0001",
  clientSecret: "simClientSecret00000000000000001",
  accessToken: "simAccessToken000000000000000001",
};

/** Who the journal says called with the configured access token (it belongs to no OAuth2 client). */
export const ACCESS_TOKEN_CALLER = "access-token";

/**
 * Inferred: OVH refuses requests signed on a clock minutes off its own (docs/api/ovh-transport.md#server-time) but
 * documents no window; SDKs correct through /auth/time, so a few minutes is plenty.
 */
const TIMESTAMP_WINDOW_S = 180;
/** What OVH's token endpoint announces (docs/api/ovh-transport.md#oauth2-client-credentials). */
export const TOKEN_LIFETIME_S = 3599;

/**
 * Clients time their own side of authentication (node-ovh: timestamps from Date.now plus the offset it learned once
 * from /auth/time; token refresh on Date.now), so token lifetimes run on the wall clock. A virtual clock that jumps
 * would otherwise make every real client fail.
 */
export interface AuthClock {
  /** Real time, for token lifetimes. */
  readonly wall: () => number;
  /**
   * The API's own clock, which /auth/time tells: X-Ovh-Timestamp is checked against it, as OVH checks against its own.
   * Default `wall`.
   */
  readonly server?: () => number;
  /** Whether to reject X-Ovh-Timestamp values off `server`: only meaningful when clients can follow that clock. */
  readonly checkTimestamps: boolean;
}

export class OvhAuth {
  private tokens = new Map<string, { clientId: string; expiresAt: number }>();

  constructor(
    readonly credentials: OvhCredentials,
    private readonly clock: AuthClock,
  ) {}

  /**
   * Who the journal says called: the application key, the OAuth2 client behind a known token (or asking for one
   * with HTTP Basic), "access-token" for the configured access token, or "anonymous".
   */
  caller(headers: IncomingHttpHeaders): string {
    const token = bearerToken(headers);
    if (token !== undefined) return token === this.credentials.accessToken ? ACCESS_TOKEN_CALLER : (this.tokens.get(token)?.clientId ?? "anonymous");
    return header(headers, "x-ovh-application") ?? basicClient(headers)?.id ?? "anonymous";
  }

  /** Checks a request to an authenticated route; answers the error OVH would give, or undefined when the caller may proceed. */
  authenticate(exchange: Exchange): Reply | undefined {
    const token = bearerToken(exchange.headers);
    if (token !== undefined) {
      if (token === this.credentials.accessToken) return undefined;
      const known = this.tokens.get(token);
      // Inferred body: the OAuth2 rejection of api.ovh.com is not captured anywhere we found.
      if (!known || known.expiresAt <= this.clock.wall()) return ovhError(401, "Client::Unauthorized", "Invalid token");
      return undefined;
    }
    const c = this.credentials;
    const appKey = header(exchange.headers, "x-ovh-application");
    if (appKey === undefined) return authError("NOT_AUTHENTICATED");
    if (appKey !== c.applicationKey) return authError("INVALID_KEY");
    const consumerKey = header(exchange.headers, "x-ovh-consumer");
    // Inferred: an application key alone is not a login.
    if (consumerKey === undefined) return authError("NOT_AUTHENTICATED");
    if (consumerKey !== c.consumerKey) return authError("INVALID_CREDENTIAL");
    const timestamp = header(exchange.headers, "x-ovh-timestamp") ?? "";
    const signature = header(exchange.headers, "x-ovh-signature");
    if (!signedUrls(exchange).some((url) => sign(c, exchange.method, url, exchange.body, timestamp) === signature)) {
      return authError("INVALID_SIGNATURE");
    }
    if (this.clock.checkTimestamps && Math.abs(Number(timestamp) - (this.clock.server ?? this.clock.wall)() / 1000) > TIMESTAMP_WINDOW_S) {
      return authError("QUERY_TIME_OUT");
    }
    return undefined;
  }

  /** Issues a bearer token for a client that presented the right secret; undefined otherwise. */
  issueToken(clientId: string, clientSecret: string): string | undefined {
    if (clientId !== this.credentials.clientId || clientSecret !== this.credentials.clientSecret) return undefined;
    const token = randomBytes(32).toString("hex");
    this.tokens.set(token, { clientId, expiresAt: this.clock.wall() + TOKEN_LIFETIME_S * 1000 });
    return token;
  }
}

/** "$1$" + sha1hex(AS+CK+METHOD+URL+BODY+TIMESTAMP joined by "+") (docs/api/ovh-transport.md#signature). */
function sign(c: OvhCredentials, method: string, url: string, body: string, timestamp: string): string {
  const payload = [c.applicationSecret, c.consumerKey, method, url, body, timestamp].join("+");
  return "$1$" + createHash("sha1").update(payload).digest("hex");
}

/** go-ovh and python-ovh sign the URL with its port; node-ovh signs `'https://' + host + path`, never with the port. Both must pass. */
function signedUrls(exchange: Exchange): string[] {
  const host = header(exchange.headers, "host") ?? "";
  const withoutPort = host.replace(/:\d+$/, "");
  return [`https://${host}${exchange.url}`, `https://${withoutPort}${exchange.url}`];
}

/** The client of an HTTP Basic header; simple-oauth2 form-encodes each half first (RFC 6749 §2.3.1). */
export function basicClient(headers: IncomingHttpHeaders): { id: string; secret: string } | undefined {
  const match = /^Basic\s+(\S+)$/i.exec(headers.authorization ?? "");
  if (!match) return undefined;
  const decoded = Buffer.from(match[1], "base64").toString("utf8");
  const colon = decoded.indexOf(":");
  if (colon < 0) return undefined;
  const formDecode = (s: string) => decodeURIComponent(s.replace(/\+/g, " "));
  try {
    return { id: formDecode(decoded.slice(0, colon)), secret: formDecode(decoded.slice(colon + 1)) };
  } catch {
    return undefined;
  }
}

function bearerToken(headers: IncomingHttpHeaders): string | undefined {
  const match = /^Bearer\s+(\S+)$/i.exec(headers.authorization ?? "");
  return match?.[1];
}

function header(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}
