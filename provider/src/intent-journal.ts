import { createHmac, randomBytes } from "node:crypto";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { z } from "zod";
import { ReinstallError } from "./errors";

/**
 * What a destructive call may have started, written to disk before the call. EDIS keeps no trace of a
 * reinstall that its API shows (docs/api/edis.md#no-task-no-trace), and a provider killed mid-wait loses what it knew: the
 * engine drops the pending create, so the next run would reinstall again. On the same machine (a laptop, a
 * self-hosted runner) this journal tells the next run that a reinstall is under way. No secrets go in it.
 */
export const Intent = z.looseObject({
  /** What was asked for, as `IntentJournal.digest` makes it: a re-run with other inputs must not take it for its own. */
  request: z.string(),
  /** Epoch ms just before the call was sent. */
  sentAt: z.number(),
  /** Epoch ms after which the entry no longer means anything. */
  expiresAt: z.number(),
  /**
   * The API answered that it took the call (absent while the answer is unknown). Set on EDIS's entries only, which
   * have no task to show it (docs/api/edis.md#no-task-no-trace); OVH's note the task id the answer named instead.
   */
  acknowledged: z.boolean().optional(),
  /** What the resource needs to find or watch what the call started (a task id, an address). */
  details: z.record(z.string(), z.union([z.string(), z.number()])),
});
export type Intent = z.infer<typeof Intent>;

/** Where the journal lives: PULUMI_REINSTALL_JOURNAL_DIR, else under Pulumi's home (PULUMI_HOME or ~/.pulumi). */
export function journalDir(env: NodeJS.ProcessEnv): string {
  return env.PULUMI_REINSTALL_JOURNAL_DIR || path.join(env.PULUMI_HOME || path.join(os.homedir(), ".pulumi"), "pulumi-reinstall", "journal");
}

export class IntentJournal {
  constructor(private readonly dir: string) {}

  /** The live entry for `key`, if any; a broken or expired entry counts as none. */
  read(key: string, now: number): Intent | undefined {
    let text: string;
    try {
      text = fs.readFileSync(this.file(key), "utf8");
    } catch {
      return undefined;
    }
    const parsed = Intent.safeParse(safeJson(text));
    return parsed.success && parsed.data.expiresAt > now ? parsed.data : undefined;
  }

  /** Durable before it returns: the destructive call goes out only after this, and not at all if it fails. */
  write(key: string, intent: Intent): void {
    const file = this.file(key);
    const temporary = `${file}.${process.pid}.tmp`;
    try {
      fs.mkdirSync(this.dir, { recursive: true, mode: 0o700 });
      const fd = fs.openSync(temporary, "w", 0o600);
      try {
        fs.writeSync(fd, JSON.stringify(intent));
        fs.fsyncSync(fd);
      } finally {
        fs.closeSync(fd);
      }
      fs.renameSync(temporary, file);
    } catch (error) {
      throw unwritable(this.dir, error);
    }
  }

  /**
   * Adds what was learnt after the call (its answer, a task id) to an entry that is already written. Best effort:
   * the entry written before the call already keeps the next run from repeating it, and the call went out.
   */
  note(key: string, intent: Intent): void {
    try {
      this.write(key, intent);
    } catch {
      // The entry as first written stays, which is what the next run needs.
    }
  }

  /**
   * A keyed hash of a request, inputs and secrets included. The key is random, made once per journal and kept
   * beside it (0600), so the entries say whether two requests are the same without being a hash of a password
   * that could be guessed offline.
   */
  digest(request: unknown): string {
    return createHmac("sha256", this.key()).update(JSON.stringify(request)).digest("base64url");
  }

  clear(key: string): void {
    fs.rmSync(this.file(key), { force: true });
  }

  private key(): Buffer {
    const file = path.join(this.dir, "key");
    if (fs.existsSync(file)) return fs.readFileSync(file);
    try {
      fs.mkdirSync(this.dir, { recursive: true, mode: 0o700 });
      // Written whole under another name, then linked into place: a process racing this one reads a full key or none.
      const temporary = `${file}.${process.pid}.tmp`;
      fs.writeFileSync(temporary, randomBytes(32), { mode: 0o600 });
      try {
        fs.linkSync(temporary, file);
      } finally {
        fs.rmSync(temporary, { force: true });
      }
    } catch (error) {
      // EEXIST: made already, by an earlier run or by another process meanwhile.
      if ((error as NodeJS.ErrnoException).code !== "EEXIST" || !fs.statSync(this.dir).isDirectory()) throw unwritable(this.dir, error);
    }
    return fs.readFileSync(file);
  }

  private file(key: string): string {
    return path.join(this.dir, `${key.replace(/[^A-Za-z0-9_.-]/g, "_")}.json`);
  }
}

function unwritable(dir: string, error: unknown): ReinstallError {
  return new ReinstallError(
    "CONFIG_ERROR",
    `cannot write the intent journal in ${dir} (${(error as NodeJS.ErrnoException).code ?? String(error)}); nothing was sent`,
    {
      next: "make that directory writable, or set PULUMI_REINSTALL_JOURNAL_DIR to a writable directory, then run `pulumi up` again",
    },
  );
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
