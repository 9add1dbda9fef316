import type ovh from "@ovhcloud/node-ovh";
type NodeOvh = ovh.NodeOvh;
type NodeOvhParams = ovh.NodeOvhParams;
import { ReinstallError, networkFailure, type NetworkFailure } from "../errors";
import { explainNetworkFailure, networkCause } from "../network-cause";
import { connectionAgent, ownConnectionAgent } from "../connection-agent";
import { proxyFor } from "../proxy";
import { attemptTimeoutMs } from "../retry";
import type { Priority, RequestScheduler } from "../scheduler";
import { accessTokenParams, presetAccessToken } from "./access-token";
import { callError, nextForNetwork, withoutAnswers } from "./call-error";
import { credentialKey, type OvhConfig } from "./config";
import { adjustNextRequest } from "./next-request";

export interface OvhRequest {
  method: "GET" | "POST" | "PUT";
  path: string;
  query?: Record<string, string>;
  body?: Record<string, unknown>;
  /** How the shared scheduler orders it; default "normal". */
  priority?: Priority;
  /** Stops it from being sent while it waits in the scheduler (RunOptions.signal). */
  signal?: AbortSignal;
}

export interface OvhRequestOptions {
  /** What is left of the caller's deadline, in ms. */
  budgetMs?: number;
  /** The resource the request is for: the scheduler takes turns across resources. */
  owner?: string;
}

export interface OvhClientOptions {
  scheduler: RequestScheduler;
  /** Real-time limit per request; past it the call counts as a network error (ambiguous for a POST). */
  requestTimeoutMs: number;
  /** Real-time limit for a new connection to be ready (connect-deadline.ts); past it nothing was sent. */
  connectTimeoutMs: number;
  /** Where HTTPS_PROXY and NO_PROXY are read (docs/api/proxies.md). */
  env: NodeJS.ProcessEnv;
}

/**
 * One attempt of one OVH API call through @ovhcloud/node-ovh, paced by the shared scheduler.
 * node-ovh reports errors as `(statusCode, message)` and drops the body's `class` (docs/api/ovh-transport.md#node-ovh);
 * its `debug` hook sees the raw body right before it invokes our callback, synchronously, so the class is recovered
 * from there. The same hook runs right before each request, where a body gets the Content-Type node-ovh omits with OAuth2,
 * and where the answer's Retry-After, which node-ovh drops with every header, is kept for the scheduler.
 */
export class OvhClient {
  readonly credential: string;
  private readonly sdk: NodeOvh;
  private lastBody: string | undefined;
  private lastRetryAfter: string | undefined;
  /** The last request's socket error and its host, seen before node-ovh reduces it to an errno or a sentence. */
  private lastSocketError: { error: unknown; host: string; token?: boolean } | undefined;
  private firstCall: Promise<void> | undefined;
  /** "host:port", for messages, the proxy decision, and whether it ever answered. */
  private readonly host: string;
  private readonly connection: ReturnType<typeof connectionAgent>;
  private answered = false;

  constructor(
    readonly config: OvhConfig,
    private readonly options: OvhClientOptions,
  ) {
    this.credential = credentialKey(config);
    if (config.requestsPerMinute !== undefined) options.scheduler.limit(this.credential, { perMinute: config.requestsPerMinute });
    // Loaded here, in the provider process: nothing of the SDK is captured into a serialized provider.
    const createClient = require("@ovhcloud/node-ovh") as typeof ovh;
    this.sdk = createClient({
      ...endpointParams(config.endpoint),
      ...credentialParams(config),
      // ("[OVH] API call:", method, path, request body) before a request; ("[OVH] API response to", method, path, ":", body) after.
      debug: (label: unknown, _method: unknown, _path: unknown, sent: unknown, body: unknown) => {
        if (label === "[OVH] API call:") {
          adjustNextRequest({
            json: sent !== "",
            agent: this.connection.agent,
            onError: (error) => (this.lastSocketError = { error, host: this.host }),
            onHeaders: (headers) => (this.lastRetryAfter = typeof headers["retry-after"] === "string" ? headers["retry-after"] : undefined),
          });
        }
        if (label === "[OVH] API response to") this.lastBody = String(body);
      },
    });
    if (config.credentials.kind === "accessToken") this.sdk.accessToken = presetAccessToken(config.credentials.accessToken);
    this.host = `${this.sdk.host}:${this.sdk.port}`;
    this.connection = connectionAgent(new URL(`https://${this.host}`), options.env, options.connectTimeoutMs);
    const oauth = this.sdk.oauthConfig;
    if (oauth) this.sdk.oauthClient = this.tokenClient(oauth, this.sdk.oauthClient!);
  }

  /**
   * node-ovh builds its simple-oauth2 client without HTTP options, and keeps nothing of a failed token request
   * but a 502: the same class is built again with our agent (a proxy tunnel or direct, with the connect deadline),
   * and its socket errors are kept.
   */
  private tokenClient(oauth: NonNullable<NodeOvh["oauthConfig"]>, built: NonNullable<NodeOvh["oauthClient"]>): NonNullable<NodeOvh["oauthClient"]> {
    const tokenUrl = new URL(oauth.auth.tokenHost);
    const agent = ownConnectionAgent(tokenUrl, this.options.env, this.options.connectTimeoutMs);
    const ClientCredentials = built.constructor as new (config: object) => typeof built;
    const tokens = new ClientCredentials({ ...oauth, http: { agent } });
    return {
      getToken: (params) =>
        tokens.getToken(params).catch((error: unknown) => {
          // @hapi/wreck reports a socket error as a Boom 502: @hapi/boom makes that error itself the Boom (keeping its
          // code), or, for what is not an `instanceof Error` of its realm, one whose `data` it is. An HTTP answer's has no code.
          const failed = error as { code?: unknown; data?: { code?: unknown } | null };
          const socketError = typeof failed.data?.code === "string" ? failed.data : typeof failed.code === "string" ? failed : undefined;
          if (socketError) this.lastSocketError = { error: socketError, host: tokenUrl.host || this.host, token: true };
          throw error;
        }),
    };
  }

  /**
   * `options.budgetMs`: what is left of the caller's deadline. The attempt gives up then (but is allowed a short
   * minimum, so a last read at the deadline can still tell), even if the usual timeout is longer.
   */
  request<T = unknown>(req: OvhRequest, options: OvhRequestOptions = {}): Promise<T> {
    const timeoutMs = attemptTimeoutMs(this.options.requestTimeoutMs, options.budgetMs);
    return this.options.scheduler.run(this.credential, () => this.afterFirstCall(() => this.send<T>(req, timeoutMs)), {
      priority: req.priority,
      owner: options.owner,
      signal: req.signal,
    });
  }

  /**
   * node-ovh fetches GET /auth/time before any call made while it has no clock offset yet, outside our
   * scheduler: a burst of first calls would fetch it once each. So the first call goes alone.
   */
  private afterFirstCall<T>(send: () => Promise<T>): Promise<T> {
    if (this.firstCall) return this.firstCall.then(send);
    const first = send();
    this.firstCall = first.then(
      () => undefined,
      () => {
        this.firstCall = undefined;
      },
    );
    return first;
  }

  /**
   * node-ovh cannot abort a request (its own idle `timeout` adds a listener per request to kept-alive sockets),
   * so a timed-out request may still reach OVH: for the install POST, start-install.ts records that in state.
   */
  private send<T>(req: OvhRequest, timeoutMs: number): Promise<T> {
    const call = describeCall(req);
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        reject(new ReinstallError("NETWORK_ERROR", `no answer within ${timeoutMs} ms`, { call, next: nextForNetwork }));
      }, timeoutMs);
      const params = { ...(req.method === "GET" ? req.query : req.body) };
      const path = req.method !== "GET" && req.query ? `${req.path}?${new URLSearchParams(req.query)}` : req.path;
      const settled = this.sdk.request(req.method, path, params, (error, result) => {
        clearTimeout(timer);
        const body = this.lastBody;
        const socketError = this.lastSocketError;
        const retryAfter = this.lastRetryAfter;
        this.lastBody = undefined;
        this.lastSocketError = undefined;
        this.lastRetryAfter = undefined;
        if (body !== undefined) this.answered = true;
        if (error === null || error === undefined) resolve(result as T);
        // An answer seen means the socket error (if any) came after it, and the answer is what counts.
        else if (socketError !== undefined && body === undefined) reject(this.networkError(socketError, call));
        else reject(withoutAnswers(callError(error, result, { body, retryAfter }, call, this.config), req.body));
      });
      // node-ovh's request is async and can throw past its callback (a token endpoint that gives no HTTP answer
      // leaves it reading `e.data` of null): unhandled, that would end the provider process.
      // So does a token request that failed on the socket (wreck's Boom then has no `data`): its error was kept.
      Promise.resolve(settled).catch(() => {
        clearTimeout(timer);
        const socketError = this.lastSocketError;
        this.lastSocketError = undefined;
        reject(socketError ? this.networkError(socketError, call) : callError({ statusCode: undefined }, undefined, {}, call, this.config));
      });
    });
  }

  /** A request that got no HTTP answer: which host, why, and the fix (nothing of the socket's error but its codes). */
  private networkError(failed: NonNullable<OvhClient["lastSocketError"]>, call: string): ReinstallError {
    const proxy = failed.token ? proxyFor(new URL(`https://${failed.host}`), this.options.env) : this.connection.proxy;
    const network: NetworkFailure = {
      ...networkFailure(failed.error, failed.host),
      firstContact: !this.answered,
      ...(proxy ? { proxy: proxy.shown } : {}),
    };
    const { summary, next } = explainNetworkFailure(network, "ovh:endpoint / OVH_ENDPOINT");
    // A missed connect deadline proves the request was not sent (connect-deadline.ts): nothing happened, even for the install POST.
    if (!failed.token) return new ReinstallError("NETWORK_ERROR", summary, { call, next, network, refused: networkCause(network) === "connect-timeout" });
    // No token, so the call itself was never sent: nothing happened, even for the install POST.
    return new ReinstallError("NETWORK_ERROR", `${summary} (getting an OAuth2 token; ${call} was not sent)`, {
      call: "POST /auth/oauth2/token",
      next,
      network,
      refused: true,
    });
  }
}

export function describeCall(req: OvhRequest): string {
  const query = req.query && Object.keys(req.query).length > 0 ? `?${new URLSearchParams(req.query)}` : "";
  return `${req.method} ${req.path}${query}`;
}

function endpointParams(endpoint: string): NodeOvhParams {
  if (!endpoint.startsWith("https:")) return { endpoint };
  const url = new URL(endpoint);
  return {
    host: url.hostname,
    port: url.port ? Number(url.port) : 443,
    basePath: url.pathname.replace(/\/$/, "") || "/1.0",
    tokenURL: `${url.origin}/auth/`,
  };
}

function credentialParams(config: OvhConfig): NodeOvhParams {
  const c = config.credentials;
  if (c.kind === "application") return { appKey: c.applicationKey, appSecret: c.applicationSecret, consumerKey: c.consumerKey };
  return c.kind === "oauth2" ? { clientID: c.clientId, clientSecret: c.clientSecret } : accessTokenParams;
}
