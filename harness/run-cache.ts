import * as fs from "node:fs";
import * as path from "node:path";

/** Names the directory harness/global-setup.ts makes for one jest run; the test processes inherit it. */
export const RUN_CACHE_ENV = "REINSTALL_RUN_CACHE";

/** How long a test process waits on another that is building what both need: longer than an npm install on a loaded machine. */
const WAIT_MS = 10 * 60_000;

/**
 * The directory `build` fills, built once per jest run and per key by whichever test process asks first while the
 * others wait (a lock directory, then an atomic rename), so that test files running side by side share it.
 * Undefined outside a jest run with the globalSetup (the demo, a script): the caller builds its own.
 */
export function builtOnce(key: string, build: (dir: string) => void): string | undefined {
  const cache = process.env[RUN_CACHE_ENV];
  if (!cache) return undefined;
  const done = path.join(cache, key);
  const lock = `${done}.lock`;
  for (const deadline = Date.now() + WAIT_MS; !fs.existsSync(done);) {
    if (locked(lock)) {
      if (Date.now() > deadline) throw new Error(`${done} was not built within ${WAIT_MS / 60_000} minutes by the test process holding ${lock}`);
      sleep(200);
      continue;
    }
    try {
      // Another process may have finished between the look and the lock.
      if (!fs.existsSync(done)) buildInto(done, build);
    } finally {
      fs.rmdirSync(lock);
    }
  }
  return done;
}

/** Takes the lock, or says it is held. */
function locked(lock: string): boolean {
  try {
    fs.mkdirSync(lock);
    return false;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "EEXIST") return true;
    throw e;
  }
}

function buildInto(done: string, build: (dir: string) => void): void {
  const building = fs.mkdtempSync(`${done}.building-`);
  try {
    build(building);
    fs.renameSync(building, done);
  } finally {
    fs.rmSync(building, { recursive: true, force: true });
  }
}

/** Blocks this process: the callers are synchronous, as npm's install they stand in for. */
function sleep(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}
