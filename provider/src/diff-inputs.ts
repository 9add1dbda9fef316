import { sameValue } from "./same-value";

export interface DiffRules {
  /** Every input, in schema order. */
  inputs: readonly string[];
  /** Inputs whose change replaces the resource: another machine is another install. */
  replaceOn: readonly string[];
  /** Inputs that only change how we talk to the API or wait: changing them alone touches nothing. */
  waitOnly: readonly string[];
}

export interface InputDiff {
  /** Every input whose value changed. */
  changed: string[];
  replaces: string[];
  /** Whether the change reinstalls the machine (erasing it). */
  reinstalls: boolean;
}

/** `olds` are the outputs in state (they echo every input); `news` the checked inputs. */
export function diffInputs(olds: Record<string, unknown>, news: Record<string, unknown>, rules: DiffRules): InputDiff {
  const changed = rules.inputs.filter((name) => !sameValue(olds[name], news[name]));
  return {
    changed,
    replaces: changed.filter((name) => rules.replaceOn.includes(name)),
    reinstalls: changed.some((name) => !rules.replaceOn.includes(name) && !rules.waitOnly.includes(name)),
  };
}
