import { BlockList, isIP } from "node:net";
import { domainToASCII } from "node:url";
import { ReinstallError } from "./errors";

/** The proxy an https request goes through: where it is, and how messages may name it (never with its credentials). */
export interface ProxyChoice {
  url: URL;
  /** e.g. `http://proxy.corp:3128 (HTTPS_PROXY)`. */
  shown: string;
}

/**
 * The proxy for an https URL, decided as Go's net/http ProxyFromEnvironment does (golang.org/x/net/http/httpproxy,
 * docs/api/proxies.md), so a pipeline set up for terraform or the pulumi CLI behaves the same here: HTTPS_PROXY,
 * else https_proxy (HTTP_PROXY never applies to https); NO_PROXY, else no_proxy; localhost and loopback addresses
 * never go through a proxy. Unlike Go, a value that is no usable proxy URL fails instead of being ignored.
 */
export function proxyFor(target: URL, env: NodeJS.ProcessEnv): ProxyChoice | undefined {
  const [name, raw] = firstSet(env, "HTTPS_PROXY", "https_proxy");
  if (raw === undefined || !useProxy(target, firstSet(env, "NO_PROXY", "no_proxy")[1] ?? "")) return undefined;
  const url = parseProxy(raw);
  if (!url) {
    throw new ReinstallError("CONFIG_ERROR", `${name} is not a proxy URL (a ${raw.length}-character value)`, {
      next: `set ${name} to http://host:port (or http://user:password@host:port), or unset it`,
    });
  }
  const shown = `${url.protocol}//${url.host} (${name})`;
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new ReinstallError("CONFIG_ERROR", `the proxy ${shown} is not an HTTP proxy: only http:// and https:// proxies are supported`, {
      next: `set ${name} to the http:// address of your proxy, or list the API host in NO_PROXY`,
    });
  }
  return { url, shown };
}

/** Go's getEnvAny: the first variable set to a non-empty value. */
function firstSet(env: NodeJS.ProcessEnv, ...names: string[]): [string, string | undefined] {
  const name = names.find((n) => env[n]);
  return [name ?? names[0], name ? env[name] : undefined];
}

/**
 * Go's parseProxy: a URL with an http, https or socks5 scheme, or else `host[:port]` taken as http://host[:port].
 * A value with a scheme is not prefixed again: node's URL parser would take `http://http://[bad` for a host "http".
 * Credentials must decode (Go's url.Parse refuses a bad %-escape; node keeps it, and the tunnel would throw on it).
 */
function parseProxy(raw: string): URL | undefined {
  const direct = URL.canParse(raw) ? new URL(raw) : undefined;
  if (direct && ["http:", "https:", "socks5:"].includes(direct.protocol)) return decodable(direct);
  if (raw.includes("://")) return direct && decodable(direct);
  const prefixed = URL.canParse(`http://${raw}`) ? new URL(`http://${raw}`) : undefined;
  return prefixed?.hostname ? decodable(prefixed) : undefined;
}

function decodable(url: URL): URL | undefined {
  try {
    decodeURIComponent(url.username);
    decodeURIComponent(url.password);
    return url;
  } catch {
    return undefined;
  }
}

/** Go's useProxy: NO_PROXY entries are IPs or CIDRs, domains (which match their subdomains), `.domain` (subdomains only), `*`; each may carry a port. */
function useProxy(target: URL, noProxy: string): boolean {
  const host = unbracket(target.hostname.toLowerCase());
  const port = target.port || "443";
  const ipFamily = isIP(host);
  if (host === "localhost" || (ipFamily !== 0 && isLoopback(host, ipFamily))) return false;
  for (const entry of noProxy.split(",").map((e) => e.trim().toLowerCase())) {
    if (entry === "") continue;
    if (entry === "*") return false;
    if (entry.includes("/")) {
      if (ipFamily !== 0 && inCidr(host, ipFamily, entry)) return false;
      continue;
    }
    const [entryHost, entryPort] = splitHostPort(entry);
    if (entryPort !== undefined && entryPort !== port) continue;
    const entryFamily = isIP(entryHost);
    if (entryFamily !== 0) {
      if (ipFamily !== 0 && sameAddress(host, ipFamily, entryHost, entryFamily)) return false;
      continue;
    }
    if (entryHost === "") continue;
    const bare = domainToASCII(entryHost.replace(/^\*\./, ".")) || entryHost;
    if (bare.startsWith(".") ? host.endsWith(bare) : host === bare || host.endsWith(`.${bare}`)) return false;
  }
  return true;
}

function unbracket(host: string): string {
  return host.startsWith("[") && host.endsWith("]") ? host.slice(1, -1) : host;
}

/**
 * "host:port", "[v6]:port" or a bare host; a bare IPv6 address has several colons and no port. An empty port
 * ("host:") is no port, as in Go, where net.SplitHostPort gives "" and "" matches every port.
 */
function splitHostPort(entry: string): [string, string | undefined] {
  const bracketed = /^\[([^\]]*)\](?::(\d*))?$/.exec(entry);
  const parts = entry.split(":");
  const [host, port] = bracketed ? [bracketed[1], bracketed[2]] : parts.length === 2 ? [parts[0], parts[1]] : [entry, undefined];
  return [host, port || undefined];
}

const family = (n: number) => (n === 6 ? "ipv6" : "ipv4");

function isLoopback(host: string, hostFamily: number): boolean {
  const loopback = new BlockList();
  loopback.addSubnet("127.0.0.0", 8, "ipv4");
  loopback.addAddress("::1", "ipv6");
  return loopback.check(host, family(hostFamily));
}

function inCidr(host: string, hostFamily: number, cidr: string): boolean {
  const [network, bits] = cidr.split("/");
  const networkFamily = isIP(network);
  if (networkFamily === 0 || !/^\d+$/.test(bits)) return false;
  const list = new BlockList();
  list.addSubnet(network, Number(bits), family(networkFamily));
  return list.check(host, family(hostFamily));
}

function sameAddress(host: string, hostFamily: number, entry: string, entryFamily: number): boolean {
  const list = new BlockList();
  list.addAddress(entry, family(entryFamily));
  return list.check(host, family(hostFamily));
}
