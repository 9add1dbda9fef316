import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { EDIS_ROUTES, OVH_ROUTES, startEdisSimulator, startOvhSimulator, type JournalEntry } from "pulumi-reinstall-simulator";
import { captureProgram, captureStack } from "../harness/capture";
import { startRecordingEngine } from "../harness/engine";
import { startProviderHost, type ProviderHost } from "../harness/host";
import { packedInstall, type PackedInstall } from "../harness/pack";
import { throwawaySshKey } from "../harness/ssh-key";
import { callsByRoute, closingTable, duration, outputs, row, say, type RunFigures } from "./demo-output";

/**
 * `make demo`: both examples end to end against the simulators — preview, up with live progress, an edited
 * input and its update, an up with no changes — through the Pulumi CLI when one is on PATH, otherwise through
 * the engine-contract harness: the packed install inside @pulumi/pulumi's dynamic provider host, over gRPC.
 */
interface Example {
  name: string;
  /** The program's stack config, as `pulumi config set` would hold it. */
  config: Record<string, string>;
  secretConfig: string[];
  /** The provider's config (credentials), as the stack holds it. */
  providerConfig: Record<string, string>;
  typo: [string, Record<string, unknown>];
  /** The edit of the second `pulumi up`: [what, stack config key, new value]. */
  edit: [string, string, string];
  secrets: string[];
  /** The simulator the example talks to, whose journal counts each run's calls. */
  sim: { journal: readonly JournalEntry[] };
  /** The route that starts an install, counted apart in the closing table. */
  installRoute: string;
}

const seconds = Number(process.env.DEMO_INSTALL_SECONDS ?? 30);

async function main() {
  const ovh = await startOvhSimulator({ installSeconds: seconds });
  const edis = await startEdisSimulator({ reinstallSeconds: seconds });
  const kvm = edis.vpsList[0];
  const sshKey = throwawaySshKey();
  const examples: Example[] = [
    {
      name: "ovh-debian",
      config: { sshPublicKey: sshKey },
      secretConfig: [],
      providerConfig: {
        "ovh:endpoint": ovh.endpoint,
        "ovh:applicationKey": ovh.credentials.applicationKey,
        "ovh:applicationSecret": ovh.credentials.applicationSecret,
        "ovh:consumerKey": ovh.credentials.consumerKey,
      },
      typo: ["a typo in the template and a timeout of 0", { templateName: "debian12", timeoutMinutes: 0 }],
      edit: ["the hostname becomes web-2", "hostname", "web-2"],
      secrets: ["userMetadata"],
      sim: ovh,
      installRoute: OVH_ROUTES.reinstall,
    },
    {
      name: "edis-cloudinit",
      config: { kvmId: kvm.kvmId, rootPassword: "Demo+Root=Pass9!", readinessPort: String(kvm.port) },
      secretConfig: ["rootPassword"],
      providerConfig: { "edis:sessionUrl": edis.sessionUrl, "edis:email": edis.credentials.email, "edis:password": edis.credentials.password },
      typo: ["a misspelt image and a weak password", { image: "cloudinit_debian-bookwrom", password: "hunter2" }],
      edit: ["the root password is rotated", "rootPassword", "Rotated+Root=Pass9!"],
      secrets: ["password", "cloudInitUserData", "userMetadata"],
      sim: edis,
      installRoute: EDIS_ROUTES.reinstall,
    },
  ];
  say(`OVH simulator on ${ovh.endpoint}, EDIS simulator on ${edis.sessionUrl}; an install takes ${seconds}s here (~11 min at OVH, ~5 at EDIS).`);
  say("Packing pulumi-reinstall and installing it next to the examples, as on a user's machine…");
  const install = packedInstall(examples.map((e) => e.name));
  try {
    const cli = spawnSync("pulumi", ["version"], { stdio: "ignore" }).status === 0;
    for (const example of examples) {
      say(`\n━━ examples/${example.name}`);
      await (cli ? withPulumiCli(install, example) : withHarness(install, example));
    }
    say(
      `\nThe OVH simulator saw ${ovh.count({ route: OVH_ROUTES.reinstall })} install POSTs; the EDIS simulator ${edis.count({ route: EDIS_ROUTES.reinstall })} reinstalls.`,
    );
  } finally {
    fs.rmSync(install.dir, { recursive: true, force: true });
    await Promise.all([ovh.close(), edis.close()]);
  }
}

/** The real CLI: a local file backend in the temporary install, the passphrase from the environment. */
async function withPulumiCli(install: PackedInstall, example: Example) {
  const dir = install.program(example.name);
  fs.writeFileSync(path.join(dir, "package.json"), JSON.stringify({ name: example.name, main: "bin/index.js" }));
  fs.mkdirSync(path.join(install.dir, "state"), { recursive: true });
  const env = {
    ...process.env,
    PULUMI_BACKEND_URL: `file://${path.join(install.dir, "state")}`,
    PULUMI_CONFIG_PASSPHRASE: process.env.PULUMI_CONFIG_PASSPHRASE ?? "demo",
    PULUMI_SKIP_UPDATE_CHECK: "true",
    PULUMI_REINSTALL_TIME_SCALE: "0.05",
    // The demo's simulated VPSes must not leave intent-journal entries in the user's ~/.pulumi.
    PULUMI_REINSTALL_JOURNAL_DIR: path.join(install.dir, "journal"),
  };
  const pulumi = (...args: string[]) => {
    say(`\n$ pulumi ${args.filter((a) => !a.includes("Pass9")).join(" ")}`);
    const run = spawnSync("pulumi", args, { cwd: dir, env, stdio: "inherit" });
    if (run.status !== 0) throw new Error(`pulumi ${args[0]} failed (${run.status})`);
  };
  say("Using the pulumi CLI on PATH.");
  pulumi("stack", "init", "dev", "--non-interactive");
  for (const [key, value] of Object.entries({ ...example.config, ...example.providerConfig })) {
    const secret = example.secretConfig.includes(key) || /secret|password|consumerKey/i.test(key);
    pulumi("config", "set", ...(secret ? ["--secret"] : []), key, value);
  }
  pulumi("preview", "--non-interactive");
  pulumi("up", "--yes", "--non-interactive");
  pulumi("config", "set", ...(example.secretConfig.includes(example.edit[1]) ? ["--secret"] : []), example.edit[1], example.edit[2]);
  pulumi("up", "--yes", "--non-interactive");
  pulumi("up", "--yes", "--non-interactive");
}

/** No CLI: the harness does the engine's part, each command with its own provider process, as the CLI does. */
async function withHarness(install: PackedInstall, example: Example) {
  say("No pulumi binary on PATH: the engine-contract harness plays the engine (same dynamic provider host, over gRPC).");
  let progress: ((message: string) => void) | undefined;
  const warnings: string[] = [];
  const engine = await startRecordingEngine((log) => {
    if (log.severity === "warning") warnings.push(log.message);
    else if (log.ephemeral) progress?.(log.message);
  });
  const dir = install.program(example.name);
  const {
    registrations: [resource],
    exports,
  } = captureStack(dir, example.name, example.config);
  const urn = resource.inputs.__urn as string;
  const type = urn.split("::")[2];
  const env = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    NODE_EXTRA_CA_CERTS: process.env.NODE_EXTRA_CA_CERTS,
    PULUMI_REINSTALL_TIME_SCALE: "0.05",
    PULUMI_REINSTALL_JOURNAL_DIR: path.join(install.dir, "journal"),
  };
  const figures: RunFigures[] = [];

  /** One `pulumi` command: a fresh provider host, its rows, then its own Diagnostics, Resources and Duration. */
  async function run<T>(
    command: string,
    note: string,
    body: (host: ProviderHost) => Promise<{ result: T; resources: string; outputs?: Record<string, unknown> }>,
  ) {
    say(`\n$ pulumi ${command}${note ? `   # ${note}` : ""}`);
    say(`${command === "preview" ? "Previewing update" : "Updating"} (dev):`);
    say(row(" ", "Type", "Name", command === "preview" ? "Plan" : "Status"));
    const first = example.sim.journal.length;
    const started = Date.now();
    warnings.length = 0;
    const host = await startProviderHost(dir, engine.address, env);
    try {
      await host.configure(example.providerConfig);
      const { result, resources, outputs: props } = await body(host);
      const seconds = (Date.now() - started) / 1000;
      const calls = example.sim.journal.slice(first);
      if (warnings.length > 0) say(["", "Diagnostics:", `  ${type} (${resource.name}):`, ...warnings.map((w) => `    warning: ${w}`)].join("\n"));
      if (props) say(["", ...outputs(exports, props, example.secrets)].join("\n"));
      say(["", "Resources:", `    ${resources}`, "", `Duration: ${duration(seconds)}`].join("\n"));
      say(`API calls: ${calls.length}${calls.length > 0 ? ` (${callsByRoute(calls)})` : ""}`);
      figures.push({
        run: `${command}${note ? ` (${note})` : ""}`,
        calls: calls.length,
        installs: calls.filter((c) => c.route === example.installRoute).length,
        seconds,
      });
      return result;
    } finally {
      progress = undefined;
      host.stop();
    }
  }
  /** Progress rows while an operation runs, as the CLI's non-interactive display prints them. */
  const watch = (symbol: "+" | "~", verb: string) => {
    const started = Date.now();
    progress = (message) => say(row(symbol, type, resource.name, `${verb} (${Math.round((Date.now() - started) / 1000)}s) ${message}`));
    return () => `${Math.round((Date.now() - started) / 1000)}s`;
  };

  try {
    await run("preview", example.typo[0], async (host) => {
      const typo = { ...resource.inputs, ...example.typo[1] };
      const { failures } = await host.check(urn, {}, typo);
      say(row("+", type, resource.name, `create  ${failures.length} error${failures.length === 1 ? "" : "s"}`));
      // The engine's wording for a check failure (diag.GetResourcePropertyInvalidValueError), secrets masked.
      const value = (p: string) => (p in typo ? ` value ${example.secrets.includes(p) ? "[secret]" : JSON.stringify(typo[p])}` : "");
      const errors = failures.map(
        (f) => `    error: ${type} resource '${resource.name}'s property '${f.property}'${value(f.property)} has a problem: ${f.reason}`,
      );
      say(["", "Diagnostics:", `  ${type} (${resource.name}):`, ...errors].join("\n"));
      return { result: undefined, resources: "+ 1 to create (the preview failed on the errors above; nothing was installed)" };
    });

    const created = await run("up --yes", "", async (host) => {
      const checked = await host.check(urn, {}, resource.inputs);
      const took = watch("+", "creating");
      const result = await host.create(urn, checked.inputs);
      say(row("+", type, resource.name, `created (${took()})`));
      return { result, resources: "+ 1 created", outputs: result.properties };
    });

    const [{ inputs: edited }] = captureProgram(dir, example.name, { ...example.config, [example.edit[1]]: example.edit[2] });
    const updated = await run("up --yes", example.edit[0], async (host) => {
      const news = await host.check(urn, created.properties, edited);
      await host.diff(urn, created.id, created.properties, news.inputs);
      const took = watch("~", "updating");
      const result = await host.update(urn, created.id, created.properties, news.inputs);
      const changed = Object.keys(news.inputs).filter((k) => !k.startsWith("__") && JSON.stringify(news.inputs[k]) !== JSON.stringify(created.properties[k]));
      say(row("~", type, resource.name, `updated (${took()}) [diff: ${changed.map((k) => `~${k}`).join(" ")}]`));
      return { result, resources: "~ 1 updated", outputs: result };
    });

    await run("up --yes", "nothing changed", async (host) => {
      const again = await host.check(urn, updated, edited);
      const { changes } = await host.diff(urn, created.id, updated, again.inputs);
      say(row(" ", type, resource.name, changes === "none" ? "" : `diff: ${changes}`));
      return {
        result: undefined,
        resources: "1 unchanged (check and diff only: no install; the calls below are check's look-ups in a fresh provider process)",
      };
    });
    say(["", `examples/${example.name}, run by run:`, ...closingTable(figures)].join("\n"));
  } finally {
    await engine.close();
  }
}

main().catch((e) => {
  process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
