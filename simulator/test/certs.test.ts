import { X509Certificate } from "node:crypto";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { ensureCertificates } from "pulumi-reinstall-simulator";

describe("ensureCertificates", () => {
  let dir: string;
  beforeEach(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), "sim-certs-"))));
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("creates a CA and a server certificate for 127.0.0.1, ::1 and localhost, signed by that CA", () => {
    const certs = ensureCertificates(dir);
    const ca = new X509Certificate(certs.caCert);
    const server = new X509Certificate(certs.cert);
    expect(certs.caCertPath).toBe(path.join(dir, "certs", "ca.pem"));
    expect(fs.readFileSync(certs.caCertPath, "utf8")).toBe(certs.caCert);
    expect(ca.ca).toBe(true);
    expect(server.ca).toBe(false);
    expect(server.verify(ca.publicKey)).toBe(true);
    expect(server.checkIP("127.0.0.1")).toBe("127.0.0.1");
    expect(server.checkIP("::1")).toBe("::1");
    expect(server.checkHost("localhost")).toBe("localhost");
    expect(server.checkPrivateKey(require("node:crypto").createPrivateKey(certs.key))).toBe(true);
  });

  it("reuses the existing set instead of minting a new CA", () => {
    const first = ensureCertificates(dir);
    const second = ensureCertificates(dir);
    expect(second.caCert).toBe(first.caCert);
    expect(second.cert).toBe(first.cert);
    expect(fs.readdirSync(dir)).toEqual(["certs"]);
  });
});
