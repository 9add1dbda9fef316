import type * as tls from "node:tls";

/**
 * How long a new connection may take to be ready for the request: name lookup, TCP connect and TLS handshake (and,
 * through a proxy, its CONNECT). OVH's and EDIS's endpoints are ready in well under a second from anywhere; 10 s
 * still lets the kernel resend a lost SYN three times (after 1, 3 and 7 s), while a host that drops packets (a
 * firewall, a wrong address) is told in seconds instead of after the 60 s request timeout. Not shortened by
 * PULUMI_REINSTALL_TIME_SCALE: it is a fact about networks, not about waits (and no attempt outlives its own timeout).
 */
export const defaultConnectTimeoutMs = 10_000;

/** The error a connection past its deadline is destroyed with: no request byte has left then (see connectDeadline). */
export interface ConnectTimeout extends Error {
  code: "ERR_CONNECT_TIMEOUT";
  connectTimeoutMs: number;
}

/**
 * A deadline for one new connection, armed when it starts and met by its TLS handshake: past it, `abort` is told
 * with a ConnectTimeout. Only agents' `createConnection` arms one, so a kept-alive socket, reused without a
 * connect phase, never has a deadline. The request is written into TLS, which sends nothing of it before the
 * handshake is done (no 0-RTT data from node's clients), and 'secureConnect' is emitted in the same turn the
 * handshake completes: a deadline that fires proves the request was not sent.
 */
export function connectDeadline(ms: number, abort: (error: ConnectTimeout) => void): { until(socket: tls.TLSSocket): void; cancel(): void } {
  const timer = setTimeout(
    () => abort(Object.assign(new Error(`no connection within ${ms} ms`), { code: "ERR_CONNECT_TIMEOUT" as const, connectTimeoutMs: ms })),
    ms,
  );
  const cancel = () => clearTimeout(timer);
  return {
    /** Met when `socket`'s handshake is done, void when it closes first (its own error says why). */
    until: (socket) => {
      socket.once("secureConnect", cancel);
      socket.once("close", cancel);
    },
    cancel,
  };
}
