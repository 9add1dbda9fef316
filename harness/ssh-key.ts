import { generateKeyPairSync } from "node:crypto";
import sshpk from "sshpk";

/** A fresh ed25519 public key in OpenSSH form, as a user puts in `sshPublicKey`; the private half is dropped. */
export function throwawaySshKey(comment = "ops@example"): string {
  const { publicKey } = generateKeyPairSync("ed25519");
  return `${sshpk.parseKey(publicKey.export({ type: "spki", format: "pem" }), "pem").toString("ssh")} ${comment}`;
}
