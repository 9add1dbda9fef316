import type { KvmReinstallInputs, ReinstallRecord } from "./inputs";

type Props = Record<string, unknown>;

/** The inputs a recorded reinstall was sent with (state echoes them), to see it through before a new one. */
export function previousInputs(olds: Props, inputs: KvmReinstallInputs): KvmReinstallInputs {
  return {
    ...inputs,
    image: String(olds.image),
    password: String(olds.password),
    cloudInitUserData: typeof olds.cloudInitUserData === "string" ? olds.cloudInitUserData : undefined,
    triggers: Array.isArray(olds.triggers) ? olds.triggers.map(String) : undefined,
  };
}

/** The record of the last reinstall, as state keeps it; undefined when state has none. */
export function pickRecord(olds: Props): ReinstallRecord | undefined {
  if (typeof olds.reinstalledAt !== "string" || typeof olds.apiHost !== "string") return undefined;
  const optional = (k: string) => (typeof olds[k] === "string" ? { [k]: olds[k] } : {});
  return {
    apiHost: olds.apiHost,
    reinstalledAt: olds.reinstalledAt,
    ...optional("primaryIp"),
    ...optional("downSeenAt"),
    ...optional("readyAt"),
    ...(typeof olds.elapsedSeconds === "number" ? { elapsedSeconds: olds.elapsedSeconds } : {}),
  };
}
