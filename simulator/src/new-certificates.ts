import { generateKeyPairSync, randomBytes } from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import forge from "node-forge";
import { FILES } from "./certs";

/** Writes a new CA and a server certificate it signs into dir, under the names certs.ts reads. */
export function writeFreshSet(dir: string): void {
  const ca = rsaKeyPair();
  const server = rsaKeyPair();
  const caName = [{ name: "commonName", value: "pulumi-reinstall simulator local CA" }];

  const caCert = newCertificate(ca.publicKey, caName, caName, 10);
  caCert.setExtensions([
    { name: "basicConstraints", cA: true, critical: true },
    { name: "keyUsage", keyCertSign: true, cRLSign: true, critical: true },
    { name: "subjectKeyIdentifier" },
  ]);
  caCert.sign(ca.privateKey, forge.md.sha256.create());

  const serverCert = newCertificate(server.publicKey, [{ name: "commonName", value: "localhost" }], caName, 5);
  serverCert.setExtensions([
    { name: "basicConstraints", cA: false },
    { name: "keyUsage", digitalSignature: true, keyEncipherment: true, critical: true },
    { name: "extKeyUsage", serverAuth: true },
    {
      name: "subjectAltName",
      altNames: [
        { type: 7, ip: "127.0.0.1" },
        { type: 7, ip: "::1" },
        { type: 2, value: "localhost" },
      ],
    },
    { name: "authorityKeyIdentifier", keyIdentifier: caCert.generateSubjectKeyIdentifier().getBytes() },
  ]);
  serverCert.sign(ca.privateKey, forge.md.sha256.create());

  const write = (name: string, pem: string, mode: number) => fs.writeFileSync(path.join(dir, name), pem, { mode });
  write(FILES.caKey, ca.pem, 0o600);
  write(FILES.key, server.pem, 0o600);
  write(FILES.caCert, forge.pki.certificateToPem(caCert), 0o644);
  write(FILES.cert, forge.pki.certificateToPem(serverCert), 0o644);
}

/** Node generates the keys natively (forge's pure-JS RSA takes seconds); forge only assembles and signs the certificates. */
function rsaKeyPair() {
  const { publicKey, privateKey } = generateKeyPairSync("rsa", {
    modulusLength: 2048,
    publicKeyEncoding: { type: "spki", format: "pem" },
    privateKeyEncoding: { type: "pkcs1", format: "pem" },
  });
  return {
    pem: privateKey,
    publicKey: forge.pki.publicKeyFromPem(publicKey),
    privateKey: forge.pki.privateKeyFromPem(privateKey),
  };
}

function newCertificate(
  publicKey: forge.pki.PublicKey,
  subject: forge.pki.CertificateField[],
  issuer: forge.pki.CertificateField[],
  years: number,
): forge.pki.Certificate {
  const cert = forge.pki.createCertificate();
  cert.publicKey = publicKey;
  // A leading 01 byte keeps the DER integer positive, as RFC 5280 requires of serial numbers.
  cert.serialNumber = "01" + randomBytes(15).toString("hex");
  cert.validity.notBefore = new Date(Date.now() - 24 * 3600 * 1000);
  cert.validity.notAfter = new Date(Date.now() + years * 365 * 24 * 3600 * 1000);
  cert.setSubject(subject);
  cert.setIssuer(issuer);
  return cert;
}
