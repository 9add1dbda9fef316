import type { IncomingHttpHeaders } from "node:http";

/** A request as handlers see it: parsed enough to route, raw enough to verify signatures over the exact bytes sent. */
export interface Exchange {
  readonly method: string;
  /** The request target exactly as sent, query string included. */
  readonly url: string;
  readonly path: string;
  readonly query: Readonly<Record<string, string>>;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
}

/** What a handler answers; `body` is sent as JSON, and no body at all when undefined. */
export interface Reply {
  readonly status: number;
  readonly body?: unknown;
  /** Sent as is instead of a JSON body, e.g. a gateway's HTML error page. */
  readonly text?: string;
  /** Headers of this answer only, e.g. a 429's Retry-After. */
  readonly headers?: Readonly<Record<string, string>>;
}

/** How a simulated API resolved one request before anything runs: which route, who is calling, and the work to do. */
export interface Dispatch {
  readonly route: string;
  readonly params: Readonly<Record<string, string>>;
  readonly credential: string;
  run(): Reply;
}
