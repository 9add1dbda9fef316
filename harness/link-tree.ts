import * as fs from "node:fs";
import * as path from "node:path";

/**
 * Recreates the tree at `from` under `to`: its directories anew, its files as hard links, its symlinks as they are
 * (npm's relative `.bin` links). A copy at the cost of a directory walk; nothing may write into a linked file.
 */
export function linkTree(from: string, to: string): void {
  fs.mkdirSync(to, { recursive: true });
  for (const entry of fs.readdirSync(from, { withFileTypes: true })) {
    const source = path.join(from, entry.name);
    const target = path.join(to, entry.name);
    if (entry.isDirectory()) linkTree(source, target);
    else if (entry.isSymbolicLink()) fs.symlinkSync(fs.readlinkSync(source), target);
    else fs.linkSync(source, target);
  }
}
