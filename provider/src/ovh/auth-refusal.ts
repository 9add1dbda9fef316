import type { ApiAnswer } from "../errors";
import { credentialKinds, ovhSettings, type OvhConfig, type OvhSetting } from "./config";

/** What a refusal says about the credentials: which settings are at fault, why, and what to do with them (named). */
interface Blame {
  settings: readonly OvhSetting[];
  why: string;
  next: (named: string) => string;
}

/**
 * The legacy auth layer's error codes (docs/api/ovh-credentials.md#how-ovh-refuses-application-key-credentials;
 * python-ovh maps the same codes to its exceptions).
 * A consumer key is checked before the signature, so a bad signature means a bad application secret.
 */
const byErrorCode: Record<string, Blame> = {
  INVALID_KEY: {
    settings: ["applicationKey"],
    why: "OVH does not know this application key",
    next: (named) => `set ${named} to the key of an application created on this endpoint (https://eu.api.ovh.com/createApp/ or its ca/us twin)`,
  },
  INVALID_SIGNATURE: {
    settings: ["applicationSecret"],
    why: "the request signature made with it is invalid, so it is not the secret of this application key",
    next: (named) => `set ${named} to the application secret issued with the application key, then run \`pulumi up\` again`,
  },
  INVALID_CREDENTIAL: {
    settings: ["consumerKey"],
    why: "this consumer key does not exist, expired, was revoked, or belongs to another application key",
    next: (named) => `create a consumer key for this application key (https://eu.api.ovh.com/createToken/ or POST /auth/credential) and set ${named} to it`,
  },
  NOT_CREDENTIAL: {
    settings: ["consumerKey"],
    why: "this consumer key was never validated",
    next: (named) => `validate the consumer key in ${named} (open its validationUrl and log in), or create a new one`,
  },
  NOT_GRANTED_CALL: {
    settings: ["consumerKey"],
    why: "its access rules do not allow this call",
    next: (named) => `create a consumer key whose access rules allow GET and POST on /dedicated/server/*, and set ${named} to it`,
  },
};

/** A refusal by kind of credentials and status, when OVH gave no legacy error code (bearer tokens). */
function byStatus(config: OvhConfig, status: number): Blame | undefined {
  const settings = credentialKinds[config.credentials.kind].settings;
  if (status === 403) {
    return {
      settings,
      why: "they do not allow this call",
      next: (named) => `grant the credentials in ${named} GET and POST on /dedicated/server/* (IAM policy or consumer key access rules)`,
    };
  }
  if (status !== 401) return undefined;
  if (config.credentials.kind === "accessToken") {
    return {
      settings,
      why: "the token is invalid or expired",
      next: (named) => `set ${named} to a valid access token (they expire), or use an application key or a service account`,
    };
  }
  return { settings, why: "OVH did not accept them as a login", next: (named) => `check ${named}, then run \`pulumi up\` again` };
}

/**
 * The summary and next step for an OVH refusal of the credentials, naming each setting at fault and where its value
 * came from (stack config, environment, or an ovh.conf file and section), never the value. Undefined for any other answer.
 */
export function credentialRefusal(api: ApiAnswer, config: OvhConfig): { summary: string; next: string } | undefined {
  const known = api.class !== undefined ? byErrorCode[api.class] : undefined;
  const blame = known && config.credentials.kind === "application" ? known : byStatus(config, api.status);
  if (!blame) return undefined;
  const named = namesOf(blame.settings, config);
  return { summary: `OVH refused ${named}: ${blame.why}`, next: blame.next(named) };
}

/** "ovh:applicationSecret (stack config)", or the setting's names when the source is somehow unknown. */
export function namesOf(settings: readonly OvhSetting[], config: OvhConfig): string {
  return settings.map((name) => config.sources[name] ?? `${ovhSettings[name][0]} / ${ovhSettings[name][1]}`).join(", ");
}
