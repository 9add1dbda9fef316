import { z } from "zod";
import { ReinstallError } from "../errors";
import { endpointUrlProblem, readSettings, settingNames, type SettingSource } from "../settings";

/** Endpoint names shared with terraform-provider-ovh, pulumi-ovh and the OVH SDKs (ovh-api.md §8.1). */
export const ovhEndpointNames = [
  "ovh-eu",
  "ovh-ca",
  "ovh-us",
  "kimsufi-eu",
  "kimsufi-ca",
  "soyoustart-eu",
  "soyoustart-ca",
] as const;

/** Only these have an OAuth2 token URL (node-ovh lib/endpoints.js). */
const oauth2Endpoints: readonly string[] = ["ovh-eu", "ovh-ca", "ovh-us"];

/** Pulumi config key → environment variable, in the names terraform-provider-ovh reads. */
export const ovhSettings = {
  endpoint: ["ovh:endpoint", "OVH_ENDPOINT"],
  applicationKey: ["ovh:applicationKey", "OVH_APPLICATION_KEY"],
  applicationSecret: ["ovh:applicationSecret", "OVH_APPLICATION_SECRET"],
  consumerKey: ["ovh:consumerKey", "OVH_CONSUMER_KEY"],
  clientId: ["ovh:clientId", "OVH_CLIENT_ID"],
  clientSecret: ["ovh:clientSecret", "OVH_CLIENT_SECRET"],
} as const;

type Setting = keyof typeof ovhSettings;
const credentialSettings = ["applicationKey", "applicationSecret", "consumerKey", "clientId", "clientSecret"] as const;

const Endpoint = z.union([z.enum(ovhEndpointNames), z.string().refine((value) => endpointUrlProblem(value) === undefined)]);

export const OvhCredentials = z.discriminatedUnion("kind", [
  z.object({
    kind: z.literal("application"),
    applicationKey: z.string().min(1),
    applicationSecret: z.string().min(1),
    consumerKey: z.string().min(1),
  }),
  z.object({ kind: z.literal("oauth2"), clientId: z.string().min(1), clientSecret: z.string().min(1) }),
]);
export type OvhCredentials = z.infer<typeof OvhCredentials>;

export const OvhConfig = z.object({ endpoint: Endpoint, credentials: OvhCredentials });
export type OvhConfig = z.infer<typeof OvhConfig>;

const howToSet =
  "set them with `pulumi config set ovh:<name> <value> [--secret]` or the OVH_* environment variables " +
  "(OVH_ENDPOINT, OVH_APPLICATION_KEY, OVH_APPLICATION_SECRET, OVH_CONSUMER_KEY, or OVH_CLIENT_ID and OVH_CLIENT_SECRET)";

/** The OVH settings, read with the shared rules of settings.ts. */
export function resolveOvhConfig(config: SettingSource, env: NodeJS.ProcessEnv): OvhConfig {
  const values = readSettings(ovhSettings, credentialSettings, config, env);

  if (values.endpoint === undefined) {
    throw configError(`no OVH endpoint is set: set ovh:endpoint or OVH_ENDPOINT to one of ${ovhEndpointNames.join(", ")}, or an https URL such as the simulator's`);
  }
  const endpoint = Endpoint.safeParse(values.endpoint);
  if (!endpoint.success) {
    throw configError(`the OVH endpoint is neither a known name (${ovhEndpointNames.join(", ")}) nor a usable https URL: ${endpointUrlProblem(values.endpoint)}`);
  }
  const credentials = pickCredentials(values);
  if (credentials.kind === "oauth2" && !endpoint.data.startsWith("https:") && !oauth2Endpoints.includes(endpoint.data)) {
    throw configError(`endpoint ${endpoint.data} does not support OAuth2 service accounts: use an application key (OVH_APPLICATION_KEY, OVH_APPLICATION_SECRET, OVH_CONSUMER_KEY), or one of ${oauth2Endpoints.join(", ")}`);
  }
  return { endpoint: endpoint.data, credentials };
}

function pickCredentials(values: Partial<Record<Setting, string>>): OvhCredentials {
  const application = (["applicationKey", "applicationSecret", "consumerKey"] as const).filter((s) => values[s] !== undefined);
  const oauth2 = (["clientId", "clientSecret"] as const).filter((s) => values[s] !== undefined);
  if (application.length > 0 && oauth2.length > 0) {
    throw configError(`both an application key (${application.join(", ")}) and an OAuth2 service account (${oauth2.join(", ")}) are set: keep one`);
  }
  if (oauth2.length > 0) {
    if (oauth2.length < 2) throw configError(`an OAuth2 service account needs both clientId and clientSecret; missing: ${missing(["clientId", "clientSecret"], oauth2)}`);
    return { kind: "oauth2", clientId: values.clientId!, clientSecret: values.clientSecret! };
  }
  if (application.length < 3) {
    const absent = missing(["applicationKey", "applicationSecret", "consumerKey"], application);
    throw configError(`no usable OVH credentials: missing ${absent} (or use an OAuth2 service account: clientId and clientSecret)`);
  }
  return {
    kind: "application",
    applicationKey: values.applicationKey!,
    applicationSecret: values.applicationSecret!,
    consumerKey: values.consumerKey!,
  };
}

function missing(all: readonly Setting[], present: readonly Setting[]): string {
  return settingNames(ovhSettings, all.filter((s) => !present.includes(s)));
}

function configError(summary: string): ReinstallError {
  return new ReinstallError("CONFIG_ERROR", summary, { next: howToSet });
}

/** A stable, non-secret name for a credential: the rate-limit bucket and the call counters key on it. */
export function credentialKey(config: OvhConfig): string {
  const who = config.credentials.kind === "application" ? config.credentials.applicationKey : config.credentials.clientId;
  return `ovh ${config.endpoint} ${who}`;
}
