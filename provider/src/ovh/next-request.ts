import type { IncomingHttpHeaders } from "node:http";
import type { Agent, RequestOptions } from "node:https";

export interface NextRequest {
  /** Add `Content-Type: application/json` (the request has a body). */
  json: boolean;
  /** The agent to connect through: a proxy tunnel or a direct one, with a connect deadline either way (node-ovh takes no agent of its own). */
  agent: Agent;
  /** Told the request's error first: node-ovh keeps only its errno, or a fixed sentence when /auth/time failed. */
  onError: (error: unknown) => void;
  /** Told the answer's headers, which node-ovh drops (a 429's Retry-After is wanted). */
  onHeaders: (headers: IncomingHttpHeaders) => void;
}

/**
 * node-ovh calls `https.request(options)` with options of its own only: no agent, and no Content-Type on its OAuth2
 * path (lib/ovh.js starts that path's headers empty), where go-ovh and python-ovh send `application/json` with every
 * body, and no connect timeout (only an idle `timeout`). Its `debug` hook runs synchronously right before that call,
 * so the hook calls this: a wrapper that adjusts that one request (our agent; a header node-ovh set itself wins),
 * listens for its error before node-ovh does and for its answer's headers, and puts `https.request` back at once. A microtask also puts it back,
 * should node-ovh ever stop making the call straight after its hook.
 */
export function adjustNextRequest(next: NextRequest): void {
  // The module object itself: an `import * as` namespace cannot be assigned to.
  const https = require("node:https") as typeof import("node:https");
  const original = https.request;
  const restore = () => {
    if (https.request === once) https.request = original;
  };
  const once = ((options: RequestOptions, ...rest: unknown[]) => {
    restore();
    const headers = next.json ? { "Content-Type": "application/json", ...options.headers } : options.headers;
    const request = (original as (...args: unknown[]) => ReturnType<typeof https.request>)({ ...options, headers, agent: next.agent }, ...rest);
    request.on("error", next.onError);
    request.on("response", (response) => next.onHeaders(response.headers));
    return request;
  }) as typeof https.request;
  https.request = once;
  queueMicrotask(restore);
}
