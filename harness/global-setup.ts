import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { RUN_CACHE_ENV } from "./run-cache";

/** jest's globalSetup: one directory for this run's shared builds (run-cache.ts). Set before jest starts its workers, which inherit it. */
export default function globalSetup(): void {
  process.env[RUN_CACHE_ENV] = fs.mkdtempSync(path.join(os.tmpdir(), "reinstall-run-"));
}
