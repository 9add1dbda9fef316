import { diffInputs, type DiffRules, type InputDiff } from "../../diff-inputs";
import { inputNames } from "./inputs";

export const dedicatedServerInstallDiffRules: DiffRules = {
  inputs: inputNames,
  replaceOn: ["serviceName"],
  // `adopt` only says what a create does, `onDelete` what a later delete does: changing either sends nothing.
  waitOnly: ["timeoutMinutes", "installApi", "adopt", "onDelete"],
};

export function diffInstall(olds: Record<string, unknown>, news: Record<string, unknown>): InputDiff {
  return diffInputs(olds, news, dedicatedServerInstallDiffRules);
}
