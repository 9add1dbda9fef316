import { createHash } from "node:crypto";
import * as https from "node:https";
import { ensureCertificates, startOvhSimulator, type OvhSimulator } from "pulumi-reinstall-simulator";

/**
 * node-ovh hard-codes `https.request` with Node's default trust store, which only NODE_EXTRA_CA_CERTS can extend,
 * and only when set before the process starts. Fail with the fix rather than with a TLS error deep in a test.
 */
export function requireTrustedCa(): void {
  const expected = ensureCertificates().caCertPath;
  if (process.env.NODE_EXTRA_CA_CERTS !== expected) {
    throw new Error(
      `NODE_EXTRA_CA_CERTS must be ${expected} when jest starts (it is ${process.env.NODE_EXTRA_CA_CERTS ?? "unset"}). ` +
        `Run \`make test\`, or: npx tsc -b simulator && NODE_EXTRA_CA_CERTS=$(node simulator/dist/cli.js certs) npx jest simulator`,
    );
  }
}

/** A clock the test moves by hand; the simulator reads it for task progress, /auth/time and token expiry. */
export function virtualClock(start = Date.UTC(2026, 10, 22)) {
  const clock = { t: start, now: () => clock.t, advance: (ms: number) => void (clock.t += ms) };
  return clock;
}

/** The part of node-ovh the tests use; the package ships no typings. */
export interface NodeOvh {
  requestPromised(method: string, path: string, params?: Record<string, unknown>): Promise<unknown>;
}
const createNodeOvh: (params: Record<string, unknown>) => NodeOvh = require("@ovhcloud/node-ovh");

/** node-ovh the way a user would point it at the simulator: host/port/basePath, no `endpoint`. */
export function signedClient(sim: OvhSimulator, overrides: Record<string, unknown> = {}): NodeOvh {
  const c = sim.credentials;
  return createNodeOvh({ appKey: c.applicationKey, appSecret: c.applicationSecret, consumerKey: c.consumerKey, ...location(sim), ...overrides });
}

export function oauth2Client(sim: OvhSimulator, overrides: Record<string, unknown> = {}): NodeOvh {
  const c = sim.credentials;
  return createNodeOvh({ clientID: c.clientId, clientSecret: c.clientSecret, tokenURL: `${sim.origin}/auth/`, ...location(sim), ...overrides });
}

function location(sim: OvhSimulator) {
  return { host: "127.0.0.1", port: Number(new URL(sim.origin).port), basePath: "/1.0" };
}

/** What node-ovh rejects with: the HTTP status (or a transport error) and the body's `message` only. */
export async function rejection(promise: Promise<unknown>): Promise<{ error: unknown; message: unknown }> {
  try {
    await promise;
  } catch (e) {
    return e as { error: unknown; message: unknown };
  }
  throw new Error("expected the request to fail");
}

export interface RawResponse {
  status: number;
  body: unknown;
}

export interface RawOptions {
  body?: unknown;
  /** Sent form-encoded instead of a JSON body, as OAuth2 token requests are. */
  form?: Record<string, string>;
  /** Sign like go-ovh/python-ovh (URL with the port), like node-ovh (without), or not at all. */
  sign?: "with-port" | "without-port" | false;
  timestamp?: number;
  headers?: Record<string, string>;
  /** Give up (destroy the request) after this long without an answer, as a client's timeout does. */
  timeoutMs?: number;
}

/** A bare HTTPS call that returns the whole error body, which node-ovh would reduce to its message. */
export function raw(sim: OvhSimulator, clock: { now(): number }, method: string, path: string, options: RawOptions = {}): Promise<RawResponse> {
  const url = new URL(sim.origin + path);
  const body = options.form ? new URLSearchParams(options.form).toString() : options.body === undefined ? "" : JSON.stringify(options.body);
  const contentType = options.form ? "application/x-www-form-urlencoded" : "application/json";
  const headers: Record<string, string> = { "Content-Type": contentType, ...options.headers };
  const sign = options.sign ?? "without-port";
  if (sign) {
    const c = sim.credentials;
    const timestamp = String(options.timestamp ?? Math.floor(clock.now() / 1000));
    const host = sign === "with-port" ? url.host : url.hostname;
    const payload = [c.applicationSecret, c.consumerKey, method, `https://${host}${url.pathname}${url.search}`, body, timestamp].join("+");
    Object.assign(headers, {
      "X-Ovh-Application": c.applicationKey,
      "X-Ovh-Consumer": c.consumerKey,
      "X-Ovh-Timestamp": timestamp,
      "X-Ovh-Signature": "$1$" + createHash("sha1").update(payload).digest("hex"),
      ...options.headers,
    });
  }
  return httpsRequest(url, method, headers, body, options.timeoutMs);
}

/** One HTTPS request with Node's own client, which trusts NODE_EXTRA_CA_CERTS; a non-empty answer is parsed as JSON. */
export function httpsRequest(url: URL, method: string, headers: Record<string, string>, body: string, timeoutMs?: number): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = https.request(url, { method, headers }, (res) => {
      let text = "";
      res.on("data", (chunk) => (text += chunk));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body: text === "" ? undefined : JSON.parse(text) }));
    });
    req.on("error", reject);
    if (timeoutMs !== undefined) req.setTimeout(timeoutMs, () => req.destroy(new Error(`no answer within ${timeoutMs} ms`)));
    req.end(body);
  });
}

export const SCALE = "ns3001234.ip-51-68-1.eu";
export const ADVANCE = "ns3005678.ip-51-68-2.eu";
export const HGR = "ns3009999.ip-51-68-3.eu";
export const ED25519 = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGq0vQ1YkP8pWJmZr3mUeI6ZC0lqf4Yb4T2Ww5oZk0u1 alice@laptop";

/** One simulator for a test file on the given clock: started once, reset after each test, closed at the end. */
export function useOvhSimulator(clock: { now(): number }): () => OvhSimulator {
  let sim: OvhSimulator | undefined;
  beforeAll(async () => {
    requireTrustedCa();
    sim = await startOvhSimulator({ now: clock.now });
  });
  afterEach(() => sim?.reset());
  afterAll(() => sim?.close());
  return () => sim!;
}
