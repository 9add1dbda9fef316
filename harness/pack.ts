import { execFileSync } from "node:child_process";
import * as crypto from "node:crypto";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

import { repo } from "./repo";
import { builtOnce } from "./run-cache";

export interface PackedInstall {
  /** The temporary tree: node_modules at its root, one folder per example program. */
  dir: string;
  program(example: string): string;
}

export interface InstallOptions {
  /**
   * `npm` (default) installs the provider's tarball beside the SDK's, hoisted. `pnpm` installs what a user's
   * `pnpm add pulumi-reinstall` does: the SDK and @pulumi/pulumi only, the provider reached as the SDK's
   * dependency in pnpm's strict layout, so the program's directory does not see it.
   */
  client?: "npm" | "pnpm";
  /** Also install pulumi-reinstall-simulator (its `reinstall-sim` bin included). */
  simulator?: boolean;
}

/** The pnpm the tests install with, pinned and fetched from the npm registry by npx (not a dependency of ours). */
export const PNPM = ["--yes", "pnpm@12.4.2"] as const;

const PACKAGES = { provider: "provider", sdk: path.join("sdk", "nodejs"), simulator: "simulator" } as const;

/** `npm pack`s packages of this repository into dir (their prepack runs, as at publish) and returns the tarballs' paths by package. */
export function packTarballs<K extends keyof typeof PACKAGES>(dir: string, which: readonly K[]): Record<K, string> {
  const out = execFileSync("npm", ["pack", ...which.map((k) => path.join(repo, PACKAGES[k])), "--pack-destination", dir, "--json", "--loglevel=error"], {
    cwd: dir,
    stdio: "pipe",
    encoding: "utf8",
  });
  const packed = JSON.parse(out) as { filename: string }[];
  return Object.fromEntries(which.map((k, i) => [k, path.join(dir, packed[i].filename)])) as Record<K, string>;
}

type Package = keyof typeof PACKAGES;
const ALL: readonly Package[] = ["provider", "sdk", "simulator"];

/**
 * The three tarballs, packed once per jest run and per content of the packages (run-cache.ts) into the run's cache, or
 * into dir outside a jest run. The installs below copy what they need from them.
 */
export function packedTarballs(dir: string): Record<Package, string> {
  const shared = builtOnce(`tarballs-${packagesDigest(ALL)}`, (into) => {
    const packed = packTarballs(into, ALL);
    fs.writeFileSync(path.join(into, "tarballs.json"), JSON.stringify(Object.fromEntries(ALL.map((k) => [k, path.basename(packed[k])]))));
  });
  if (!shared) return packTarballs(dir, ALL);
  const names = JSON.parse(fs.readFileSync(path.join(shared, "tarballs.json"), "utf8")) as Record<Package, string>;
  return Object.fromEntries(ALL.map((k) => [k, path.join(shared, names[k])])) as Record<Package, string>;
}

/**
 * What a user's machine holds: the SDK and provider packed with `npm pack`, installed from the tarballs
 * into a temporary copy of the example programs, next to @pulumi/pulumi. Nothing resolves into this
 * repository, so the serialized provider is what a user's state would hold. In a jest run, the default install
 * (npm, no simulator) is made once per run and per content of the packages (run-cache.ts), and each call gets its own
 * directory whose node_modules links to that install's: node resolves the same packages at no copying cost, and
 * what a test writes (programs, journals, machines' homes) stays in its own directory.
 */
export function packedInstall(examples: readonly string[], options: InstallOptions = {}): PackedInstall {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "reinstall-engine-"));
  const shared =
    options.client !== "pnpm" && !options.simulator ? builtOnce(`npm-install-${packagesDigest(ALL)}`, (into) => install(into, options)) : undefined;
  if (shared) fs.symlinkSync(path.join(shared, "node_modules"), path.join(dir, "node_modules"), "dir");
  else install(dir, options);

  for (const example of examples) {
    const from = path.join(repo, "examples", example);
    const to = path.join(dir, example);
    fs.mkdirSync(path.join(to, "bin"), { recursive: true });
    for (const file of fs.readdirSync(from).filter((f) => /\.(ya?ml)$/.test(f))) fs.copyFileSync(path.join(from, file), path.join(to, file));
    fs.copyFileSync(path.join(from, "bin", "index.js"), path.join(to, "bin", "index.js"));
  }
  return { dir, program: (example) => path.join(dir, example) };
}

/** Puts the packages' tarballs into dir and installs them there, with @pulumi/pulumi at this repository's version. */
function install(dir: string, options: InstallOptions): void {
  const packed = packedTarballs(dir);
  const local = (k: Package) => {
    const to = path.join(dir, path.basename(packed[k]));
    if (!fs.existsSync(to)) fs.copyFileSync(packed[k], to);
    return `./${path.basename(to)}`;
  };
  const direct = [local("sdk"), ...(options.simulator ? [local("simulator")] : []), `@pulumi/pulumi@${pulumiVersion()}`];
  fs.writeFileSync(path.join(dir, "package.json"), JSON.stringify({ name: "engine-contract-programs", private: true }));
  const run = (command: string, args: string[]) => execFileSync(command, args, { cwd: dir, stdio: "pipe", encoding: "utf8" });
  if (options.client === "pnpm") {
    // The registry would serve the SDK's dependency; here its tarball stands in for it. protobufjs's build
    // script is declined as the SDK's README tells pnpm users to, so a plain `pnpm add` must succeed.
    fs.writeFileSync(path.join(dir, "pnpm-workspace.yaml"), `${sdkReadmePnpmSettings()}overrides:\n  pulumi-reinstall-provider: "file:${local("provider")}"\n`);
    run("npx", [...PNPM, "add", ...direct, "--reporter=silent"]);
  } else {
    run("npm", ["install", "--prefer-offline", "--no-audit", "--no-fund", "--loglevel=error", local("provider"), ...direct]);
  }
}

function pulumiVersion(): string {
  return JSON.parse(fs.readFileSync(path.join(repo, "node_modules", "@pulumi", "pulumi", "package.json"), "utf8")).version;
}

/** What `npm pack` takes from each package (package.json, README.md, dist/) and the @pulumi/pulumi installed beside them, as one digest. */
function packagesDigest(which: readonly Package[]): string {
  const hash = crypto.createHash("sha256").update(pulumiVersion());
  for (const root of which.map((k) => path.join(repo, PACKAGES[k]))) {
    const dist = fs.readdirSync(path.join(root, "dist"), { recursive: true, withFileTypes: true }).filter((e) => e.isFile());
    const files = ["package.json", "README.md", ...dist.map((e) => path.relative(root, path.join(e.parentPath, e.name))).sort()];
    for (const file of files) hash.update(`${root}/${file}\0`).update(fs.readFileSync(path.join(root, file)));
  }
  return hash.digest("hex").slice(0, 16);
}

/** The `pnpm-workspace.yaml` lines the SDK's README gives pnpm users. */
function sdkReadmePnpmSettings(): string {
  const readme = fs.readFileSync(path.join(repo, "sdk", "nodejs", "README.md"), "utf8");
  const block = /pnpm-workspace\.yaml`[^`]*```yaml\n([\s\S]*?)```/.exec(readme);
  if (!block) throw new Error("sdk/nodejs/README.md no longer gives pnpm-workspace.yaml settings after naming the file");
  return block[1];
}
