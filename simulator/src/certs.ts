import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

/** A local CA and a server certificate for 127.0.0.1, ::1 and localhost, as PEM text plus where the CA lives on disk. */
export interface Certificates {
  readonly dir: string;
  /** Absolute path of the CA certificate: what NODE_EXTRA_CA_CERTS must point at for clients to trust the simulator. */
  readonly caCertPath: string;
  readonly caCert: string;
  readonly key: string;
  readonly cert: string;
}

export const FILES = { caCert: "ca.pem", caKey: "ca-key.pem", cert: "server.pem", key: "server-key.pem" } as const;

/**
 * Returns the simulator's certificates, creating them on first use.
 * The set is written to a temporary directory and renamed into place in one step, so two processes racing
 * (jest workers, a CLI started alongside a test run) never see a CA that did not sign the server certificate.
 */
export function ensureCertificates(dir: string = process.env.REINSTALL_SIM_DIR ?? path.join(os.homedir(), ".cache", "pulumi-reinstall-sim")): Certificates {
  const root = path.resolve(dir);
  const certsDir = path.join(root, "certs");
  if (!fs.existsSync(path.join(certsDir, FILES.cert))) {
    fs.mkdirSync(root, { recursive: true });
    const staging = fs.mkdtempSync(path.join(root, ".certs-"));
    // Loaded only here: every simulator start reads the set, and only the first makes one.
    (require("./new-certificates") as typeof import("./new-certificates")).writeFreshSet(staging);
    try {
      fs.renameSync(staging, certsDir);
    } catch (err) {
      // Another process won the race: its complete set is in place, ours is thrown away.
      fs.rmSync(staging, { recursive: true, force: true });
      if (!fs.existsSync(path.join(certsDir, FILES.cert))) throw err;
    }
  }
  const read = (name: string) => fs.readFileSync(path.join(certsDir, name), "utf8");
  return {
    dir: root,
    caCertPath: path.join(certsDir, FILES.caCert),
    caCert: read(FILES.caCert),
    key: read(FILES.key),
    cert: read(FILES.cert),
  };
}
