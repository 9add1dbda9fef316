import { diffInputs, type DiffRules, type InputDiff } from "../../diff-inputs";
import { inputNames } from "./inputs";

export const dedicatedServerInstallDiffRules: DiffRules = {
  inputs: inputNames,
  replaceOn: ["serviceName"],
  // `adopt` only says what a create does: once the resource exists, changing or dropping it sends nothing.
  waitOnly: ["timeoutMinutes", "installApi", "adopt"],
};

export function diffInstall(olds: Record<string, unknown>, news: Record<string, unknown>): InputDiff {
  return diffInputs(olds, news, dedicatedServerInstallDiffRules);
}
