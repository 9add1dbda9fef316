import { getSystemErrorName } from "node:util";

/**
 * One error family for the whole provider. Every error has a stable `code`, names the resource and the
 * API call it concerns, carries what the API said, and ends with what to do next. Nothing secret is reachable
 * from one: causes are only errors of this family, never a transport library's (see `networkFailure`).
 */
export type ErrorCode =
  | "INVALID_INPUT"
  | "CONFIG_ERROR"
  | "OVH_API_ERROR"
  | "OVH_ROUTE_REMOVED"
  | "EDIS_API_ERROR"
  | "NETWORK_ERROR"
  | "TASK_ALREADY_RUNNING"
  | "AMBIGUOUS_START"
  | "UNOBSERVED_START"
  | "TASK_FAILED"
  | "OS_MISMATCH"
  | "WAIT_TIMEOUT"
  | "INTERRUPTED"
  /** A progress read the scheduler did not send (scheduler.ts): the caller keeps its last view; never a failure to show. */
  | "SKIPPED";

/** What an API answered, as far as the client could tell. */
export interface ApiAnswer {
  status: number;
  /** OVH's error class, e.g. `Client::BadRequest::TaskAlreadyExists`; absent on legacy and plain bodies (docs/api/ovh-transport.md#error-bodies). */
  class?: string;
  message?: string;
  /** The Retry-After header, as sent (seconds or an HTTP date): after a 429, the scheduler pauses the credential until then. */
  retryAfter?: string;
}

/** What a failed connection left: the socket error's code and errno, and the host it was talking to. */
export interface NetworkFailure {
  /** e.g. ECONNRESET, ETIMEDOUT, SELF_SIGNED_CERT_IN_CHAIN. */
  code?: string;
  errno?: number;
  host?: string;
  /** The proxy the request went through, as messages may show it (never with its credentials). */
  proxy?: string;
  /** What the proxy answered to CONNECT when it refused the tunnel. */
  proxyStatus?: number;
  /** The deadline a new connection missed (connect-deadline.ts). */
  connectTimeoutMs?: number;
  /** The connection to the proxy itself failed (e.g. an https:// proxy's certificate), not the one to the host through it. */
  atProxy?: boolean;
  /** Nothing had answered from this host yet in this process: such a failure is more often the setup than a flap. */
  firstContact?: boolean;
}

export interface ReinstallErrorInit {
  resource?: string;
  /** The API call, e.g. `POST /dedicated/server/ns1.eu/reinstall`. */
  call?: string;
  api?: ApiAnswer;
  next?: string;
  /**
   * The earlier error that led to this one. Only an error of this family is kept: got's and node-ovh's errors
   * carry the request they failed on (a form with the root password, signature headers).
   */
  cause?: unknown;
  network?: NetworkFailure;
  /** Set by the client that saw the answer: the API understood the request and refused it, so nothing happened. */
  refused?: boolean;
  /** What the resource's state must keep so the next run can resolve this failure (e.g. an unconfirmed start). */
  record?: Record<string, unknown>;
  /** How many times the call was sent, when it was retried (retry.ts). */
  attempts?: number;
}

export class ReinstallError extends Error {
  readonly code: ErrorCode;
  readonly resource?: string;
  readonly call?: string;
  readonly api?: ApiAnswer;
  readonly next?: string;
  readonly network?: NetworkFailure;
  readonly refused: boolean;
  readonly record?: Record<string, unknown>;
  readonly attempts?: number;
  private readonly summary: string;

  constructor(code: ErrorCode, summary: string, init: ReinstallErrorInit = {}) {
    super(composeMessage(summary, init), init.cause instanceof ReinstallError ? { cause: init.cause } : undefined);
    this.name = "ReinstallError";
    this.code = code;
    this.summary = summary;
    this.resource = init.resource;
    this.call = init.call;
    this.api = init.api;
    this.next = init.next;
    this.network = init.network;
    this.refused = init.refused ?? false;
    this.record = init.record;
    this.attempts = init.attempts;
  }

  /** The same error, attributed to a resource (errors are raised deep down, where the name is not known). */
  forResource(resource: string): ReinstallError {
    return this.resource ? this : this.with({ resource });
  }

  /** The same error, saying how many times its call was sent (withRetry). */
  afterAttempts(attempts: number): ReinstallError {
    return this.with({ attempts });
  }

  /** The same error, with another way out (where the caller knows the usual one would not help). */
  withNext(next: string): ReinstallError {
    return this.with({ next });
  }

  private with(changes: Pick<ReinstallErrorInit, "resource" | "attempts" | "next">): ReinstallError {
    const copy = new ReinstallError(this.code, this.summary, {
      resource: this.resource,
      call: this.call,
      api: this.api,
      next: this.next,
      cause: this.cause,
      network: this.network,
      refused: this.refused,
      record: this.record,
      attempts: this.attempts,
      ...changes,
    });
    // Where it was raised, under the new message.
    const frames = (this.stack ?? "").split("\n").filter((line) => line.trimStart().startsWith("at "));
    copy.stack = [`${copy.name}: ${copy.message}`, ...frames].join("\n");
    return copy;
  }
}

function composeMessage(summary: string, init: ReinstallErrorInit): string {
  const attempts = init.attempts ? `, after ${init.attempts} attempts` : "";
  const lines = [`${init.resource ? `${init.resource}: ` : ""}${summary}${init.call ? "" : attempts}`];
  if (init.call) lines.push(`  call: ${init.call}${attempts}`);
  if (init.api) lines.push(`  API said: ${describeAnswer(init.api)}`);
  if (init.next) lines.push(`  next: ${init.next}`);
  return lines.join("\n");
}

export function describeAnswer(api: ApiAnswer): string {
  const parts = [`HTTP ${api.status}`];
  if (api.class) parts.push(api.class);
  if (api.message) parts.push(JSON.stringify(api.message));
  return parts.join(" ");
}

/**
 * The safe part of a transport error (got's RequestError, node-ovh's errno or socket error): its code and errno.
 * Codes are kept only when they look like one, so no free text of the library's reaches a message.
 */
export function networkFailure(error: unknown, host?: string): NetworkFailure {
  type Fields = { code?: unknown; errno?: unknown; proxyStatus?: unknown; connectTimeoutMs?: unknown; atProxy?: unknown };
  const fields = typeof error === "object" && error !== null ? (error as Fields & { cause?: Fields }) : {};
  const errno = typeof error === "number" ? error : typeof fields.errno === "number" ? fields.errno : undefined;
  const code = typeof fields.code === "string" && /^[A-Z][A-Z0-9_]{1,63}$/.test(fields.code) ? fields.code : systemErrorName(errno);
  // A refused tunnel's status (proxy-tunnel.ts), a missed connect deadline (connect-deadline.ts), a failure on the
  // leg to the proxy; got keeps the agent's error as its cause.
  const integer = (name: "proxyStatus" | "connectTimeoutMs") => {
    const value = fields[name] ?? fields.cause?.[name];
    return Number.isInteger(value) ? { [name]: value as number } : {};
  };
  const atProxy = fields.atProxy === true || fields.cause?.atProxy === true;
  return {
    ...(code ? { code } : {}),
    ...(Number.isInteger(errno) ? { errno } : {}),
    ...(host ? { host } : {}),
    ...integer("proxyStatus"),
    ...integer("connectTimeoutMs"),
    ...(atProxy ? { atProxy } : {}),
  };
}

/** "ECONNRESET (errno -104)", for messages. */
export function describeNetworkFailure(failure: NetworkFailure): string {
  const errno = failure.errno === undefined ? "" : ` (errno ${failure.errno})`;
  return `${failure.code ?? "a network error"}${errno}`;
}

function systemErrorName(errno: number | undefined): string | undefined {
  if (errno === undefined || !Number.isInteger(errno) || errno >= 0) return undefined;
  const name = getSystemErrorName(errno);
  return name.startsWith("Unknown") ? undefined : name;
}

export function isReinstallError(e: unknown, code?: ErrorCode): e is ReinstallError {
  return e instanceof ReinstallError && (code === undefined || e.code === code);
}

/** Any failure as an Error attributed to a resource, for the init-failure form and the engine's message. */
export function asResourceError(error: unknown, resource: string): Error {
  if (isReinstallError(error)) return error.forResource(resource);
  return error instanceof Error ? error : new Error(String(error));
}

/** For `.catch()`: rethrows a failure attributed to the resource. */
export function rethrowAsResourceError(resource: string): (error: unknown) => never {
  return (error) => {
    throw asResourceError(error, resource);
  };
}

/**
 * Whether a failed destructive call may have been carried out. Only a well-formed refusal from the API proves
 * it was not; a timeout, a reset, a 5xx, a body that does not parse or an unexpected 2xx prove nothing.
 */
export function mayHaveHappened(error: unknown): boolean {
  return !(isReinstallError(error) && error.refused);
}
