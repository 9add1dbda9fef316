import * as fs from "node:fs";
import * as path from "node:path";

/** The repository root, found from wherever this module was compiled to (tests run it from source, the demo from scripts/dist). */
export const repo = (() => {
  for (let dir = __dirname; dir !== path.dirname(dir); dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, "schema.json")) && fs.existsSync(path.join(dir, "Makefile"))) return dir;
  }
  throw new Error(`no repository root above ${__dirname}`);
})();
