import { execFileSync, spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { captureProgram } from "../../harness/capture";
import { startRecordingEngine } from "../../harness/engine";
import { startProviderHost } from "../../harness/host";
import { packedInstall, packedTarballs, type PackedInstall } from "../../harness/pack";
import { repo } from "../../harness/repo";
import { throwawaySshKey } from "../../harness/ssh-key";
import { exportedVariables, startSimulatorProcess } from "./simulator-process";

/**
 * The three packages as npm publishes them: what each tarball holds, and that they install into an empty project
 * outside this repository, with npm and with pnpm's strict layout, and work there — the SDK loads, the installed
 * `reinstall-sim` runs, and an example program's resource is created through @pulumi/pulumi's dynamic provider
 * host from that install against that simulator.
 */
jest.setTimeout(300_000);

describe("the tarballs npm pack makes", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "reinstall-tarballs-"));
  let tarballs: Record<"provider" | "sdk" | "simulator", string>;
  beforeAll(() => {
    tarballs = packedTarballs(dir);
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it.each(["provider", "sdk", "simulator"] as const)(
    "%s: LICENSE, README.md, the compiled entry point and its types; no tests, no build info, no sources",
    (name) => {
      const tarball = tarballs[name];
      const files = execFileSync("tar", ["-tzf", tarball], { encoding: "utf8" })
        .trim()
        .split("\n")
        .map((f) => f.replace(/^package\//, ""));
      expect(files).toEqual(expect.arrayContaining(["LICENSE", "README.md", "package.json", "dist/index.js", "dist/index.d.ts"]));
      if (name === "simulator") expect(files).toContain("dist/cli.js");
      expect(files.filter((f) => /(^|\/)(test|src)\/|\.test\.|tsbuildinfo/.test(f))).toEqual([]);
      const text = (file: string) => execFileSync("tar", ["-xzOf", tarball, `package/${file}`], { encoding: "utf8" });
      expect(text("LICENSE")).toBe(fs.readFileSync(path.join(repo, "LICENSE"), "utf8"));
      // Source maps resolve without the sources: they carry them.
      const map = JSON.parse(text("dist/index.js.map")) as { sources: string[]; sourcesContent?: string[] };
      expect(map.sourcesContent).toHaveLength(map.sources.length);
      expect(map.sourcesContent!.every((s) => s.length > 0)).toBe(true);
    },
  );
});

describe.each(["npm", "pnpm"] as const)("installed with %s into an empty project", (client) => {
  let install: PackedInstall;
  const node = (code: string) => execFileSync(process.execPath, ["-e", code], { cwd: install.dir, encoding: "utf8" });

  beforeAll(() => {
    if (!process.env.NODE_EXTRA_CA_CERTS) throw new Error("NODE_EXTRA_CA_CERTS is not set: run the tests with `make test`'s environment");
    install = packedInstall(["ovh-debian"], { client, simulator: true });
  }, 300_000);
  afterAll(() => install && fs.rmSync(install.dir, { recursive: true, force: true }));

  it("resolves nothing into this repository, and only npm puts the provider where the program's directory sees it", () => {
    expect(node(`console.log(require.resolve("pulumi-reinstall"))`)).not.toContain(repo);
    expect(fs.existsSync(path.join(install.dir, "node_modules", "pulumi-reinstall-provider"))).toBe(client === "npm");
  });

  it("loads the SDK and its resource classes", () => {
    const loaded = JSON.parse(
      node(
        `const r = require("pulumi-reinstall"); console.log(JSON.stringify([typeof r.ovh.DedicatedServerInstall, typeof r.edis.KvmReinstall, typeof r.DedicatedServerInstall]))`,
      ),
    );
    expect(loaded).toEqual(["function", "function", "function"]);
  });

  it("npx reinstall-sim runs the installed simulator, never a registry package", () => {
    const help = spawnSync("npx", ["--no", "--", "reinstall-sim", "--help"], { cwd: install.dir, encoding: "utf8" });
    expect(help.status).toBe(0);
    expect(help.stderr).toContain("usage: reinstall-sim [--port N] [--install-seconds S]");
  });

  it("creates examples/ovh-debian's server install through the provider host, against the installed reinstall-sim", async () => {
    const sim = await startSimulatorProcess(path.join(install.dir, "node_modules", ".bin", "reinstall-sim"), ["--install-seconds", "2"], {
      cwd: install.dir,
      env: process.env,
    });
    const engine = await startRecordingEngine();
    try {
      const exported = exportedVariables(sim.stdout());
      expect(Object.keys(exported)).toEqual(
        expect.arrayContaining([
          "OVH_ENDPOINT",
          "OVH_APPLICATION_KEY",
          "OVH_APPLICATION_SECRET",
          "OVH_CONSUMER_KEY",
          "NODE_EXTRA_CA_CERTS",
          "EDIS_SESSION_URL",
        ]),
      );
      const [web] = captureProgram(install.program("ovh-debian"), "ovh-debian", { sshPublicKey: throwawaySshKey() });
      // The credentials reach the provider host as a dry run's shell gives them: the simulator's exports.
      const host = await startProviderHost(install.program("ovh-debian"), engine.address, {
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        ...exported,
        PULUMI_REINSTALL_TIME_SCALE: "0.05",
        PULUMI_REINSTALL_JOURNAL_DIR: path.join(install.dir, "journal"),
      });
      try {
        await host.configure({});
        const urn = web.inputs.__urn as string;
        const checked = await host.check(urn, {}, web.inputs);
        expect(checked.failures).toEqual([]);
        const created = await host.create(urn, checked.inputs);
        expect(created.id).toBe("ns3001234.ip-51-68-1.eu");
        expect(created.properties).toMatchObject({ taskStatus: "done", installedOs: "debian12_64" });
      } finally {
        host.stop();
      }
    } finally {
      await Promise.all([engine.close(), sim.stop()]);
    }
  });
});
