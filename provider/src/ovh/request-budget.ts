import { z } from "zod";
import { ReinstallError } from "../errors";
import { readSettings, settingNames, type SettingSource } from "../settings";

/** Pulumi config key and environment variable; no ovh.conf key: the OVH SDKs' file has no such setting. */
export const requestBudgetSettings = { requestsPerMinute: ["ovh:requestsPerMinute", "OVH_REQUESTS_PER_MINUTE"] } as const;

/**
 * Requests per minute per credential (scheduler.ts). Unset, the scheduler's default, OVH's fair-use figure of 60,
 * applies. The ceiling only catches typos: 6000 a minute is 100 a second, far past anything OVH is known to allow.
 */
export const RequestsPerMinute = z.string().regex(/^\d+$/).transform(Number).pipe(z.number().int().min(1).max(6000));

/** The configured budget, if any; a value that is not a whole number from 1 to 6000 fails, naming where it was set. */
export function resolveRequestsPerMinute(config: SettingSource, env: NodeJS.ProcessEnv): { requestsPerMinute?: number } {
  const { requestsPerMinute: given } = readSettings(requestBudgetSettings, config, env);
  if (given === undefined) return {};
  const parsed = RequestsPerMinute.safeParse(given.value);
  if (parsed.success) return { requestsPerMinute: parsed.data };
  // The value is not quoted: it may be a secret pasted into the wrong variable.
  throw new ReinstallError(
    "CONFIG_ERROR",
    `${given.source} must be a whole number of requests per minute from 1 to 6000; it is a ${given.value.length}-character value that is not`,
    {
      next: `set ${settingNames(requestBudgetSettings, ["requestsPerMinute"])} to the requests per minute the OVH key may make (unset: 60, OVH's fair-use figure), then run \`pulumi up\` again`,
    },
  );
}
