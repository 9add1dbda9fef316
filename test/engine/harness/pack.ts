import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

import { repo } from "./repo";

export interface PackedInstall {
  /** The temporary tree: node_modules at its root, one folder per example program. */
  dir: string;
  program(example: string): string;
}

/**
 * What a user's machine holds: the SDK and provider packed with `npm pack`, installed from the tarballs
 * into a temporary copy of the example programs, next to @pulumi/pulumi. Nothing resolves into this
 * repository, so the serialized provider is what a user's state would hold.
 */
export function packedInstall(examples: readonly string[]): PackedInstall {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "reinstall-engine-"));
  const npm = (...args: string[]) => execFileSync("npm", [...args, "--no-audit", "--no-fund", "--loglevel=error"], { cwd: dir, stdio: "pipe", encoding: "utf8" });
  npm("pack", path.join(repo, "provider"), path.join(repo, "sdk", "nodejs"), "--pack-destination", dir);
  const tarballs = fs.readdirSync(dir).filter((f) => f.endsWith(".tgz"));
  const pulumiVersion = JSON.parse(fs.readFileSync(path.join(repo, "node_modules", "@pulumi", "pulumi", "package.json"), "utf8")).version;
  fs.writeFileSync(path.join(dir, "package.json"), JSON.stringify({ name: "engine-contract-programs", private: true }));
  npm("install", "--prefer-offline", ...tarballs.map((t) => `./${t}`), `@pulumi/pulumi@${pulumiVersion}`);

  for (const example of examples) {
    const from = path.join(repo, "examples", example);
    const to = path.join(dir, example);
    fs.mkdirSync(path.join(to, "bin"), { recursive: true });
    for (const file of fs.readdirSync(from).filter((f) => /\.(ya?ml)$/.test(f))) fs.copyFileSync(path.join(from, file), path.join(to, file));
    fs.copyFileSync(path.join(from, "bin", "index.js"), path.join(to, "bin", "index.js"));
  }
  return { dir, program: (example) => path.join(dir, example) };
}
