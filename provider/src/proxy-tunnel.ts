import * as http from "node:http";
import * as https from "node:https";
import { isIP } from "node:net";
import type { Duplex } from "node:stream";
import * as tls from "node:tls";
import { connectDeadline } from "./connect-deadline";
import type { ProxyChoice } from "./proxy";

/** What a proxy answered to CONNECT when it was not 200: the status only (its body and headers may echo credentials). */
export interface TunnelRefusal extends Error {
  code: "ERR_PROXY_TUNNEL";
  proxyStatus: number;
}

/**
 * An https.Agent whose connections are CONNECT tunnels through an HTTP(S) proxy: the proxy sees only
 * `CONNECT host:port`, and TLS to the API runs inside the tunnel with node's default trust (so the CAs of
 * NODE_EXTRA_CA_CERTS, such as the simulator's, are trusted as without a proxy). Its own module rather than
 * https-proxy-agent: ~50 lines of node's own http and tls, no dependency, and a refused tunnel surfaces as an
 * error carrying the proxy's status instead of a fake socket. A new tunnel has `connectTimeoutMs` for its CONNECT
 * and the TLS handshake inside it together.
 */
export class TunnelAgent extends https.Agent {
  constructor(
    private readonly proxy: ProxyChoice,
    private readonly connectTimeoutMs: number,
  ) {
    super({ keepAlive: true });
  }

  override createConnection(
    options: tls.ConnectionOptions & { host?: string; port?: number },
    done: (error: Error | null, socket?: Duplex) => void,
  ): undefined {
    // got hands an IPv6 host without brackets (node-ovh with them); the CONNECT authority needs them.
    const target = `${isIP(options.host ?? "") === 6 ? `[${options.host}]` : options.host}:${options.port ?? 443}`;
    const { url } = this.proxy;
    // Go's proxyAuth: any userinfo, even a password alone (`:token@`), is sent.
    const credentials =
      url.username || url.password ? Buffer.from(`${decodeURIComponent(url.username)}:${decodeURIComponent(url.password)}`).toString("base64") : undefined;
    const proxyHost = url.hostname.replace(/^\[|\]$/g, "");
    const connect = (url.protocol === "https:" ? https : http).request({
      host: proxyHost,
      port: url.port || (url.protocol === "https:" ? 443 : 80),
      // node takes the TLS server name from the Host header, which names the target: the proxy's certificate is for the proxy.
      servername: isIP(proxyHost) ? "" : proxyHost,
      method: "CONNECT",
      path: target,
      agent: false,
      headers: { host: target, ...(credentials ? { "proxy-authorization": `Basic ${credentials}` } : {}) },
    });
    let settled = false;
    const settle = (error: Error | null, socket?: Duplex) => {
      if (settled) return;
      settled = true;
      done(error, socket);
    };
    let secured: tls.TLSSocket | undefined;
    const deadline = connectDeadline(this.connectTimeoutMs, (error) => {
      if (secured) secured.destroy(error);
      else {
        connect.destroy();
        settle(error);
      }
    });
    // node hands every answer to CONNECT, whatever its status, to "connect" with the raw socket.
    connect.once("connect", (response, socket) => {
      if (response.statusCode === 200) {
        secured = tls.connect({ ...options, socket });
        deadline.until(secured);
        return settle(null, secured);
      }
      deadline.cancel();
      socket.destroy();
      const refusal: TunnelRefusal = Object.assign(new Error(`the proxy answered CONNECT with HTTP ${response.statusCode}`), {
        code: "ERR_PROXY_TUNNEL" as const,
        proxyStatus: response.statusCode ?? 0,
      });
      settle(refusal);
    });
    // On the leg to the proxy (its address, or its certificate for an https:// proxy): marked, so messages blame the proxy, not the API host.
    connect.on("error", (error) => {
      deadline.cancel();
      settle(Object.assign(error, { atProxy: true }));
    });
    connect.end();
    return undefined;
  }
}
