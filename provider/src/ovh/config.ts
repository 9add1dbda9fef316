import { createHash } from "node:crypto";
import { z } from "zod";
import { ReinstallError } from "../errors";
import { endpointUrlProblem, readSettings, settingNames, sourcesOf, type SettingSource, type Sourced } from "../settings";
import { ovhConfPaths, readOvhConf } from "./ovh-conf";
import { resolveRequestsPerMinute } from "./request-budget";

/** Endpoint names shared with terraform-provider-ovh, pulumi-ovh and the OVH SDKs (docs/api/ovh-transport.md#endpoints). */
export const ovhEndpointNames = ["ovh-eu", "ovh-ca", "ovh-us", "kimsufi-eu", "kimsufi-ca", "soyoustart-eu", "soyoustart-ca"] as const;

/** Only these have an OAuth2 token URL (node-ovh lib/endpoints.js). */
const oauth2Endpoints: readonly string[] = ["ovh-eu", "ovh-ca", "ovh-us"];

/** Pulumi config key, environment variable and ovh.conf key: the names terraform-provider-ovh, pulumi-ovh and go-ovh read. */
export const ovhSettings = {
  endpoint: ["ovh:endpoint", "OVH_ENDPOINT", "endpoint"],
  applicationKey: ["ovh:applicationKey", "OVH_APPLICATION_KEY", "application_key"],
  applicationSecret: ["ovh:applicationSecret", "OVH_APPLICATION_SECRET", "application_secret"],
  consumerKey: ["ovh:consumerKey", "OVH_CONSUMER_KEY", "consumer_key"],
  clientId: ["ovh:clientId", "OVH_CLIENT_ID", "client_id"],
  clientSecret: ["ovh:clientSecret", "OVH_CLIENT_SECRET", "client_secret"],
  accessToken: ["ovh:accessToken", "OVH_ACCESS_TOKEN", "access_token"],
} as const;

export type OvhSetting = keyof typeof ovhSettings;

/** The three kinds of OVH credentials and the settings each is made of. */
export const credentialKinds = {
  application: { label: "an application key", settings: ["applicationKey", "applicationSecret", "consumerKey"] },
  oauth2: { label: "an OAuth2 service account", settings: ["clientId", "clientSecret"] },
  accessToken: { label: "an access token", settings: ["accessToken"] },
} as const satisfies Record<string, { label: string; settings: readonly OvhSetting[] }>;

/**
 * A URL is taken as URL parsing writes it, scheme and host in lower case (a scheme is case-insensitive, RFC 3986
 * section 3.1): the client and the messages tell a URL from an endpoint name by its "https:".
 */
const Endpoint = z.union([
  z.enum(ovhEndpointNames),
  z
    .string()
    .refine((value) => endpointUrlProblem(value) === undefined)
    .transform((value) => new URL(value).href),
]);

export const OvhCredentials = z.discriminatedUnion("kind", [
  z.object({
    kind: z.literal("application"),
    applicationKey: z.string().min(1),
    applicationSecret: z.string().min(1),
    consumerKey: z.string().min(1),
  }),
  z.object({ kind: z.literal("oauth2"), clientId: z.string().min(1), clientSecret: z.string().min(1) }),
  z.object({ kind: z.literal("accessToken"), accessToken: z.string().min(1) }),
]);
export type OvhCredentials = z.infer<typeof OvhCredentials>;

/**
 * `sources`: where each setting used came from ("OVH_APPLICATION_SECRET (environment)"), for messages about a refusal.
 * `requestsPerMinute`: the credential's request budget when configured (ovh:requestsPerMinute).
 */
export const OvhConfig = z.object({
  endpoint: Endpoint,
  credentials: OvhCredentials,
  sources: z.record(z.string(), z.string()),
  requestsPerMinute: z.number().int().positive().optional(),
});
export type OvhConfig = z.infer<typeof OvhConfig>;

const howToSet =
  "set them with `pulumi config set ovh:<name> <value> [--secret]`, the OVH_* environment variables or an ovh.conf file " +
  "(./ovh.conf, ~/.ovh.conf, /etc/ovh.conf), one of three kinds: an application key (applicationKey, applicationSecret, consumerKey), " +
  "an OAuth2 service account (clientId, clientSecret) or an access token (accessToken)";

/**
 * The OVH settings, each from Pulumi config, else the environment, else ovh.conf (`confPaths`, highest precedence
 * first): the endpoint from `[default]`, the credentials from the section named after the endpoint.
 */
export function resolveOvhConfig(config: SettingSource, env: NodeJS.ProcessEnv, confPaths: readonly string[] = ovhConfPaths(env)): OvhConfig {
  const conf = readOvhConf(confPaths);
  const unread = [
    ...(conf.unreadable.length > 0 ? [`could not read ${conf.unreadable.join(", ")}`] : []),
    ...(conf.spaced.length > 0 ? [`${conf.spaced.join(", ")}: a section's name keeps the spaces inside its brackets, as python-ovh and go-ovh read it`] : []),
  ]
    .map((note) => `; ${note}`)
    .join("");
  const { endpoint: given } = readSettings({ endpoint: ovhSettings.endpoint }, config, env, (key) => conf.get("default", key));
  if (given === undefined) {
    throw configError(
      `no OVH endpoint is set: set ovh:endpoint or OVH_ENDPOINT (or endpoint in ovh.conf [default]) to one of ${ovhEndpointNames.join(", ")}, or an https URL such as the simulator's${unread}`,
    );
  }
  const endpoint = Endpoint.safeParse(given.value);
  if (!endpoint.success) {
    throw configError(
      `the OVH endpoint from ${given.source} is neither a known name (${ovhEndpointNames.join(", ")}) nor a usable https URL: ${endpointUrlProblem(given.value)}`,
    );
  }
  // The section is named after the endpoint as written, as go-ovh looks it up.
  const values = readSettings(ovhSettings, config, env, (key) => conf.get(given.value, key));
  const credentials = pickCredentials(values, given.value, unread);
  if (credentials.kind === "oauth2" && !endpoint.data.startsWith("https:") && !oauth2Endpoints.includes(endpoint.data)) {
    throw configError(
      `endpoint ${endpoint.data} (${given.source}) does not support OAuth2 service accounts: use an application key or an access token, or one of ${oauth2Endpoints.join(", ")}`,
    );
  }
  const sources = Object.fromEntries(credentialKinds[credentials.kind].settings.map((name) => [name, values[name]!.source]));
  return { endpoint: endpoint.data, credentials, sources: { endpoint: given.source, ...sources }, ...resolveRequestsPerMinute(config, env) };
}

/** go-ovh's rule: exactly one kind of credentials once every source is merged ("can't use multiple authentication methods"). */
/** `unread`: "; could not read …" when a file that exists could not be read, "; … [ ovh-eu ] is not [ovh-eu] …" when a section is named with spaces, else "". */
function pickCredentials(values: Partial<Record<OvhSetting, Sourced>>, section: string, unread: string): OvhCredentials {
  const given = Object.values(credentialKinds).filter((kind) => kind.settings.some((name) => values[name] !== undefined));
  if (given.length > 1) {
    const described = given.map((kind) => `${kind.label} (${sourcesOf(values, kind.settings)})`);
    throw configError(`more than one kind of OVH credentials is set: ${described.join(" and ")}; keep one kind (go-ovh refuses this mix too)`);
  }
  const kind = given[0];
  if (kind === undefined) {
    const all = Object.values(credentialKinds).map((k) => `${settingNames(ovhSettings, k.settings, section)} (${k.label})`);
    throw configError(`no OVH credentials are set: set ${all.join("; or ")}${unread}`);
  }
  const absent = kind.settings.filter((name) => values[name] === undefined);
  if (absent.length > 0) {
    throw configError(
      `${kind.label} needs ${kind.settings.map((name) => ovhSettings[name][0]).join(", ")}: found ${sourcesOf(values, kind.settings)}; missing ${settingNames(ovhSettings, absent, section)}${unread}`,
    );
  }
  const value = (name: OvhSetting) => values[name]!.value;
  if (kind === credentialKinds.accessToken) return { kind: "accessToken", accessToken: value("accessToken") };
  if (kind === credentialKinds.oauth2) return { kind: "oauth2", clientId: value("clientId"), clientSecret: value("clientSecret") };
  return { kind: "application", applicationKey: value("applicationKey"), applicationSecret: value("applicationSecret"), consumerKey: value("consumerKey") };
}

function configError(summary: string): ReinstallError {
  return new ReinstallError("CONFIG_ERROR", summary, { next: howToSet });
}

/**
 * A stable, non-secret name for a credential: the rate-limit bucket, the call counters and the connection cache key
 * on it. An access token has no public half, so it is named by a short digest, which tells tokens apart and cannot
 * be turned back into one.
 */
export function credentialKey(config: OvhConfig): string {
  const c = config.credentials;
  const who =
    c.kind === "application"
      ? c.applicationKey
      : c.kind === "oauth2"
        ? c.clientId
        : // Stryker disable next-line MethodExpression: the name is only a map key, never shown; the whole digest tells tokens apart as well as its first 12 digits
          `token ${createHash("sha256").update(c.accessToken).digest("hex").slice(0, 12)}`;
  return `ovh ${config.endpoint} ${who}`;
}
