import * as fs from "node:fs";
import { RUN_CACHE_ENV } from "./run-cache";

/** jest's globalTeardown: the run's shared builds and temporary files go with it. */
export default function globalTeardown(): void {
  const dir = process.env[RUN_CACHE_ENV];
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
}
