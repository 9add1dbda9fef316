import { isReinstallError } from "./errors";
import type { ProgressSink } from "./progress";
import type { RetryNotice } from "./retry";

/**
 * Each retry as a progress line, e.g. "GET /dedicated/server/ns1.eu/task/123: HTTP 500, retry 2/10 in 10 s":
 * the call as the error names it (method and path, never a body) and what happened (a status, a socket error's
 * code, a timeout), never what the API or the socket said.
 */
export function retryProgress(progress: ProgressSink, resource: string, urn?: string): (notice: RetryNotice) => void {
  return (notice) => progress({ resource, urn, message: retryLine(notice), elapsedSeconds: 0 });
}

export function retryLine({ error, attempt, retries, delayMs }: RetryNotice): string {
  const call = isReinstallError(error) && error.call ? error.call : "a call";
  return `${call}: ${whatHappened(error)}, retry ${attempt}/${retries} in ${Math.round(delayMs / 1000)} s`;
}

function whatHappened(error: unknown): string {
  if (!isReinstallError(error)) return "failed";
  if (error.api) return `HTTP ${error.api.status}`;
  // Without a socket error (the OVH client's own timeout, a gateway's page that is not JSON), our own summary says it.
  return error.network?.code ?? error.message.split("\n")[0];
}
