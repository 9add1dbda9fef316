import { sameValue } from "../../same-value";
import { inputNames } from "./inputs";

/** Inputs that change how we talk to OVH or wait, not what gets installed. */
export const nonShapingInputs: readonly string[] = ["timeoutMinutes", "installApi"];

export interface InstallDiff {
  /** Every input whose value changed. */
  changed: string[];
  /** Inputs whose change replaces the resource: another server is another install. */
  replaces: string[];
  /** Whether the change reinstalls the server (erasing it). */
  reinstalls: boolean;
}

/** `olds` are the outputs in state (they echo every input); `news` the checked inputs. */
export function diffInstall(olds: Record<string, unknown>, news: Record<string, unknown>): InstallDiff {
  const changed = inputNames.filter((name) => !sameValue(olds[name], news[name]));
  return {
    changed,
    replaces: changed.filter((name) => name === "serviceName"),
    reinstalls: changed.some((name) => name !== "serviceName" && !nonShapingInputs.includes(name)),
  };
}
