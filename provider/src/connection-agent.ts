import * as https from "node:https";
import type * as tls from "node:tls";
import { connectDeadline } from "./connect-deadline";
import { proxyFor, type ProxyChoice } from "./proxy";
import { TunnelAgent } from "./proxy-tunnel";

/**
 * Direct connections with a connect deadline. Otherwise as node's global agent, which both clients used before
 * (kept-alive sockets, the last freed reused first, an idle one closed after 5 s, node's default trust).
 */
export class DirectAgent extends https.Agent {
  constructor(private readonly connectTimeoutMs: number) {
    super({ keepAlive: true, scheduling: "lifo", timeout: 5_000 });
  }

  override createConnection(...args: Parameters<https.Agent["createConnection"]>): ReturnType<https.Agent["createConnection"]> {
    const socket = super.createConnection(...args) as tls.TLSSocket;
    connectDeadline(this.connectTimeoutMs, (error) => socket.destroy(error)).until(socket);
    return socket;
  }
}

const agents = new Map<string, https.Agent>();

/**
 * The agent every request to an https URL goes through: a CONNECT tunnel if the environment sends it through a
 * proxy, else a direct one; either gives a new connection `connectTimeoutMs`. One agent per proxy (or none) and
 * deadline, so connections are kept alive and reused across clients.
 */
export function connectionAgent(target: URL, env: NodeJS.ProcessEnv, connectTimeoutMs: number): { agent: https.Agent; proxy?: ProxyChoice } {
  const proxy = proxyFor(target, env);
  const key = `${proxy?.url.href ?? "direct"} ${connectTimeoutMs}`;
  let agent = agents.get(key);
  if (!agent) {
    agent = newAgent(proxy, connectTimeoutMs);
    agents.set(key, agent);
  }
  return { agent, ...(proxy ? { proxy } : {}) };
}

/**
 * An agent of its own, for a library that deep-copies its HTTP options, agent included (simple-oauth2 through
 * @hapi/hoek's applyToDefaults): copied empty, it has no sockets a copy would duplicate, as the shared one may.
 */
export function ownConnectionAgent(target: URL, env: NodeJS.ProcessEnv, connectTimeoutMs: number): https.Agent {
  return newAgent(proxyFor(target, env), connectTimeoutMs);
}

function newAgent(proxy: ProxyChoice | undefined, connectTimeoutMs: number): https.Agent {
  return proxy ? new TunnelAgent(proxy, connectTimeoutMs) : new DirectAgent(connectTimeoutMs);
}
