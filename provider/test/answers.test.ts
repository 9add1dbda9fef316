import { answerProblem, needsAnswer, reinstallValue } from "../src/ovh/dedicated-server-install/answers";
import type { TemplateInput } from "../src/ovh/responses";
import { throwawaySshKey } from "../../harness/ssh-key";

const question = (type: string, extra: Partial<TemplateInput> = {}): TemplateInput => ({ name: "q", type, mandatory: false, enum: [], ...extra });

describe("answers to template questions", () => {
  const cases: [string, unknown[], unknown[]][] = [
    ["boolean", [true, "false"], ["yes", 1]],
    ["date", ["2026-11-22"], ["2026-02-30", "22/11/2026"]],
    ["email", ["ops@example.com"], ["ops@", "not an email"]],
    ["hexstring", ["367f26c9AB"], ["0xzz", ""]],
    ["hostname", ["web-1.example.com"], ["-web", "a".repeat(64)]],
    ["ip", ["192.0.2.10", "2001:db8::1"], ["300.1.1.1", "host"]],
    ["keyValue", [{ Authorization: "Basic x" }], ["a=b", { n: 1 }]],
    ["number", [3, "42"], ["four", true]],
    ["string", ["anything"], [1]],
    ["text", ["#!/bin/sh\necho hi"], [{ a: "b" }]],
    ["time", ["23:59", "07:30:15"], ["24:00", "7h30"]],
    ["url", ["https://example.com/img.qcow2"], ["file:///etc/passwd", "example.com"]],
    ["uuid", ["0b5b8c1e-2d4f-4e7a-9c3b-5f6a7b8c9d0e"], ["0b5b8c1e", "zzzzzzzz-2d4f-4e7a-9c3b-5f6a7b8c9d0e"]],
  ];

  it.each(cases)("%s: accepts valid answers and rejects others with the type named", (type, good, bad) => {
    for (const v of good) expect(answerProblem(question(type), v as never)).toBeUndefined();
    for (const v of bad) expect(answerProblem(question(type), v as never)).toContain(`of type ${type}`);
  });

  it("sshPubKey: parses the key rather than matching a prefix", () => {
    expect(answerProblem(question("sshPubKey"), throwawaySshKey())).toBeUndefined();
    expect(answerProblem(question("sshPubKey"), "ssh-ed25519 AAAAnot-base64-key ops@example")).toMatch(/SSH public key/);
    expect(answerProblem(question("sshPubKey"), "-----BEGIN OPENSSH PRIVATE KEY-----")).toMatch(/SSH public key/);
  });

  it("enum: names the allowed values", () => {
    expect(answerProblem(question("enum", { enum: ["en-us", "fr-fr"] }), "de-de")).toBe(
      'the answer to "q" must be one of: en-us, fr-fr (the question is of type enum)',
    );
  });

  it("never quotes the answer itself (answers can be scripts or credentials)", () => {
    expect(answerProblem(question("url"), "s3cr3t-token")).not.toContain("s3cr3t");
  });

  it("types OVH adds later are checked as strings", () => {
    expect(answerProblem(question("fingerprint"), "abc")).toBeUndefined();
    expect(answerProblem(question("fingerprint"), 3)).toMatch(/must be a string/);
  });

  it("a mandatory question needs an answer only without a default", () => {
    expect(needsAnswer(question("url", { mandatory: true, default: "" }))).toBe(true);
    expect(needsAnswer(question("enum", { mandatory: true, default: "ps1" }))).toBe(false);
    expect(needsAnswer(question("url", { mandatory: false }))).toBe(false);
  });

  it("reinstall values are typed JSON", () => {
    expect(reinstallValue(question("boolean"), "true")).toBe(true);
    expect(reinstallValue(question("number"), "3")).toBe(3);
    expect(reinstallValue(question("keyValue"), { a: "b" })).toEqual({ a: "b" });
    expect(reinstallValue(undefined, 5)).toBe("5");
  });
});
