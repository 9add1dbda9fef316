import * as net from "node:net";
import { startEdisSimulator, type EdisSimOptions, type EdisSimulator } from "pulumi-reinstall-simulator";
import { httpsRequest, requireTrustedCa, type RawResponse } from "./helpers";

export const EDGE1 = "kvm_123456_789012";
export const EDGE2 = "kvm_123456_789013";
export const WIN1 = "kvm_123456_789014";

/** One EDIS simulator for a test file on the given clock: started once, reset after each test, closed at the end. */
export function useEdisSimulator(clock: { now(): number }, options: Omit<EdisSimOptions, "now"> = {}): () => EdisSimulator {
  let sim: EdisSimulator | undefined;
  beforeAll(async () => {
    requireTrustedCa();
    sim = await startEdisSimulator({ ...options, now: clock.now });
  });
  afterEach(() => sim?.reset());
  afterAll(() => sim?.close());
  return () => sim!;
}

/** A form-encoded POST, the only kind of call EDIS takes (docs/api/edis.md#form-encoding). */
export function postForm(url: string, fields: Record<string, string>): Promise<RawResponse> {
  const body = new URLSearchParams(fields).toString();
  return httpsRequest(new URL(url), "POST", { "Content-Type": "application/x-www-form-urlencoded" }, body);
}

export interface AuthEntry {
  api_host: string;
  kvm_id: string;
  valid_until: number;
  signature: string;
  suspended: string;
  description: string;
  primary_ip: string;
}

/** get/auth with the simulator's account; `data` keyed by kvm_id. */
export async function login(sim: EdisSimulator, kvmId?: string): Promise<Record<string, AuthEntry>> {
  const fields: Record<string, string> = { email: sim.credentials.email, pw: sim.credentials.password, ...(kvmId ? { kvm_id: kvmId } : {}) };
  const res = await postForm(`${sim.sessionUrl}/kvm/v2/get/auth`, fields);
  if (res.status !== 200) throw new Error(`auth failed: ${JSON.stringify(res)}`);
  return (res.body as { data: Record<string, AuthEntry> }).data;
}

/** Per-VPS calls the way a client must make them: on `api_host` verbatim, with the session fields sent back as received. */
export async function session(sim: EdisSimulator, kvmId: string) {
  const entry = (await login(sim, kvmId))[kvmId];
  const credentials = { signature: entry.signature, kvm_id: entry.kvm_id, valid_until: String(entry.valid_until) };
  return {
    entry,
    credentials,
    call: (path: string, extra: Record<string, string> = {}) => postForm(`https://${entry.api_host}/kvm/v2/${path}`, { ...credentials, ...extra }),
  };
}

export interface Probe {
  /** The error code the connection ended with: "ECONNRESET" when the stand-in port is closed, none when it is open. */
  readonly error?: string;
  /** What the service sent before the connection closed. */
  readonly data: string;
}

/**
 * Connects, half-closes at once and reads until the connection ends. The stand-in answers an open port's FIN with
 * its own (after the banner, for SSH) and a closed one with a reset, so this needs no timer to tell them apart.
 */
export function probe(port: number): Promise<Probe> {
  return new Promise((resolve) => {
    const socket = net.connect(port, "127.0.0.1");
    let data = "";
    let error: string | undefined;
    socket.setEncoding("utf8");
    socket.on("connect", () => socket.end());
    socket.on("data", (chunk: string) => (data += chunk));
    socket.on("error", (err: NodeJS.ErrnoException) => (error = err.code ?? err.message));
    socket.on("close", () => resolve(error === undefined ? { data } : { error, data }));
  });
}
