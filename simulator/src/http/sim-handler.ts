import type { Socket } from "node:net";
import type { IncomingMessage, ServerResponse } from "node:http";
import { jsonOrText } from "./bodies";
import type { Dispatch, Exchange, Reply } from "./exchange";
import type { FaultBook } from "./faults";
import type { Journal } from "./journal";

export interface SimHandlerOptions {
  readonly now: () => number;
  readonly journal: Journal;
  readonly faults: FaultBook;
  /** Routes and authenticates; unknown routes must still come back as a Dispatch so they are journaled. */
  readonly dispatch: (exchange: Exchange) => Dispatch;
  /** The body an injected status fault answers with, in the API's own error dialect. */
  readonly faultReply: (status: number, body: unknown, dispatch: Dispatch) => Reply;
  /** Headers sent with every answer, e.g. a per-request query id. */
  readonly headers?: () => Record<string, string>;
  /** What the journal keeps of a non-empty body, e.g. the fields of a form; default: parsed JSON, else the raw text. */
  readonly journalBody?: (exchange: Exchange) => unknown;
  /**
   * The API's rate limit: an answer (a 429) refuses the request before any fault or handler sees it, as a gateway
   * in front of the API would; undefined lets it through.
   */
  readonly throttle?: (exchange: Exchange, dispatch: Dispatch) => Reply | undefined;
}

/** The request pipeline shared by the simulated APIs: read, dispatch, journal, apply the rate limit and any fault, answer. */
export function createSimHandler(options: SimHandlerOptions): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    readBody(req)
      .then((body) => handle(options, req, res, body))
      .catch((err: unknown) => {
        console.error("simulator: request failed", err);
        if (!res.headersSent) res.destroy();
      });
  };
}

async function handle(o: SimHandlerOptions, req: IncomingMessage, res: ServerResponse, body: string): Promise<void> {
  const url = new URL(req.url ?? "/", "https://simulator.invalid");
  const exchange: Exchange = {
    method: req.method ?? "GET",
    url: req.url ?? "/",
    path: url.pathname,
    query: Object.fromEntries(url.searchParams),
    headers: req.headers,
    body,
  };
  const dispatch = o.dispatch(exchange);
  const settle = o.journal.open({
    at: o.now(),
    method: exchange.method,
    route: dispatch.route,
    path: exchange.path,
    query: exchange.query,
    ...(body === "" ? {} : { body: (o.journalBody ?? journalJsonOrText)(exchange) }),
    credential: dispatch.credential,
  });
  const send = (reply: Reply) => {
    settle(reply.status);
    write(res, reply, o.headers?.() ?? {});
  };

  const throttled = o.throttle?.(exchange, dispatch);
  if (throttled) return send(throttled);
  const fault = o.faults.claim(dispatch.route);
  if (!fault) return send(runSafely(dispatch));
  const handled = fault.when === "after" ? runSafely(dispatch) : undefined;
  switch (fault.kind) {
    case "latency":
      await sleep(fault.ms);
      return send(handled ?? runSafely(dispatch));
    case "status": {
      const reply = fault.text === undefined ? o.faultReply(fault.status, fault.body, dispatch) : { status: fault.status, text: fault.text };
      return send({ ...reply, headers: { ...reply.headers, ...fault.headers } });
    }
    case "reset":
      // A TCP RST, as a proxy dropping the connection sends: clients see ECONNRESET with its errno. A TLS socket
      // cannot send one; the TCP socket under it (Node's internal `_parent`) can.
      ((req.socket as Socket & { _parent?: Socket })._parent ?? req.socket).resetAndDestroy();
      return;
    case "hang":
      return;
  }
}

/** A throwing handler is a simulator bug: answer 500 with the cause instead of dropping the connection. */
function runSafely(dispatch: Dispatch): Reply {
  try {
    return dispatch.run();
  } catch (err) {
    console.error(`simulator: handler for ${dispatch.route} threw`, err);
    return { status: 500, body: { message: `Simulator bug in ${dispatch.route}: ${String(err)}` } };
  }
}

function write(res: ServerResponse, reply: Reply, headers: Record<string, string>): void {
  if (res.destroyed) return;
  const json = reply.text === undefined && reply.body !== undefined;
  const text = reply.text ?? (reply.body === undefined ? "" : JSON.stringify(reply.body));
  res.writeHead(reply.status, {
    ...headers,
    ...reply.headers,
    ...(json ? { "Content-Type": "application/json; charset=utf-8" } : reply.text !== undefined ? { "Content-Type": "text/html; charset=utf-8" } : {}),
    "Content-Length": Buffer.byteLength(text),
  });
  res.end(text);
}

function journalJsonOrText(exchange: Exchange): unknown {
  return jsonOrText(exchange.body);
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

/** Real time on purpose: latency faults exercise client timeouts, which run on real timers. Unref'd so a pending delay never keeps a closed simulator's process alive. */
function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}
