import { ReinstallError, describeNetworkFailure, networkFailure } from "../errors";
import { credentialRefusal, namesOf } from "./auth-refusal";
import type { OvhConfig } from "./config";
import type { OvhRequest } from "./client";

export const nextForNetwork = "check that the OVH endpoint is reachable from where Pulumi runs, then run `pulumi up` again";

/** For failures whose socket error was not seen (a token endpoint's 5xx, an error answer to GET /auth/time). */
function nextForEndpoint(endpoint: string): string {
  return endpoint.startsWith("https:")
    ? `check that ${endpoint} is reachable and its certificate trusted (for the simulator, export NODE_EXTRA_CA_CERTS=<the CA path reinstall-sim prints> before running pulumi), then run \`pulumi up\` again`
    : nextForNetwork;
}

/**
 * OVH's validation messages may quote what they refuse (`CustomizationInvalidFormat` ends with `{{.msg}}`,
 * docs/api/ovh.md#reinstall-errors): the answers to the template's questions (scripts, keys) are secrets, so any of
 * them quoted back is cut out of what the API said.
 */
export function withoutAnswers(error: ReinstallError, body: OvhRequest["body"]): ReinstallError {
  const message = error.api?.message;
  if (!message || !body) return error;
  // A shorter answer (a hostname "custom" in "customization") cannot be told from OVH's own words: cutting it garbles them.
  const answers = leaves(body.customizations ?? body.userMetadata).filter((v) => v.length >= 8);
  const cut = answers.reduce((out, answer) => out.split(answer).join("[redacted]"), message);
  if (cut === message) return error;
  return new ReinstallError(error.code, `OVH answered HTTP ${error.api!.status}`, {
    call: error.call,
    api: { ...error.api!, message: cut },
    next: error.next,
    refused: error.refused,
  });
}

function leaves(value: unknown): string[] {
  if (typeof value === "string") return [value];
  if (Array.isArray(value)) return value.flatMap(leaves);
  if (typeof value === "object" && value !== null) return Object.values(value).flatMap(leaves);
  return [];
}

/** An OVH call that failed, as node-ovh reported it. `answer`: the raw body and Retry-After header of the HTTP answer, when there was one. */
export function callError(error: unknown, message: unknown, answer: { body?: string; retryAfter?: string }, call: string, config: OvhConfig): ReinstallError {
  const endpoint = config.endpoint;
  // node-ovh passes an HTTP status, or a socket error's errno (a negative number) as the same first argument.
  if (typeof error === "number" && error >= 100 && error <= 599) {
    const parsed = parseBody(answer.body);
    const api = {
      status: error,
      class: typeof parsed?.class === "string" ? parsed.class : typeof parsed?.errorCode === "string" ? parsed.errorCode : undefined,
      message: typeof message === "string" ? message : typeof parsed?.message === "string" ? parsed.message : undefined,
      ...(error === 429 && answer.retryAfter !== undefined ? { retryAfter: answer.retryAfter } : {}),
    };
    const refusal = credentialRefusal(api, config);
    return new ReinstallError("OVH_API_ERROR", refusal?.summary ?? `OVH answered HTTP ${error}`, {
      call,
      api,
      next: refusal?.next ?? nextForStatus(error),
      // A 429 may come from a gateway after the API acted: for a destructive call it proves nothing.
      refused: error >= 400 && error < 500 && error !== 429,
    });
  }
  if (typeof error === "object" && error !== null && "statusCode" in error) {
    // An OAuth2 token failure, shaped by node-ovh as {statusCode, error, message}. The call itself was not sent.
    const e = error as { statusCode?: number; error?: string; message?: unknown };
    // simple-oauth2 reports a dropped connection as a 502 of its own; only a 4xx is OVH judging the credentials.
    if (!e.statusCode || e.statusCode >= 500) {
      return new ReinstallError(
        "NETWORK_ERROR",
        `OVH's OAuth2 token endpoint gave no usable answer${e.statusCode ? ` (HTTP ${e.statusCode})` : ""}; the call was not sent`,
        {
          call: "POST /auth/oauth2/token",
          next: nextForEndpoint(endpoint),
          refused: true,
        },
      );
    }
    return new ReinstallError("OVH_API_ERROR", `OVH refused the OAuth2 client credentials ${namesOf(["clientId", "clientSecret"], config)}`, {
      call: "POST /auth/oauth2/token",
      api: { status: e.statusCode ?? 0, class: e.error, message: JSON.stringify(e.message) },
      next: "set the id and secret of a service account of this endpoint's OVH account, then run `pulumi up` again",
      refused: true,
    });
  }
  const text = error instanceof Error ? error.message : String(error);
  if (text.startsWith("[OVH] Unable to parse JSON")) {
    // node-ovh parses before it looks at the status: a gateway's HTML error page ends up here.
    return new ReinstallError("NETWORK_ERROR", "OVH answered with a body that is not JSON (a gateway error page?)", {
      call,
      next: nextForNetwork,
    });
  }
  // node-ovh's own failures are fixed sentences; anything else is a socket's error, kept as its code and errno only.
  const network = typeof error === "string" ? undefined : networkFailure(error);
  return new ReinstallError("NETWORK_ERROR", `the request failed: ${network ? describeNetworkFailure(network) : text}`, {
    call,
    next: nextForEndpoint(endpoint),
    network,
  });
}

function nextForStatus(status: number): string {
  if (status >= 500 || status === 429) return "OVH had a problem or is busy: run `pulumi up` again (a running install is resumed, not restarted)";
  return "fix what the API names, then run `pulumi up` again";
}

function parseBody(body: string | undefined): Record<string, unknown> | undefined {
  if (!body) return undefined;
  try {
    const parsed: unknown = JSON.parse(body);
    return typeof parsed === "object" && parsed !== null ? (parsed as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
