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

/** Setting name → [Pulumi config key, environment variable]. */
export type SettingTable = Record<string, readonly [string, string]>;

/**
 * Pulumi config first, environment second. Credentials come from one source only, so a developer's
 * exported variables never mix with a stack's configured account.
 */
export function readSettings<T extends SettingTable>(
  table: T,
  credentials: readonly (keyof T & string)[],
  config: SettingSource,
  env: NodeJS.ProcessEnv,
): Partial<Record<keyof T & string, string>> {
  const fromConfig = readAll(table, (configKey) => config(configKey));
  const fromEnv = readAll(table, (_configKey, envVar) => env[envVar]);
  const credentialSource = credentials.some((name) => fromConfig[name] !== undefined) ? fromConfig : fromEnv;
  const out: Partial<Record<keyof T & string, string>> = {};
  for (const name of Object.keys(table) as (keyof T & string)[]) {
    const value = credentials.includes(name) ? credentialSource[name] : (fromConfig[name] ?? fromEnv[name]);
    if (value !== undefined) out[name] = value;
  }
  return out;
}

/** "ovh:applicationSecret / OVH_APPLICATION_SECRET", for messages that list what to set. */
export function settingNames<T extends SettingTable>(table: T, names: readonly (keyof T & string)[]): string {
  return names.map((name) => `${table[name][0]} / ${table[name][1]}`).join(", ");
}

function readAll<T extends SettingTable>(table: T, read: (configKey: string, envVar: string) => string | undefined) {
  const out: Partial<Record<keyof T & string, string>> = {};
  for (const [name, [configKey, envVar]] of Object.entries(table)) {
    const value = read(configKey, envVar)?.trim();
    if (value) out[name as keyof T & string] = value;
  }
  return out;
}

/**
 * Why a setting is not a usable https endpoint, or undefined when it is one. The value is never quoted: it may
 * be a secret pasted into the wrong variable. A URL shows only its scheme and host; anything else, its length.
 * A user or password in the URL is refused (neither API takes one, and the URL reaches keys and messages), and
 * so are a query and a fragment (no client sends them).
 */
export function endpointUrlProblem(value: string): string | undefined {
  const url = URL.canParse(value) ? new URL(value) : undefined;
  if (!url || !/^https?:$/.test(url.protocol) || !url.hostname) return `a ${value.length}-character value that is not an https URL`;
  const shown = `${url.protocol}//${url.host}`;
  if (url.protocol !== "https:") return `${shown} is not https`;
  if (url.username || url.password) return `${shown} carries a user name or password`;
  if (url.search || url.hash) return `${shown} has a query or a fragment`;
  return undefined;
}
