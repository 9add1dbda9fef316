import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { RUN_CACHE_ENV } from "./run-cache";

/**
 * jest's globalSetup: one directory for this run's shared builds (run-cache.ts), and for everything the tests make
 * under the system's temporary directory (intent journals, homes, ovh.conf files: os.tmpdir() follows TMPDIR), so that
 * globalTeardown removes it all. Set before jest starts its workers, which inherit both.
 */
export default function globalSetup(): void {
  const run = fs.mkdtempSync(path.join(os.tmpdir(), "reinstall-run-"));
  process.env[RUN_CACHE_ENV] = run;
  process.env.TMPDIR = fs.mkdirSync(path.join(run, "tmp"), { recursive: true }) ?? path.join(run, "tmp");
}
