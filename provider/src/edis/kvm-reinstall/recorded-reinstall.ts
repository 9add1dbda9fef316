import type { KvmReinstallInputs, ReinstallRecord } from "./inputs";

type Props = Record<string, unknown>;

/**
 * The inputs a recorded reinstall was sent with (state echoes them), to see it through before a new one: without a
 * cloud-init or triggers it was not sent with, left out rather than undefined, since state keeps them if the wait is
 * cut off again (and cannot hold an undefined property).
 */
export function previousInputs(olds: Props, inputs: KvmReinstallInputs): KvmReinstallInputs {
  const { cloudInitUserData: _declared, triggers: _declaredTriggers, ...waiting } = inputs;
  return {
    ...waiting,
    image: String(olds.image),
    password: String(olds.password),
    ...(typeof olds.cloudInitUserData === "string" ? { cloudInitUserData: olds.cloudInitUserData } : {}),
    ...(Array.isArray(olds.triggers) ? { triggers: olds.triggers.map(String) } : {}),
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
