import type { Clock } from "../clock";
import { ReinstallError, isReinstallError } from "../errors";
import { retryPolicies, withRetry, type RetryNotice } from "../retry";
import { describeCall, type EdisClient } from "./client";
import type { EdisConfig } from "./config";
import { AuthResponse, type AuthEntry } from "./responses";
import { parseResponse } from "../parse-response";
import { quoted } from "../text-inputs";

export interface EdisSession {
  kvmId: string;
  apiHost: string;
  signature: string;
  validUntil: string;
  expiresAt: number;
  primaryIp?: string;
  description?: string;
}

/** Re-authenticate this long before `valid_until` (ours: docs/api/edis.md#session-lifetime). */
const refreshMarginMs = 60_000;

/**
 * Auth sessions per VPS, in memory only: a signature never reaches state or logs. A session is renewed
 * when `valid_until` nears, and once more when the API answers 401 (nothing happened on the server then,
 * so repeating the call is safe even for a reinstall).
 */
export class EdisSessions {
  private readonly sessions = new Map<string, EdisSession>();

  constructor(
    private readonly client: EdisClient,
    private readonly config: EdisConfig,
    private readonly clock: Clock,
    /** Told of every retry of a login, to show it as progress (retry-progress.ts). */
    private readonly onRetry?: (notice: RetryNotice) => void,
  ) {}

  async get(kvmId: string): Promise<EdisSession> {
    const cached = this.sessions.get(kvmId);
    if (cached && this.clock.now() < cached.expiresAt - refreshMarginMs) return cached;
    const session = await this.authenticate(kvmId);
    this.sessions.set(kvmId, session);
    return session;
  }

  /**
   * Runs a per-VPS call with a valid session, renewing it once if the API says it expired. A renewal that fails
   * leaves the call unsent (the refusal proved the first try did nothing), and its error says so. `onRefused` is told
   * of that refusal before the renewal, which may take a while of login retries.
   */
  async withSession<T>(kvmId: string, call: (session: EdisSession) => Promise<T>, onRefused?: () => void): Promise<T> {
    try {
      return await call(await this.get(kvmId));
    } catch (error) {
      if (!isSessionRefusal(error)) throw error;
      onRefused?.();
      this.sessions.delete(kvmId);
      const renewed = await this.get(kvmId).catch((failure: unknown) => {
        throw new ReinstallError(
          isReinstallError(failure, "CONFIG_ERROR") ? "CONFIG_ERROR" : "EDIS_API_ERROR",
          "EDIS refused the session and a new one could not be had; the call was not sent",
          {
            call: describeCall(this.authUrl()),
            api: isReinstallError(failure) ? failure.api : undefined,
            next: isReinstallError(failure) && failure.next ? failure.next : "run `pulumi up` again",
            cause: failure,
            refused: true,
          },
        );
      });
      return call(renewed);
    }
  }

  private authUrl(): string {
    return `${this.config.sessionUrl}/kvm/v2/get/auth`;
  }

  private async authenticate(kvmId: string): Promise<EdisSession> {
    const url = this.authUrl();
    const login = () => this.client.post({ url, form: { email: this.config.email, pw: this.config.password, kvm_id: kvmId } });
    const body = await withRetry(retryPolicies.read, this.clock, login, { onRetry: this.onRetry }).catch((error: unknown) => {
      if (isReinstallError(error, "EDIS_API_ERROR") && (error.api?.status === 401 || error.api?.status === 400)) {
        const { email, password } = this.config.sources;
        throw new ReinstallError("CONFIG_ERROR", `EDIS refused the login of ${email} and ${password}`, {
          call: error.call,
          api: error.api,
          // Whole in itself: a failed session renewal passes this on under a summary of its own.
          next: `set the client-area login's email in ${email} and its password in ${password}, and check that API access is enabled in the VPS Management Portal`,
        });
      }
      throw error;
    });
    const data = parseResponse(AuthResponse, body, { api: "EDIS", call: describeCall(url) }).data;
    const entry = Array.isArray(data) ? undefined : data[kvmId];
    if (!entry) throw await this.unknownVps(kvmId);
    if (entry.suspended !== "n") {
      throw new ReinstallError("EDIS_API_ERROR", `VPS ${kvmId} is suspended (suspended: ${JSON.stringify(entry.suspended)})`, {
        call: describeCall(this.authUrl()),
        next: "settle the suspension with EDIS (client area or support), then run `pulumi up` again",
      });
    }
    return toSession(kvmId, entry);
  }

  /** The account's VPSes, for a message that says which kvm ids exist. */
  private async unknownVps(kvmId: string): Promise<ReinstallError> {
    const url = this.authUrl();
    const all = await this.client.post({ url, form: { email: this.config.email, pw: this.config.password } }).catch(() => undefined);
    const data = all ? AuthResponse.safeParse(all) : undefined;
    const known =
      data?.success && !Array.isArray(data.data.data)
        ? Object.values(data.data.data).map((e) => `${e.kvm_id}${e.description ? ` (${e.description})` : ""}`)
        : [];
    return new ReinstallError("INVALID_INPUT", `no VPS ${quoted(kvmId)} in this EDIS account${known.length ? `; VPSes: ${known.join(", ")}` : ""}`, {
      call: describeCall(this.authUrl()),
      next: "fix kvmId (it reads like kvm_123456_789012, see the VPS Management Portal)",
    });
  }
}

function toSession(kvmId: string, entry: AuthEntry): EdisSession {
  const seconds = Number(entry.valid_until);
  return {
    kvmId,
    apiHost: entry.api_host,
    signature: entry.signature,
    validUntil: String(entry.valid_until),
    expiresAt: Number.isFinite(seconds) ? seconds * 1000 : 0,
    primaryIp: entry.primary_ip ?? undefined,
    description: entry.description ?? undefined,
  };
}

/**
 * A definite refusal because of the session — a 401, or a refusal whose words are about the signature or the
 * session (docs/api/edis.md#expired-sessions: "Invalid or expired session signature.", "Session expired. Please re-authenticate.")
 * — proves nothing happened, so renewing and calling again is safe even for a reinstall. "Expired" alone is not
 * about the session ("Image license expired"): such a refusal is reported, not answered with a second call.
 * A 5xx or an unreadable answer is never taken for one, whatever its words.
 */
function isSessionRefusal(error: unknown): boolean {
  if (!isReinstallError(error, "EDIS_API_ERROR") || !error.refused) return false;
  // Stryker disable next-line StringLiteral: "" stands for a refusal without words; Stryker's replacement names neither signature nor session, so it reads the same
  return error.api?.status === 401 || /signature|session/i.test(error.api?.message ?? "");
}
