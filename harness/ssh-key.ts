import { generateKeyPairSync } from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import sshpk from "sshpk";
import { builtOnce } from "./run-cache";

/** A fresh ed25519 public key in OpenSSH form, as a user puts in `sshPublicKey`; the private half is dropped. */
export function throwawaySshKey(comment = "ops@example"): string {
  const { publicKey } = generateKeyPairSync("ed25519");
  return `${sshpk.parseKey(publicKey.export({ type: "spki", format: "pem" }), "pem").toString("ssh")} ${comment}`;
}

/**
 * One throwaway key for a whole jest run (run-cache.ts), for the engine tests' example programs: configured alike, they
 * capture alike, once (capture.ts). Outside a jest run, a fresh one.
 */
export function runSshKey(): string {
  const dir = builtOnce("ssh-key", (into) => fs.writeFileSync(path.join(into, "key.pub"), throwawaySshKey()));
  return dir ? fs.readFileSync(path.join(dir, "key.pub"), "utf8") : throwawaySshKey();
}
