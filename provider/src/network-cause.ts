import { describeNetworkFailure, type NetworkFailure } from "./errors";

/**
 * What a failed connection says about trying again (retry.ts decides, per policy, which causes it retries):
 * - `dropped`: reset, timeout, hang-up, a garbled answer, a resolver's "try again" (EAI_AGAIN) — a flap, or a request that may have been carried out;
 * - `refused`: nothing listens at the host:port (ECONNREFUSED) — an outage, or a wrong endpoint;
 * - `dns`: the host name does not resolve (ENOTFOUND) — a wrong name, or a resolver that needs a proxy;
 * - `certificate`: TLS verification failed — a missing CA (NODE_EXTRA_CA_CERTS), a wrong name, a clock: never heals;
 * - `proxy`: the proxy cannot be reached, or refused the tunnel (407, 403, 502…);
 * - `connect-timeout`: no connection ready within the connect deadline (connect-deadline.ts) — packets dropped on
 *   the way (a firewall, a wrong address), or a host that accepts TCP and never completes the TLS handshake.
 * All but `dropped` fail before a byte of the request is sent.
 */
export type NetworkCause = "dropped" | "refused" | "dns" | "certificate" | "proxy" | "connect-timeout";

const certificateDates = ["CERT_HAS_EXPIRED", "CERT_NOT_YET_VALID"];
const certificateNames = ["ERR_TLS_CERT_ALTNAME_INVALID", "HOSTNAME_MISMATCH"];
const untrusted = [
  "UNABLE_TO_VERIFY_LEAF_SIGNATURE",
  "UNABLE_TO_GET_ISSUER_CERT",
  "UNABLE_TO_GET_ISSUER_CERT_LOCALLY",
  "SELF_SIGNED_CERT_IN_CHAIN",
  "DEPTH_ZERO_SELF_SIGNED_CERT",
  "CERT_UNTRUSTED",
  "CERT_SIGNATURE_FAILURE",
  "INVALID_CA",
];
const unreachable = ["ECONNREFUSED", "EHOSTUNREACH", "ENETUNREACH"];
const unresolved = ["ENOTFOUND"];

export function networkCause(failure: NetworkFailure | undefined): NetworkCause {
  const code = failure?.code ?? "";
  if (code === "ERR_CONNECT_TIMEOUT") return "connect-timeout";
  if ([...certificateDates, ...certificateNames, ...untrusted].includes(code) || code.startsWith("CERT_")) return "certificate";
  // The resolver said "try again" (no answer in time, SERVFAIL): a hiccup, unlike ENOTFOUND, whichever host it was resolving.
  if (code === "EAI_AGAIN") return "dropped";
  // Through a tunnel, the only host this process connects to (and resolves) is the proxy; whatever failed on the
  // leg to it (atProxy: a reset, an answer that is not HTTP) failed before the tunnel, so before the request.
  if (failure?.proxy && (failure.proxyStatus !== undefined || failure.atProxy || [...unreachable, ...unresolved].includes(code))) return "proxy";
  if (unreachable.includes(code)) return "refused";
  if (unresolved.includes(code)) return "dns";
  return "dropped";
}

/**
 * The failure in words: which host, what went wrong, and the fix. `endpointSetting` names where the host comes
 * from (e.g. "ovh:endpoint / OVH_ENDPOINT"). Nothing in it comes from the transport library but codes.
 */
export function explainNetworkFailure(failure: NetworkFailure, endpointSetting: string): { summary: string; next: string } {
  const host = failure.host ?? "the API";
  const code = describeNetworkFailure(failure);
  const again = "then run `pulumi up` again";
  switch (networkCause(failure)) {
    case "certificate":
      if (failure.atProxy && failure.proxy) {
        return {
          summary: `the certificate of the proxy ${failure.proxy} ${certificateProblem(failure.code)} (${code}); the request to ${host} was not sent`,
          next: `set NODE_EXTRA_CA_CERTS in the environment of pulumi to the CA that signs the proxy's certificate, or set HTTPS_PROXY to the proxy's http:// address, ${again}`,
        };
      }
      return {
        summary: `the certificate of ${host} ${certificateProblem(failure.code)} (${code}); the request was not sent`,
        next: certificateNames.includes(failure.code!)
          ? `set ${endpointSetting} to a name the certificate holds (the simulator's: localhost, 127.0.0.1 or ::1), ${again}`
          : certificateDates.includes(failure.code!)
            ? `check this machine's clock and the certificate's dates, ${again}`
            : `set NODE_EXTRA_CA_CERTS in the environment of pulumi to the CA that signs it — for the simulator, the path \`reinstall-sim certs\` prints (\`node simulator/dist/cli.js certs\` in a checkout); behind a TLS-inspecting proxy, your corporate CA — ${again}`,
      };
    case "proxy":
      if (failure.proxyStatus !== undefined) {
        return {
          summary: `the proxy ${failure.proxy} refused a tunnel to ${host} (HTTP ${failure.proxyStatus}); the request was not sent`,
          next: `${proxyRefusalFix(failure.proxyStatus, host, endpointSetting)}, ${again}`,
        };
      }
      return {
        summary: `the proxy ${failure.proxy} ${[...unreachable, ...unresolved].includes(failure.code!) ? "cannot be reached" : "did not answer CONNECT as an HTTP proxy"} (${code}); the request to ${host} was not sent`,
        next: `check the proxy's address in HTTPS_PROXY and that it runs, or list ${bareHost(host)} in NO_PROXY to connect directly, ${again}`,
      };
    case "refused":
      return {
        summary: `${host} refused the connection (${code}): nothing listens there; the request was not sent`,
        next: isLocal(host)
          ? `is reinstall-sim running, on this port? Start it and use the endpoints it prints, ${again}`
          : `check ${endpointSetting} and that the API is up, ${again}`,
      };
    case "dns":
      return {
        summary: `the host name ${bareHost(host)} does not resolve (${code}); the request was not sent`,
        next: `check the host name in ${endpointSetting}; if names outside resolve only through a proxy here, set HTTPS_PROXY in the environment of pulumi, ${again}`,
      };
    case "connect-timeout": {
      const within = failure.connectTimeoutMs === undefined ? "in time" : `within ${failure.connectTimeoutMs / 1000} s`;
      return failure.proxy
        ? {
            summary: `no connection to ${host} through the proxy ${failure.proxy} ${within} (${code}); the request was not sent`,
            next: `check that the proxy in HTTPS_PROXY runs and may reach ${host}, or list ${bareHost(host)} in NO_PROXY to connect directly, ${again}`,
          }
        : {
            summary: `${host} did not accept a connection ${within} (${code}: no TCP connection, or no TLS handshake); the request was not sent`,
            next: `check the address in ${endpointSetting}, and that no firewall drops traffic from this machine to ${host}; if outside hosts are reachable only through a proxy here, set HTTPS_PROXY in the environment of pulumi, ${again}`,
          };
    }
    case "dropped":
      // Inside a tunnel, the proxy may be the one that dropped it: the message says which one it went through.
      return failure.proxy
        ? {
            summary: `the request failed: ${code} (host ${host}, through the proxy ${failure.proxy})`,
            next: `check that ${host} is reachable from where Pulumi runs and that the proxy lets it through, ${again}`,
          }
        : { summary: `the request failed: ${code} (host ${host})`, next: `check that ${host} is reachable from where Pulumi runs, ${again}` };
  }
}

function certificateProblem(code: string | undefined): string {
  return certificateNames.includes(code!) ? "is for another name" : certificateDates.includes(code!) ? "is out of its validity dates" : "is not trusted";
}

function proxyRefusalFix(status: number, host: string, endpointSetting: string): string {
  if (status === 407) return "the proxy wants credentials: put them in HTTPS_PROXY as http://user:password@host:port";
  if (status === 403) return `ask for ${host} to be allowed through the proxy, or list ${bareHost(host)} in NO_PROXY`;
  return `the proxy could not reach ${host}: check the host name in ${endpointSetting}, or list ${bareHost(host)} in NO_PROXY if it is reachable directly`;
}

function bareHost(host: string): string {
  return host.replace(/:\d+$/, "");
}

function isLocal(host: string): boolean {
  return /^(localhost\.?|127\.\d+\.\d+\.\d+|\[::1\])(:\d+)?$/.test(host);
}
