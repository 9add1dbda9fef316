import type { z } from "zod";
import type { Clock } from "../clock";
import { parseResponse } from "../parse-response";
import type { Priority } from "../scheduler";
import { retryPolicies, withRetry, type RetryNotice, type RetryOptions, type RetryPolicy } from "../retry";
import { describeCall, edisUrl, type EdisClient } from "./client";
import { Acknowledged, Details, Images, Power } from "./responses";
import type { EdisSession, EdisSessions } from "./sessions";

/**
 * The per-VPS routes this provider uses (docs/api/edis.md#routes), each on the session's `api_host`, verbatim
 * (docs/api/edis.md#api-host). `set/reinstall` and `get/power` (which tells that the reinstall is under way) are
 * "critical" for the scheduler, the rest "normal".
 */
export class EdisApi {
  /** Requests this instance sent: one instance per operation gives the calls per reinstall. */
  calls = 0;

  constructor(
    private readonly client: EdisClient,
    readonly sessions: EdisSessions,
    private readonly clock: Clock,
    /** Told of every retry, to show it as progress (retry-progress.ts). */
    private readonly onRetry?: (notice: RetryNotice) => void,
    /** The resource the calls are for (its name): the scheduler takes turns across resources. */
    private readonly owner?: string,
  ) {}

  session(kvmId: string): Promise<EdisSession> {
    return this.sessions.get(kvmId);
  }

  async images(kvmId: string): Promise<string[]> {
    return (await this.call(kvmId, "get/images", {}, Images, retryPolicies.read)).data;
  }

  /** "on", "off", or EDIS's own words when they are neither (only "server powered on" is documented, docs/api/edis.md#power-and-details). */
  async power(kvmId: string, retry: RetryOptions = {}): Promise<string> {
    const text = (await this.call(kvmId, "get/power", {}, Power, retryPolicies.read, retry, "critical")).data;
    return /powered on/i.test(text) ? "on" : /powered off/i.test(text) ? "off" : text;
  }

  /** The first IPv4 address of the VPS, without its mask. */
  async primaryIp(kvmId: string): Promise<string | undefined> {
    const details = await this.call(kvmId, "get/details", {}, Details, retryPolicies.read);
    return details.data.ip?.ipv4?.[0]?.split("/")[0];
  }

  /**
   * The destructive call: never retried (retryPolicies.destructive), except after a refused session. `steps` hears of
   * each try right before it goes out (with the API host it goes to) and of a refused session (that try did nothing).
   */
  async reinstall(
    kvmId: string,
    form: { image: string; password: string; cloudinit_user_data?: string },
    steps: ReinstallSteps,
    signal?: AbortSignal,
  ): Promise<void> {
    const fields: Record<string, string> = { image: form.image, password: form.password };
    if (form.cloudinit_user_data !== undefined) fields.cloudinit_user_data = form.cloudinit_user_data;
    await this.call(kvmId, "set/reinstall", fields, Acknowledged, retryPolicies.destructive, {}, "critical", signal, steps);
  }

  /** `retry.deadline`: every attempt, and the time each may take, ends by then. */
  private call<S extends z.ZodType>(
    kvmId: string,
    route: string,
    fields: Record<string, string>,
    schema: S,
    policy: RetryPolicy,
    retry: RetryOptions = {},
    priority: Priority = "normal",
    signal?: AbortSignal,
    steps?: ReinstallSteps,
  ): Promise<z.infer<S>> {
    return this.sessions.withSession(
      kvmId,
      (session) => {
        steps?.sending(session.apiHost);
        const url = edisUrl(session.apiHost, route);
        const form = { signature: session.signature, kvm_id: kvmId, valid_until: session.validUntil, ...fields };
        return withRetry(
          policy,
          this.clock,
          () => {
            this.calls += 1;
            const budgetMs = retry.deadline === undefined ? undefined : retry.deadline - this.clock.now();
            return this.client.post({ url, form, priority, signal }, { budgetMs, owner: this.owner });
          },
          { onRetry: this.onRetry, ...retry },
        ).then((body) => parseResponse(schema, body, { api: "EDIS", call: describeCall(url) }));
      },
      steps?.refused,
    );
  }
}

/** What the caller of `set/reinstall` records around each try of it (start-reinstall.ts: the intent journal). */
export interface ReinstallSteps {
  sending(apiHost: string): void;
  refused(): void;
}
