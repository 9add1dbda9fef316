import { ReinstallError } from "../errors";
import { endpointUrlProblem, readSettings, settingNames, sourcesOf, type SettingSource, type Sourced } from "../settings";

/** Pulumi config key → environment variable. The EDIS API takes the client-area login (docs/api/edis.md#auth-sessions). */
export const edisSettings = {
  email: ["edis:email", "EDIS_EMAIL"],
  password: ["edis:password", "EDIS_PASSWORD"],
  sessionUrl: ["edis:sessionUrl", "EDIS_SESSION_URL"],
} as const;

export const defaultSessionUrl = "https://session.edisglobal.com";

export interface EdisConfig {
  email: string;
  password: string;
  sessionUrl: string;
  /** Where email and password came from ("EDIS_PASSWORD (environment)"), for the message when EDIS refuses the login. */
  sources: { email: string; password: string };
}

/** Each setting from Pulumi config, else the environment. */
export function resolveEdisConfig(config: SettingSource, env: NodeJS.ProcessEnv): EdisConfig {
  const values = readSettings(edisSettings, config, env);
  const login = ["email", "password"] as const;
  const absent = login.filter((name) => values[name] === undefined);
  if (absent.length > 0) {
    const found = sourcesOf(values, login);
    throw new ReinstallError("CONFIG_ERROR", `no usable EDIS credentials: missing ${settingNames(edisSettings, absent)}${found ? `; found ${found}` : ""}`, {
      next: "set them with `pulumi config set edis:email <email>` and `pulumi config set --secret edis:password <password>` (the client-area login, with API access enabled in the VPS Management Portal), or EDIS_EMAIL and EDIS_PASSWORD",
    });
  }
  const { email, password } = values as Record<(typeof login)[number], Sourced>;
  const sessionUrl = (values.sessionUrl?.value ?? defaultSessionUrl).replace(/\/+$/, "");
  const problem = endpointUrlProblem(sessionUrl);
  if (problem) {
    throw new ReinstallError("CONFIG_ERROR", `the EDIS session URL from ${values.sessionUrl!.source} is not a usable https URL: ${problem}`, {
      next: `unset edis:sessionUrl / EDIS_SESSION_URL to use ${defaultSessionUrl}, or point it at the simulator's https URL`,
    });
  }
  return { email: email.value, password: password.value, sessionUrl, sources: { email: email.source, password: password.source } };
}

/** A stable, non-secret name for a credential: the rate-limit bucket keys on it. */
export function edisCredentialKey(config: EdisConfig): string {
  return `edis ${config.sessionUrl} ${config.email}`;
}
