import { generateKeyPairSync } from "node:crypto";
import * as path from "node:path";
import sshpk from "sshpk";
import { createRuntime, dedicatedServerInstallProvider, kvmReinstallProvider } from "pulumi-reinstall-provider";
import { startEdisSimulator, startOvhSimulator } from "pulumi-reinstall-simulator";
import { captureProgram } from "./capture-program";

/**
 * `make demo`: runs examples/ovh-debian and examples/edis-cloudinit against the simulators through the real
 * provider, the way `pulumi preview` then `pulumi up` would: check, diff, create with live progress, an edited
 * input and its update, an up with no changes, a refresh.
 */
type Props = Record<string, unknown>;
type Provider = ReturnType<typeof dedicatedServerInstallProvider> | ReturnType<typeof kvmReinstallProvider>;

interface Scenario {
  example: string;
  config: Record<string, string>;
  env: NodeJS.ProcessEnv;
  makeProvider: (runtime: ReturnType<typeof createRuntime>) => Provider;
  /** A typo that preview must catch before anything is erased. */
  typo: [string, Props];
  /** The edit of the second `pulumi up`. */
  edit: [string, Props];
  secrets: string[];
  requests: () => string;
}

const seconds = Number(process.env.DEMO_INSTALL_SECONDS ?? 30);
const say = (line = "") => process.stdout.write(`${line}\n`);

async function drive(s: Scenario) {
  say(`\n━━ examples/${s.example}`);
  const [resource] = await captureProgram(path.join(__dirname, "..", "..", "examples", s.example), s.example, s.config);
  say(`the program registers ${resource.type} "${resource.name}"`);
  const runtime = createRuntime({ env: s.env, timeScale: 0.05, progress: (e) => say(`  … ${e.message}`), warn: (w) => say(`  warning: ${w}`) });
  const provider = s.makeProvider(runtime);
  await provider.configure({ config: { get: () => undefined, require: () => "" } } as never);
  const hidden = (outs: Props) => ({ ...outs, ...Object.fromEntries(s.secrets.filter((k) => outs[k] !== undefined).map((k) => [k, "[secret]"])) });

  say(`\n$ pulumi preview   # ${s.typo[0]}`);
  for (const f of (await provider.check({}, { ...resource.inputs, ...s.typo[1] })).failures ?? []) say(`  ${f.property}: ${f.reason}`);

  say("\n$ pulumi up");
  const checked = await provider.check({}, resource.inputs);
  say(`  check: ${checked.failures?.length ? JSON.stringify(checked.failures) : "ok"}`);
  const created = await provider.create(checked.inputs);
  say(`  + ${resource.name} created: ${JSON.stringify(hidden(created.outs))}`);

  say(`\n$ pulumi up   # ${s.edit[0]}`);
  const program = { ...resource.inputs, ...s.edit[1] };
  const edited = (await provider.check(created.outs, program)).inputs;
  say(`  diff: ${JSON.stringify(await provider.diff(created.id, created.outs, edited))}`);
  const updated = await provider.update(created.id, created.outs, edited);
  say(`  ~ ${resource.name} updated: ${JSON.stringify(hidden(updated.outs))}`);

  say("\n$ pulumi up   # nothing changed");
  const again = (await provider.check(updated.outs, program)).inputs;
  say(`  diff: ${JSON.stringify(await provider.diff(created.id, updated.outs, again))} → no changes, nothing sent`);

  say("\n$ pulumi refresh");
  const read = await provider.read(created.id, updated.outs);
  say(`  ${JSON.stringify(hidden(read.props))}`);
  say(`\n${s.requests()}`);
}

async function main() {
  say("No Pulumi CLI here: driving the provider directly, as the engine would (the engine harness comes next).");
  const ovh = await startOvhSimulator({ installSeconds: seconds });
  const edis = await startEdisSimulator({ reinstallSeconds: seconds });
  say(`OVH simulator on ${ovh.endpoint}, EDIS simulator on ${edis.sessionUrl}; an install takes ${seconds}s here (~11 min at OVH, ~5 min at EDIS)`);
  const { publicKey } = generateKeyPairSync("ed25519");
  const sshKey = `${sshpk.parseKey(publicKey.export({ type: "spki", format: "pem" }), "pem").toString("ssh")} ops@example`;
  const kvmId = edis.vpsList[0].kvmId;
  try {
    await drive({
      example: "ovh-debian",
      config: { sshPublicKey: sshKey },
      env: {
        OVH_ENDPOINT: ovh.endpoint,
        OVH_APPLICATION_KEY: ovh.credentials.applicationKey,
        OVH_APPLICATION_SECRET: ovh.credentials.applicationSecret,
        OVH_CONSUMER_KEY: ovh.credentials.consumerKey,
      },
      makeProvider: dedicatedServerInstallProvider,
      typo: ["a typo in the template and a question it does not ask", { templateName: "debian12", userMetadata: { sshKey, language: "fr-fr" } }],
      edit: ["after changing customHostname to web-2 in the program", { customHostname: "web-2" }],
      secrets: ["userMetadata"],
      requests: () => `The OVH simulator saw ${ovh.count()} requests, ${ovh.count({ route: "POST /dedicated/server/{serviceName}/reinstall" })} of them install POSTs.`,
    });
    await drive({
      example: "edis-cloudinit",
      config: { kvmId, rootPassword: "Demo+Root=Pass9!", readinessPort: String(edis.vps(kvmId).port) },
      env: { EDIS_SESSION_URL: edis.sessionUrl, EDIS_EMAIL: edis.credentials.email, EDIS_PASSWORD: edis.credentials.password },
      makeProvider: kvmReinstallProvider,
      typo: ["a misspelt image and a weak password", { image: "cloudinit_debian-bookwrom", password: "hunter2" }],
      edit: ["after rotating the root password", { password: "Rotated+Root=Pass9!" }],
      secrets: ["password", "cloudInitUserData"],
      requests: () => `The EDIS simulator saw ${edis.count()} requests, ${edis.count({ route: "POST /kvm/v2/set/reinstall" })} of them set/reinstall.`,
    });
  } finally {
    await Promise.all([ovh.close(), edis.close()]);
  }
}

main().catch((e) => {
  process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
