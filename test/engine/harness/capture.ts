import { execFileSync } from "node:child_process";
import * as path from "node:path";
import { repo } from "./repo";

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

/** Runs a program of a packed install under @pulumi/pulumi's mocks, in its own process, and returns its registrations. */
export function captureProgram(programDir: string, project: string, config: Record<string, string>): Registration[] {
  // The runner loads @pulumi/pulumi from the program's directory, so it runs from here, whatever the install.
  const runner = path.join(repo, "test", "engine", "harness", "capture-runner.js");
  const out = execFileSync(process.execPath, [runner, programDir, project, JSON.stringify(config)], { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
  return JSON.parse(out) as Registration[];
}
