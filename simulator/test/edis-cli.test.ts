import { spawn, spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { SSH_BANNER } from "pulumi-reinstall-simulator";
import { postForm, probe } from "./edis-helpers";
import { requireTrustedCa } from "./helpers";

const CLI = path.join(__dirname, "..", "dist", "cli.js");

/** The value of a shell word as ovh/edis shell lines write it: bare, or single-quoted with '\'' escapes. */
function unquote(word: string): string {
  return word.startsWith("'") ? word.slice(1, -1).replace(/'\\''/g, "'") : word;
}

describe("reinstall-sim prints EDIS exports next to the OVH ones", () => {
  beforeAll(() => {
    requireTrustedCa();
    if (!fs.existsSync(CLI)) throw new Error(`${CLI} is missing: build first (npx tsc -b simulator, or make test)`);
  });

  it("stdout holds only shell lines; the exports reach a working session host and the comments name each VPS's port", async () => {
    const child = spawn(process.execPath, [CLI, "--edis-reinstall-seconds", "7"], { stdio: ["ignore", "pipe", "pipe"] });
    try {
      const lines = await new Promise<string[]>((resolve, reject) => {
        let out = "";
        child.stdout.setEncoding("utf8");
        child.stdout.on("data", (chunk: string) => {
          out += chunk;
          // The last line printed is the last VPS's.
          if (/win-1.*\n/.test(out)) resolve(out.trimEnd().split("\n"));
        });
        child.once("exit", (code) => reject(new Error(`reinstall-sim exited with ${code} before printing its lines: ${out}`)));
      });
      expect(lines[0]).toMatch(/^export OVH_ENDPOINT=https:\/\/127\.0\.0\.1:\d+\/1\.0$/);
      expect(lines.every((l) => l.startsWith("export ") || l.startsWith("#"))).toBe(true);

      const exports = Object.fromEntries(
        lines
          .filter((l) => l.startsWith("export EDIS_"))
          .map((l) => /^export (\w+)=(.*)$/.exec(l)!.slice(1, 3))
          .map(([k, v]) => [k, unquote(v)]),
      );
      expect(exports).toEqual({
        EDIS_SESSION_URL: expect.stringMatching(/^https:\/\/127\.0\.0\.1:\d+$/),
        EDIS_EMAIL: "sim@edis.example",
        EDIS_PASSWORD: "simEdisPw+&=0001",
      });
      const auth = await postForm(`${exports.EDIS_SESSION_URL}/kvm/v2/get/auth`, { email: exports.EDIS_EMAIL, pw: exports.EDIS_PASSWORD });
      expect(auth.status).toBe(200);

      const vpsLines = lines.filter((l) => /^# +kvm_/.test(l));
      expect(vpsLines.map((l) => l.replace(/(?<=127\.0\.0\.1:|readinessPort )\d+/g, "PORT"))).toEqual([
        "#   kvm_123456_789012: edge-1, image cloudinit_debian-bookworm, ssh stand-in on 127.0.0.1:PORT (readinessPort PORT)",
        "#   kvm_123456_789013: edge-2, image cloudinit_ubuntu-lts-24-04, ssh stand-in on 127.0.0.1:PORT (readinessPort PORT)",
        "#   kvm_123456_789014: win-1, image windows-server-2022, rdp stand-in on 127.0.0.1:PORT (readinessPort PORT)",
      ]);
      const edgePort = Number(/readinessPort (\d+)/.exec(vpsLines[0])![1]);
      expect(await probe(edgePort)).toEqual({ data: SSH_BANNER });
      const apiHost = (auth.body as { data: Record<string, { api_host: string }> }).data.kvm_123456_789012.api_host;
      expect(lines).toContain(`# EDIS API host (api_host from get/auth): ${apiHost}`);
    } finally {
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.kill("SIGTERM");
      await exited;
    }
  });

  it("rejects a malformed EDIS option with the usage text and exit code 2", () => {
    const run = spawnSync(process.execPath, [CLI, "--edis-api-port", "many"], { encoding: "utf8" });
    expect(run.status).toBe(2);
    expect(run.stdout).toBe("");
    expect(run.stderr).toContain('--edis-api-port wants a non-negative number, got "many"');
    expect(run.stderr).toContain("--edis-reinstall-seconds S");
  });
});
