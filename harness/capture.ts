import { execFileSync } from "node:child_process";
import * as crypto from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import { repo } from "./repo";
import { builtOnce } from "./run-cache";

export interface Registration {
  type: string;
  name: string;
  /** Inputs as the engine receives them, secrets unwrapped; `__provider` is the serialized provider. */
  inputs: Record<string, unknown>;
  /** Inputs the program sent as secrets. */
  secretInputs: string[];
  /** The registration's additionalSecretOutputs option. */
  additionalSecretOutputs: string[];
}

/** A stack output: a resource's output property, or a value the program computed itself. */
export type StackExport = { resource: string; property: string } | { value: unknown };

/** Every output property of the package's resources, from schema.json. */
function outputNames(): string[] {
  const schema = JSON.parse(fs.readFileSync(path.join(repo, "schema.json"), "utf8")) as { resources: Record<string, { properties: object }> };
  return [...new Set(Object.values(schema.resources).flatMap((r) => Object.keys(r.properties)))];
}

/**
 * Runs a program of a packed install under @pulumi/pulumi's mocks, in its own process: its registrations and exports.
 * In a jest run, a program already captured with the same SDK install, project and config is read from the run's
 * cache (run-cache.ts) instead: what it registers depends on nothing else, the install's directory included.
 */
export function captureStack(
  programDir: string,
  project: string,
  config: Record<string, string>,
): { registrations: Registration[]; exports: Record<string, StackExport> } {
  // The runner loads @pulumi/pulumi from the program's directory, so it runs from here, whatever the install.
  const runner = path.join(repo, "harness", "capture-runner.js");
  const args = [runner, programDir, project, JSON.stringify(config), JSON.stringify(outputNames())];
  const capture = () => execFileSync(process.execPath, args, { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
  const cached = builtOnce(`capture-${captureKey(programDir, args.slice(2))}`, (into) => fs.writeFileSync(path.join(into, "stack.json"), capture()));
  return JSON.parse(cached ? fs.readFileSync(path.join(cached, "stack.json"), "utf8") : capture());
}

/** The program's code, the SDK it loads (by the real path of its install, one per packages' content in a run) and the runner's arguments. */
function captureKey(programDir: string, runnerArgs: string[]): string {
  const sdk = fs.realpathSync(path.dirname(require.resolve("pulumi-reinstall/package.json", { paths: [programDir] })));
  const hash = crypto
    .createHash("sha256")
    .update(sdk)
    .update(fs.readFileSync(path.join(programDir, "bin", "index.js")));
  for (const arg of runnerArgs) hash.update(`\0${arg}`);
  return hash.digest("hex").slice(0, 16);
}

/** The registrations of a program run under @pulumi/pulumi's mocks. */
export function captureProgram(programDir: string, project: string, config: Record<string, string>): Registration[] {
  return captureStack(programDir, project, config).registrations;
}
