import { spawn } from "node:child_process";

export interface SimulatorProcess {
  /** What it printed on stdout: the export lines and the comments. */
  stdout(): string;
  stop(): Promise<void>;
}

/**
 * Starts a command that runs `reinstall-sim` in its own process group and waits, as the README tells a user to,
 * for the simulator's "Ctrl-C to stop" line on stderr. stop() ends the whole group (npm does not pass signals on).
 */
export function startSimulatorProcess(command: string, args: string[], options: { cwd: string; env: NodeJS.ProcessEnv }): Promise<SimulatorProcess> {
  const child = spawn(command, args, { ...options, detached: true, stdio: ["ignore", "pipe", "pipe"] });
  let out = "";
  let err = "";
  child.stdout.on("data", (d: Buffer) => (out += d.toString()));
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) process.kill(-child.pid!, "SIGTERM");
    await exited;
  };
  return new Promise((resolve, reject) => {
    child.stderr.on("data", (d: Buffer) => {
      err += d.toString();
      if (/Ctrl-C to stop\n/.test(err)) resolve({ stdout: () => out, stop });
    });
    child.once("exit", (code) => reject(new Error(`${command} ${args.join(" ")} exited (${code}) before the simulator was up:\n${err}`)));
  });
}

/** The variables of the `export NAME=value` lines reinstall-sim prints (values quoted as shell-quote.ts quotes them). */
export function exportedVariables(lines: string): Record<string, string> {
  const vars: Record<string, string> = {};
  for (const [, name, value] of lines.matchAll(/^export (\w+)=(.*)$/gm)) vars[name] = value.startsWith("'") ? value.slice(1, -1).replace(/'\\''/g, "'") : value;
  return vars;
}
