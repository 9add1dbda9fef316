import { diffInputs, type DiffRules, type InputDiff } from "../../diff-inputs";
import { inputNames } from "./inputs";

export const dedicatedServerInstallDiffRules: DiffRules = {
  inputs: inputNames,
  replaceOn: ["serviceName"],
  waitOnly: ["timeoutMinutes", "installApi"],
};

export function diffInstall(olds: Record<string, unknown>, news: Record<string, unknown>): InputDiff {
  return diffInputs(olds, news, dedicatedServerInstallDiffRules);
}
