import { z } from "zod";
import type { Clock } from "../clock";
import { isReinstallError } from "../errors";
import { parseResponse } from "../parse-response";
import { retryPolicies, withRetry, type RetryNotice, type RetryOptions, type RetryPolicy } from "../retry";
import { describeCall, type OvhClient, type OvhRequest } from "./client";
import * as R from "./responses";

/**
 * The OVH routes this provider uses, each parsed with its zod schema. One attempt or a retried read each. Priorities
 * (scheduler.ts): the install POST and task reads are "critical" (a task's end is noticed first), install/status
 * is "progress", the rest "normal".
 */
export class OvhApi {
  /** Requests this instance sent, retries included: one instance per operation gives the calls per install. */
  calls = 0;

  constructor(
    readonly client: OvhClient,
    private readonly clock: Clock,
    /** Told of every retry, to show it as progress (retry-progress.ts). */
    private readonly onRetry?: (notice: RetryNotice) => void,
    /** The resource the calls are for (its name): the scheduler takes turns across resources. */
    private readonly owner?: string,
  ) {}

  /**
   * Now on OVH's clock, epoch ms: a task's dates are on it, and this machine's clock may be off it by any amount.
   * /auth/time tells the second; within it, this machine's clock tells the millisecond where the two agree.
   */
  async now(): Promise<number> {
    const second = (await this.read(R.AuthTime, { method: "GET", path: "/auth/time" })) * 1000;
    return Math.min(Math.max(this.clock.now(), second), second + 999);
  }

  listServers(): Promise<string[]> {
    return this.read(R.ServiceNames, { method: "GET", path: "/dedicated/server" });
  }

  server(serviceName: string, retry: RetryOptions = {}): Promise<R.Server> {
    return this.read(R.Server, { method: "GET", path: serverPath(serviceName) }, retryPolicies.read, retry);
  }

  compatibleTemplates(serviceName: string): Promise<string[]> {
    return this.read(R.CompatibleTemplates, { method: "GET", path: `${serverPath(serviceName)}/install/compatibleTemplates` }).then((r) => r.ovh ?? []);
  }

  hardware(serviceName: string): Promise<R.HardwareSpecifications> {
    return this.read(R.HardwareSpecifications, { method: "GET", path: `${serverPath(serviceName)}/specifications/hardware` });
  }

  template(templateName: string): Promise<R.Template> {
    return this.read(R.Template, { method: "GET", path: `/dedicated/installationTemplate/${encodeURIComponent(templateName)}` });
  }

  templateInfos(): Promise<z.infer<typeof R.TemplateInfos>> {
    return this.read(R.TemplateInfos, { method: "GET", path: "/dedicated/installationTemplate/templateInfos" });
  }

  partitionSchemes(templateName: string): Promise<string[]> {
    return this.read(R.ServiceNames, {
      method: "GET",
      path: `/dedicated/installationTemplate/${encodeURIComponent(templateName)}/partitionScheme`,
    });
  }

  /** Retried like a task poll: the list flaps with 404s and 500s too (see retryPolicies.taskPoll). */
  installTaskIds(serviceName: string, retry: RetryOptions = {}): Promise<number[]> {
    return this.taskIds(serviceName, "reinstallServer", retry);
  }

  task(serviceName: string, taskId: number, retry: RetryOptions & { policy?: RetryPolicy } = {}): Promise<R.Task> {
    const req: OvhRequest = { method: "GET", path: `${serverPath(serviceName)}/task/${taskId}`, priority: "critical" };
    return this.read(R.Task, req, retry.policy ?? retryPolicies.read, retry);
  }

  /** The server's boot ids, of one type when `bootType` is given (docs/api/ovh.md#boots-and-reboot). */
  bootIds(serviceName: string, bootType?: string): Promise<number[]> {
    return this.read(R.BootIds, { method: "GET", path: `${serverPath(serviceName)}/boot`, ...(bootType ? { query: { bootType } } : {}) });
  }

  boot(serviceName: string, bootId: number): Promise<R.Boot> {
    return this.read(R.Boot, { method: "GET", path: `${serverPath(serviceName)}/boot/${bootId}` });
  }

  /** Sets the boot the server uses from its next reboot on: idempotent, so retried like a read. */
  async setBoot(serviceName: string, bootId: number, retry: RetryOptions = {}): Promise<void> {
    await this.read(z.unknown(), { method: "PUT", path: serverPath(serviceName), body: { bootId } }, retryPolicies.read, retry);
  }

  /** Task ids of one function (`reinstallServer`, `hardReboot`), retried like a task poll. */
  taskIds(serviceName: string, fn: string, retry: RetryOptions = {}): Promise<number[]> {
    return this.read(R.TaskIds, { method: "GET", path: `${serverPath(serviceName)}/task`, query: { function: fn } }, retryPolicies.taskPoll, retry);
  }

  /** Install progress; `undefined` when OVH says no install is running (a 404 with a sentence, docs/api/ovh.md#install-progress). */
  async installStatus(serviceName: string, retry: RetryOptions & { policy?: RetryPolicy } = {}): Promise<R.InstallStatus | undefined> {
    try {
      return await this.read(
        R.InstallStatus,
        { method: "GET", path: `${serverPath(serviceName)}/install/status`, priority: "progress" },
        retry.policy ?? retryPolicies.read,
        retry,
      );
    } catch (e) {
      if (isReinstallError(e, "OVH_API_ERROR") && e.api?.status === 404) return undefined;
      throw e;
    }
  }

  /** The destructive call, sent once: see start-install.ts for what an ambiguous failure means. */
  post(req: Omit<OvhRequest, "method">): Promise<R.Task> {
    const full: OvhRequest = { method: "POST", ...req, priority: "critical" };
    return withRetry(retryPolicies.destructive, this.clock, () => this.send(full)).then((body) => parse(R.Task, body, full));
  }

  private read<S extends z.ZodType>(schema: S, req: OvhRequest, policy: RetryPolicy = retryPolicies.read, options: RetryOptions = {}): Promise<z.infer<S>> {
    return withRetry(policy, this.clock, () => this.send(req, options.deadline), { onRetry: this.onRetry, ...options }).then((body) =>
      parse(schema, body, req),
    );
  }

  private send(req: OvhRequest, deadline?: number): Promise<unknown> {
    this.calls += 1;
    const budgetMs = deadline === undefined ? undefined : deadline - this.clock.now();
    return this.client.request(req, { budgetMs, owner: this.owner }).catch((error: unknown) => {
      // A skipped progress read was never sent.
      if (isReinstallError(error, "SKIPPED")) this.calls -= 1;
      throw error;
    });
  }
}

export function serverPath(serviceName: string): string {
  return `/dedicated/server/${encodeURIComponent(serviceName)}`;
}

function parse<S extends z.ZodType>(schema: S, body: unknown, req: OvhRequest): z.infer<S> {
  return parseResponse(schema, body, { api: "OVH", call: describeCall(req) });
}
