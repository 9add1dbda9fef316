import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { startEdisSimulator, startOvhSimulator } from "pulumi-reinstall-simulator";
import { captureProgram } from "../test/engine/harness/capture";
import { startRecordingEngine } from "../test/engine/harness/engine";
import { startProviderHost } from "../test/engine/harness/host";
import { packedInstall, type PackedInstall } from "../test/engine/harness/pack";
import { throwawaySshKey } from "../test/engine/harness/ssh-key";

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
}

const seconds = Number(process.env.DEMO_INSTALL_SECONDS ?? 30);
const say = (line = "") => process.stdout.write(`${line}\n`);

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
      typo: ["a typo in the template and a question it does not ask", { templateName: "debian12", userMetadata: { sshKey, language: "fr-fr" } }],
      edit: ["the hostname becomes web-2", "hostname", "web-2"],
      secrets: ["userMetadata"],
    },
    {
      name: "edis-cloudinit",
      config: { kvmId: kvm.kvmId, rootPassword: "Demo+Root=Pass9!", readinessPort: String(kvm.port) },
      secretConfig: ["rootPassword"],
      providerConfig: { "edis:sessionUrl": edis.sessionUrl, "edis:email": edis.credentials.email, "edis:password": edis.credentials.password },
      typo: ["a misspelt image and a weak password", { image: "cloudinit_debian-bookwrom", password: "hunter2" }],
      edit: ["the root password is rotated", "rootPassword", "Rotated+Root=Pass9!"],
      secrets: ["password", "cloudInitUserData", "userMetadata"],
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
    say(`\nThe OVH simulator saw ${ovh.count({ route: "POST /dedicated/server/{serviceName}/reinstall" })} install POSTs; the EDIS simulator ${edis.count({ route: "POST /kvm/v2/set/reinstall" })} reinstalls.`);
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

/** No CLI: the harness does the engine's part, with progress printed live from its Log service. */
async function withHarness(install: PackedInstall, example: Example) {
  say("No pulumi binary on PATH: the engine-contract harness plays the engine (same dynamic provider host, over gRPC).");
  const engine = await startRecordingEngine((log) => {
    if (log.severity === "warning") say(`  warning: ${log.message}`);
    else if (log.ephemeral) say(`  … ${log.message}`);
  });
  const dir = install.program(example.name);
  const [resource] = captureProgram(dir, example.name, example.config);
  const urn = resource.inputs.__urn as string;
  const provider = resource.inputs.__provider as string;
  const host = await startProviderHost(dir, engine.address, {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    NODE_EXTRA_CA_CERTS: process.env.NODE_EXTRA_CA_CERTS,
    PULUMI_REINSTALL_TIME_SCALE: "0.05",
    PULUMI_REINSTALL_JOURNAL_DIR: path.join(install.dir, "journal"),
  });
  const shown = (props: Record<string, unknown>) =>
    JSON.stringify(Object.fromEntries(Object.entries(props).filter(([k]) => !k.startsWith("__")).map(([k, v]) => [k, example.secrets.includes(k) ? "[secret]" : v])));
  try {
    await host.configure(example.providerConfig);
    const loadStart = Date.now();
    say(`\n$ pulumi preview   # ${example.typo[0]}`);
    for (const f of (await host.check(urn, {}, { ...resource.inputs, ...example.typo[1] })).failures) say(`  error: ${f.property}: ${f.reason}`);
    const loadMs = Date.now() - loadStart;

    say("\n$ pulumi up");
    const checked = await host.check(urn, {}, resource.inputs);
    const created = await host.create(urn, checked.inputs);
    say(`  + ${resource.name} created: ${shown(created.properties)}`);

    say(`\n$ pulumi up   # ${example.edit[0]}`);
    const [{ inputs: edited }] = captureProgram(dir, example.name, { ...example.config, [example.edit[1]]: example.edit[2] });
    const news = await host.check(urn, created.properties, edited);
    const diff = await host.diff(urn, created.id, created.properties, news.inputs);
    say(`  diff: changes ${diff.changes}${diff.replaces.length ? `, replaces ${diff.replaces.join(", ")}` : ""}`);
    const updated = await host.update(urn, created.id, created.properties, news.inputs);
    say(`  ~ ${resource.name} updated: ${shown(updated)}`);

    say("\n$ pulumi up   # nothing changed");
    const again = await host.check(urn, updated, edited);
    say(`  diff: changes ${(await host.diff(urn, created.id, updated, again.inputs)).changes}: nothing sent to the API`);
    say(`\n(__provider in state: ${provider.length} bytes; the host started in ${host.startMs} ms and loaded it, configured and checked in ${loadMs} ms)`);
  } finally {
    host.stop();
    await engine.close();
  }
}

main().catch((e) => {
  process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
