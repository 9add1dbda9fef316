import { startOvhSimulator } from "pulumi-reinstall-simulator";
import type { RateLimit } from "pulumi-reinstall-provider";

/**
 * The shared budget of issue 10's contract: the provider's scheduler keeps a sliding window of `perMinute` per
 * credential, and the simulator answers OVH's 429 beyond `requestsPerMinute` in any trailing 60 s per consumer key.
 */
export const BUDGET_PER_MINUTE = 60;

export const providerBudget = (): RateLimit => ({ perMinute: BUDGET_PER_MINUTE });

export const throttlingOvhSimulator = (now: () => number) => startOvhSimulator({ now, requestsPerMinute: BUDGET_PER_MINUTE });
