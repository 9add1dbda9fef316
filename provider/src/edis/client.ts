import type { Got } from "got" with { "resolution-mode": "import" };
import type { Clock } from "../clock";
import { ReinstallError, networkFailure } from "../errors";
import { connectionAgent } from "../connection-agent";
import { explainNetworkFailure, networkCause } from "../network-cause";
import { attemptTimeoutMs } from "../retry";
import type { Priority, RequestScheduler } from "../scheduler";

export interface EdisClientOptions {
  scheduler: RequestScheduler;
  clock: Clock;
  /** Real-time limit per request; past it the call counts as a network error (ambiguous for a reinstall). */
  requestTimeoutMs: number;
  /** Real-time limit for a new connection to be ready (connect-deadline.ts); past it nothing was sent. */
  connectTimeoutMs: number;
  /** Where HTTPS_PROXY and NO_PROXY are read (docs/api/proxies.md). */
  env: NodeJS.ProcessEnv;
}

/** One call: where, and its form (which holds secrets, so messages name only the host and path). */
export interface EdisCall {
  url: string;
  form: Record<string, string>;
  /** How the shared scheduler orders it; default "normal". */
  priority?: Priority;
  /** Stops it from being sent while it waits in the scheduler (RunOptions.signal). */
  signal?: AbortSignal;
}

export interface EdisPostOptions {
  /** What is left of the caller's deadline, in ms: the attempt ends then (after a short minimum) if sooner than the usual timeout. */
  budgetMs?: number;
  /** The resource the call is for: the scheduler takes turns across resources. */
  owner?: string;
}

/**
 * One attempt of one EDIS call: a form-encoded POST through got, paced by the shared scheduler. Success is
 * HTTP 2xx AND `status: "success"`; every other answer, whatever its shape (docs/api/edis.md#error-bodies), becomes one
 * error carrying the status, the code and the first of `error`, `message` or `msg`. Errors keep nothing of
 * got's (its errors hold the form), and the secrets the form held are cut out of what EDIS said.
 */
export class EdisClient {
  private got: Promise<Got> | undefined;
  /** Hosts that gave an HTTP answer in this process: a connection failure to one of them is an outage, not the setup. */
  private readonly answered = new Set<string>();

  constructor(
    readonly credential: string,
    private readonly options: EdisClientOptions,
  ) {}

  post(call: EdisCall, options: EdisPostOptions = {}): Promise<Record<string, unknown>> {
    const timeoutMs = attemptTimeoutMs(this.options.requestTimeoutMs, options.budgetMs);
    return this.options.scheduler.run(this.credential, () => this.send(call, timeoutMs), {
      priority: call.priority,
      owner: options.owner,
      signal: call.signal,
    });
  }

  private async send(call: EdisCall, timeoutMs: number): Promise<Record<string, unknown>> {
    // got is ESM-only: loaded with a real dynamic import, in the provider process (Node 20 runs it from CommonJS).
    this.got ??= import("got").then((m) => m.got);
    const got = await this.got;
    const described = describeCall(call.url);
    const url = new URL(call.url);
    const { agent, proxy } = connectionAgent(url, this.options.env, this.options.connectTimeoutMs);
    let response;
    try {
      response = await got.post(url, {
        form: call.form,
        throwHttpErrors: false,
        // Retries are the scheduler's call. got (14.6) never retries a POST by default; the limit keeps it so.
        // Stryker disable next-line ObjectLiteral: equivalent while got's default holds
        retry: { limit: 0 },
        timeout: { request: timeoutMs },
        responseType: "text",
        agent: { https: agent },
      });
    } catch (error) {
      const network = { ...networkFailure(error, url.host), firstContact: !this.answered.has(url.host), ...(proxy ? { proxy: proxy.shown } : {}) };
      const { summary, next } = explainNetworkFailure(
        network,
        url.pathname.endsWith("/get/auth") ? "edis:sessionUrl / EDIS_SESSION_URL" : "the api_host EDIS's get/auth gave",
      );
      // A missed connect deadline proves the request was not sent (connect-deadline.ts): nothing happened, even for a reinstall.
      throw new ReinstallError("NETWORK_ERROR", summary, { call: described, next, network, refused: networkCause(network) === "connect-timeout" });
    }
    this.answered.add(url.host);
    const body = parseJson(response.body);
    const status = response.statusCode;
    const twoHundred = statusClass(status) === 2;
    if (twoHundred && body?.status === "success") return body;
    const message = body ? firstText(body) : undefined;
    throw new ReinstallError("EDIS_API_ERROR", `EDIS answered HTTP ${status}${body ? "" : " with a body that is not JSON"}`, {
      call: described,
      api: {
        status,
        class: typeof body?.error_code === "string" ? body.error_code : undefined,
        message: message === undefined ? undefined : withoutSecrets(message, call.form),
        retryAfter: response.headers["retry-after"],
      },
      next: nextForStatus(status),
      refused: isRefusal(status, body),
    });
  }
}

/**
 * Only EDIS's documented error shapes prove that nothing happened (docs/api/edis.md#error-bodies): a 4xx, or a 2xx whose
 * `status` is exactly "error". Any other 2xx ("ok", "Success", "pending", none) may hide a started reinstall,
 * and so does a 5xx, or a 429 (a gateway may send one after EDIS acted). "Error" in another case is not taken
 * for a refusal either: the documented word is lowercase, and taking an acknowledgement for a refusal is the
 * mistake that costs a second reinstall.
 */
function isRefusal(status: number, body: Record<string, unknown> | undefined): boolean {
  if (statusClass(status) === 4) return status !== 429;
  return statusClass(status) === 2 && body?.status === "error";
}

/**
 * The hundreds digit of a status: 2 for a success, 4 for a client error. A class, not bounds: below 200 only a 101 reaches
 * got, which hands it over without its body, so a lower bound of 200 could never be told from none.
 */
function statusClass(status: number): number {
  return Math.floor(status / 100);
}

/** The form fields EDIS takes that are secrets (docs/api/edis.md#reinstall): what EDIS says must never quote them back. */
const secretFields = ["pw", "password", "signature", "cloudinit_user_data"];

/**
 * EDIS's words without the secrets it was sent. A secret of a few characters cannot be told from ordinary words;
 * cutting it out would only garble them. Cloud-init data holds secrets of its own on any line, so a message that
 * quotes any of its lines is withheld whole.
 */
function withoutSecrets(text: string, form: Record<string, string>): string {
  const quotesUserData = form.cloudinit_user_data
    ?.split("\n")
    .map((line) => line.trim())
    .some((line) => line.length >= 8 && text.includes(line));
  if (quotesUserData) return "[EDIS's message quotes the cloud-init data; withheld]";
  return secretFields.reduce((out, name) => {
    const secret = form[name];
    return secret && secret.length >= 4 ? out.split(secret).join("[redacted]") : out;
  }, text);
}

function nextForStatus(status: number): string {
  if (status === 401 || status === 403) {
    return "check edis:email and edis:password, that API access is enabled in the VPS Management Portal, and that the VPS is not suspended";
  }
  if (status >= 500 || status === 429) return "EDIS had a problem or is busy: run `pulumi up` again";
  return "fix what EDIS names, then run `pulumi up` again";
}

/** An EDIS API call's URL on the VPS's API host (the auth answer's api_host). */
export function edisUrl(apiHost: string, route: string): string {
  return `https://${apiHost}/kvm/v2/${route}`;
}

/**
 * A call as messages name it, host included: a VPS's API host is its own and changes when EDIS migrates the VPS,
 * and the session host is another, so the host says which one answered.
 */
export function describeCall(url: string): string {
  const u = new URL(url);
  return `POST ${u.host}${u.pathname}`;
}

/** The body as a JSON object, or undefined: a null body reads as none wherever one is used (optional chaining, truth tests). */
function parseJson(text: string): Record<string, unknown> | undefined {
  try {
    const parsed: unknown = JSON.parse(text);
    const object =
      typeof parsed === "object" &&
      // Stryker disable next-line ConditionalExpression: a null let through reads as no body (see above)
      parsed !== null &&
      !Array.isArray(parsed);
    return object ? (parsed as Record<string, unknown>) : undefined;
    // The directive must lead the catch clause itself to reach the catch's block.
  } /* Stryker disable next-line BlockStatement: an empty catch returns undefined too */ catch {
    return undefined;
  }
}

function firstText(body: Record<string, unknown>): string | undefined {
  for (const key of ["error", "message", "msg"]) if (typeof body[key] === "string") return body[key] as string;
  return undefined;
}
