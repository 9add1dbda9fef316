import { execFileSync, spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { repo } from "../../harness/repo";
import { startSimulatorProcess, type SimulatorProcess } from "./simulator-process";

/**
 * The README's "Dry runs against the simulator", as a newcomer follows it: its marked blocks run verbatim in bash,
 * on a fresh copy of the repository (what git would check out, no node_modules, nothing built), with none of this
 * test run's simulator settings in the environment. The first shell's block runs up to its last command, which
 * stays running in the background until it prints the line the README says to wait for; the second shell's blocks
 * run in one bash session, with the `pulumi` block when a CLI is on PATH and the block for machines without one
 * otherwise. A step edited into something broken fails here.
 */
jest.setTimeout(900_000);

const BLOCKS = ["shell 1", "shell 2", "pulumi", "no pulumi"] as const;
type BlockName = (typeof BLOCKS)[number];

/** The fenced block after each `<!-- dry-run: NAME -->` marker, as its command lines. */
function dryRunBlocks(markdown: string): Map<string, string[]> {
  const blocks = new Map<string, string[]>();
  for (const [, name, body] of markdown.matchAll(/^<!-- dry-run: ([a-z0-9 ]+) -->\n```sh\n([\s\S]*?)^```$/gm)) {
    blocks.set(
      name,
      body.split("\n").filter((line) => line.trim() !== "" && !line.trimStart().startsWith("#")),
    );
  }
  return blocks;
}

/** What a newcomer's shell holds: this process's environment less the test run's settings and this checkout's bins. */
function newcomerEnvironment(home: string): NodeJS.ProcessEnv {
  const env = Object.fromEntries(
    Object.entries(process.env).filter(
      ([k]) => !/^(NODE_EXTRA_CA_CERTS|NODE_OPTIONS|REINSTALL_SIM_DIR|REINSTALL_RUN_CACHE|INIT_CWD|JEST_WORKER_ID)$|^(OVH|EDIS|PULUMI|npm)_/i.test(k),
    ),
  );
  env.PATH = (process.env.PATH ?? "")
    .split(path.delimiter)
    .filter((p) => !p.includes(`node_modules${path.sep}.bin`))
    .join(path.delimiter);
  // The CLI's `pulumi login --local` and its plugins stay in this test's directory.
  env.PULUMI_HOME = home;
  // The lockfile pins every package and npm's cache holds them since this checkout's own install: `npm ci` takes the
  // registry's metadata from there instead of asking again about each of ~600 packages (half its time here). What it
  // installs is the same.
  env.npm_config_prefer_offline = "true";
  return env;
}

/** The repository as a clone holds it: tracked files and new files not ignored, as they are in the work tree now. */
function freshCopy(to: string): void {
  const files = execFileSync("git", ["ls-files", "-z", "--cached", "--others", "--exclude-standard"], { cwd: repo, encoding: "utf8" })
    .split("\0")
    .filter(Boolean);
  for (const file of files) {
    const from = path.join(repo, file);
    if (!fs.existsSync(from)) continue; // deleted in the work tree, not yet committed
    fs.mkdirSync(path.dirname(path.join(to, file)), { recursive: true });
    fs.copyFileSync(from, path.join(to, file));
  }
}

describe("README: the dry run against the simulator, run as written", () => {
  const blocks = dryRunBlocks(fs.readFileSync(path.join(repo, "README.md"), "utf8"));
  const block = (name: BlockName) => blocks.get(name) ?? [];
  const configKeys = (lines: string[]) =>
    lines.flatMap((l) => [...l.matchAll(/pulumi config set (?:--secret )?(\w+)|--config (\w+)=/g)].map((m) => m[1] ?? m[2])).sort();

  it("marks the four blocks of the walk", () => {
    expect([...blocks.keys()]).toEqual([...BLOCKS]);
    for (const name of BLOCKS) expect(block(name).length).toBeGreaterThan(0);
  });

  it("sets the same stack config with the Pulumi CLI as without it, in valid bash", () => {
    expect(configKeys(block("pulumi"))).toEqual(configKeys(block("no pulumi")));
    expect(configKeys(block("pulumi"))).toEqual(["kvmId", "readinessPort", "rootPassword", "sshPublicKey"]);
    const check = spawnSync("bash", ["-n", "-c", block("pulumi").join("\n")], { encoding: "utf8" });
    expect(check.stderr).toBe("");
    expect(check.status).toBe(0);
  });

  describe("on a fresh copy of the repository", () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), "reinstall-readme-"));
    const clone = path.join(root, "pulumi-reinstall");
    const env = newcomerEnvironment(path.join(root, "pulumi-home"));
    let sim: SimulatorProcess | undefined;
    const bash = (lines: string[]) => spawnSync("bash", ["-e", "-c", lines.join("\n")], { cwd: clone, env, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
    const failed = (run: ReturnType<typeof bash>) => `exit ${run.status}\n--- stdout\n${run.stdout}\n--- stderr\n${run.stderr}`;

    afterAll(async () => {
      await sim?.stop();
      fs.rmSync(root, { recursive: true, force: true });
    });

    it("shell 1 builds, then starts the simulators and leaves them running", async () => {
      freshCopy(clone);
      const lines = block("shell 1");
      const setup = bash(lines.slice(0, -1));
      expect(setup.status === 0 ? "" : failed(setup)).toBe("");
      sim = await startSimulatorProcess("bash", ["-c", lines[lines.length - 1]], { cwd: clone, env });
    });

    it("shell 2 takes the simulator's environment and installs both examples", () => {
      expect(sim).toBeDefined();
      const cli = spawnSync("pulumi", ["version"], { env, stdio: "ignore" }).status === 0;
      const run = bash([...block("shell 2"), ...block(cli ? "pulumi" : "no pulumi")]);
      expect(run.status === 0 ? "" : failed(run)).toBe("");
      expect(run.stdout).toMatch(/OVH at https:\/\/127\.0\.0\.1:\d+\/1\.0, EDIS at https:\/\/127\.0\.0\.1:\d+, kvm_123456_789012 answers on port \d+\n/);
      expect(run.stdout).toMatch(/installedOs\s*:\s*"debian12_64"/);
      expect(run.stdout).toMatch(/readyAt\s*:\s*"\d{4}-/);
      // The secret the walk gives on a command line is never printed back, by npm or by the run.
      const password = /rootPassword[ =]'([^']+)'/.exec([...block("pulumi"), ...block("no pulumi")].join("\n"))![1];
      expect(`${run.stdout}${run.stderr}`).not.toContain(password);
    });

    it("without the CLI, a missing setting is asked for as --config and a bad one fails as the README says", () => {
      const missing = bash([...block("shell 2"), "npm run --silent dry-run -- examples/ovh-debian || echo exit $?"]);
      expect(missing.stdout).toContain("Missing required configuration variable 'ovh-debian:sshPublicKey'");
      expect(missing.stdout).toContain("please set a value using `--config sshPublicKey=<value>` on this command line");
      expect(missing.stdout).not.toContain("pulumi config set");
      const bad = bash([...block("shell 2"), "npm run --silent dry-run -- examples/ovh-debian --config sshPublicKey=not-a-key || echo exit $?"]);
      expect(bad.stdout).toMatch(
        /^ {2}✗ web-1: userMetadata\.sshKey: the answer to "sshKey" must be an SSH public key .*\nResources: 1 of 1 failed\nexit 1\n$/m,
      );
    });
  });
});
