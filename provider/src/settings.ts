import type * as dynamic from "@pulumi/pulumi/dynamic";

/** Reads a Pulumi config key (e.g. `ovh:endpoint`) as `configure()` received it. */
export type SettingSource = (configKey: string) => string | undefined;

/** The stack config `configure()` receives: the full configuration, secrets unwrapped (Pulumi ≥ 3.139). */
export function settingsFrom(req: dynamic.ConfigureRequest): SettingSource {
  return (key) => {
    const value: unknown = req.config.get(key);
    return typeof value === "string" ? value : undefined;
  };
}

/** Setting name → [Pulumi config key, environment variable, key in a settings file (ovh.conf) if any]. */
export type SettingTable = Record<string, readonly [string, string, string?]>;

/** A value and where it came from, e.g. "OVH_APPLICATION_SECRET (environment)": messages name the source, never the value. */
export interface Sourced {
  value: string;
  source: string;
}

/** Looks a file key up (ovh.conf: in the section that applies), answering where the value was found. */
export type FileSource = (fileKey: string) => Sourced | undefined;

/**
 * Field by field: Pulumi config, then the environment, then the file, as terraform-provider-ovh, pulumi-ovh and
 * go-ovh do. So a stack may configure the endpoint and application key and leave the secrets to the environment.
 * A setting found nowhere is undefined (its key may be present): callers test values, never keys.
 */
export function readSettings<T extends SettingTable>(
  table: T,
  config: SettingSource,
  env: NodeJS.ProcessEnv,
  file?: FileSource,
): Partial<Record<keyof T & string, Sourced>> {
  const out: Partial<Record<keyof T & string, Sourced>> = {};
  for (const [name, [configKey, envVar, fileKey]] of Object.entries(table) as [keyof T & string, T[keyof T]][]) {
    const found =
      sourced(config(configKey), `${configKey} (stack config)`) ??
      sourced(env[envVar], `${envVar} (environment)`) ??
      (fileKey !== undefined && file ? file(fileKey) : undefined);
    out[name] = found;
  }
  return out;
}

function sourced(value: string | undefined, source: string): Sourced | undefined {
  const trimmed = value?.trim();
  return trimmed ? { value: trimmed, source } : undefined;
}

/** "ovh:applicationSecret / OVH_APPLICATION_SECRET / application_secret in ovh.conf [ovh-eu]", for messages that list what to set. */
export function settingNames<T extends SettingTable>(table: T, names: readonly (keyof T & string)[], fileSection?: string): string {
  return names
    .map((name) => {
      const [configKey, envVar, fileKey] = table[name];
      return [configKey, envVar, ...(fileKey !== undefined && fileSection !== undefined ? [`${fileKey} in ovh.conf [${fileSection}]`] : [])].join(" / ");
    })
    .join(", ");
}

/** "ovh:applicationKey (stack config), OVH_APPLICATION_SECRET (environment)": where each given setting came from. */
export function sourcesOf<T extends SettingTable>(values: Partial<Record<keyof T & string, Sourced>>, names: readonly (keyof T & string)[]): string {
  return names.flatMap((name) => (values[name] ? [values[name].source] : [])).join(", ");
}

/**
 * Why a setting is not a usable https endpoint, or undefined when it is one. The value is never quoted: it may
 * be a secret pasted into the wrong variable. A URL shows only its scheme and host; anything else, its length.
 * A user or password in the URL is refused (neither API takes one, and the URL reaches keys and messages), and
 * so are a query and a fragment (no client sends them).
 */
export function endpointUrlProblem(value: string): string | undefined {
  const url = URL.canParse(value) ? new URL(value) : undefined;
  if (!url || !["http:", "https:"].includes(url.protocol) || !url.hostname) return `a ${value.length}-character value that is not an https URL`;
  const shown = `${url.protocol}//${url.host}`;
  if (url.protocol !== "https:") return `${shown} is not https`;
  if (url.username || url.password) return `${shown} carries a user name or password`;
  // A bare "?" or "#" leaves url.search and url.hash empty, yet cuts the path a client appends to the URL.
  if (/[?#]/.test(value)) return `${shown} has a query or a fragment`;
  return undefined;
}
