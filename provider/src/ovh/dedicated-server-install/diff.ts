import { diffInputs, type DiffRules, type InputDiff } from "../../diff-inputs";
import { inputNames } from "./inputs";

export const dedicatedServerInstallDiffRules: DiffRules = {
  inputs: inputNames,
  replaceOn: ["serviceName"],
  // onDelete only changes what a later delete does.
  waitOnly: ["timeoutMinutes", "installApi", "onDelete"],
};

export function diffInstall(olds: Record<string, unknown>, news: Record<string, unknown>): InputDiff {
  return diffInputs(olds, news, dedicatedServerInstallDiffRules);
}
