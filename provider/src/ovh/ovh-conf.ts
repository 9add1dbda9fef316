import { readFileSync } from "node:fs";
import { homedir } from "node:os";
import { join, resolve } from "node:path";
import type { Sourced } from "../settings";

/**
 * The ovh.conf files python-ovh, go-ovh and the OVH CLI read, highest precedence first: ./ovh.conf (the provider
 * process's working directory, which is the Pulumi program's), ~/.ovh.conf, /etc/ovh.conf (docs/api/ovh-credentials.md#ovhconf).
 */
export function ovhConfPaths(env: NodeJS.ProcessEnv, cwd: string = process.cwd()): string[] {
  const home = env.HOME || homedir();
  return [resolve(cwd, "ovh.conf"), join(home, ".ovh.conf"), "/etc/ovh.conf"];
}

/** The files merged key by key, as go-ovh's ini loader and python-ovh's configparser merge them. */
export interface OvhConf {
  /** `key` of `[section]` from the first file that has it, with the path and section as its source. */
  get(section: string, key: string): Sourced | undefined;
  /** "/home/u/.ovh.conf (EACCES)": files that exist but could not be read, for messages about what is missing. */
  readonly unreadable: readonly string[];
  /**
   * `/home/u/.ovh.conf [ ovh-eu ] is not [ovh-eu]`: sections named with spaces inside their brackets, which no lookup
   * finds (the SDKs keep the spaces too), for messages about what is missing. Such a file was read as `[ovh-eu]` before.
   */
  readonly spaced: readonly string[];
}

/** Reads the files named (highest precedence first); a file that does not exist is skipped, as both SDKs do. */
export function readOvhConf(paths: readonly string[]): OvhConf {
  const files: { path: string; sections: Map<string, Map<string, string>> }[] = [];
  const unreadable: string[] = [];
  for (const path of paths) {
    let text: string;
    try {
      text = readFileSync(path, "utf8");
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== "ENOENT" && code !== "ENOTDIR") unreadable.push(`${path} (${code ?? "unreadable"})`);
      continue;
    }
    files.push({ path, sections: parseIni(text) });
  }
  const spaced = files.flatMap(({ path, sections }) =>
    [...sections.keys()].filter((name) => name.trim() !== name).map((name) => `${path} [${name}] is not [${name.trim()}]`),
  );
  return {
    unreadable,
    spaced,
    get(section, key) {
      for (const file of files) {
        const value = file.sections.get(section)?.get(key);
        if (value) return { value, source: `${key} (${file.path} [${section}])` };
      }
      return undefined;
    },
  };
}

/**
 * The INI subset python-ovh's configparser reads: `[section]`, `key = value` or `key: value`, whole-line `#` and `;`
 * comments, keys case-insensitive. Values are taken as written (configparser strips no quotes nor inline comments). A
 * header is a line that starts with `[`, named up to its last `]`: configparser ignores what follows it. The name is
 * what the brackets hold, spaces included (`[ ovh-eu ]` is not `[ovh-eu]`), as configparser and go-ovh's ini take it.
 */
function parseIni(text: string): Map<string, Map<string, string>> {
  const sections = new Map<string, Map<string, string>>();
  let current: Map<string, string> | undefined;
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    // Stryker disable next-line ConditionalExpression,LogicalOperator,StringLiteral: a blank or comment line let through has no separator (sets nothing) or sets a key starting with # or ;, which no setting is read by, and cannot be a header as it does not start with [
    if (line === "" || line.startsWith("#") || line.startsWith(";")) continue;
    const header = /^\[(.+)\]/.exec(line);
    if (header) {
      const name = header[1];
      current = sections.get(name) ?? new Map<string, string>();
      sections.set(name, current);
      continue;
    }
    const separator = line.search(/[=:]/);
    // Stryker disable next-line EqualityOperator: a line starting with = or : would set the key "", which no setting is read by
    if (current && separator > 0) current.set(line.slice(0, separator).trim().toLowerCase(), line.slice(separator + 1).trim());
  }
  return sections;
}
