import { generateKeyPairSync } from "node:crypto";
import * as path from "node:path";
import sshpk from "sshpk";
import { createRuntime, dedicatedServerInstallProvider } from "pulumi-reinstall-provider";
import { startOvhSimulator } from "pulumi-reinstall-simulator";
import { captureProgram } from "./capture-program";

/**
 * `make demo`: runs examples/ovh-debian against the OVH simulator through the real provider, the way
 * `pulumi preview` then `pulumi up` would: check, diff, create (with live progress), an edited input and its
 * update, then an up with no changes.
 */
const installSeconds = Number(process.env.DEMO_INSTALL_SECONDS ?? 42);
const say = (line = "") => process.stdout.write(`${line}\n`);
const hidden = (outs: Record<string, unknown>) => ({ ...outs, __provider: undefined, userMetadata: outs.userMetadata && "[secret]" });

async function main() {
  const sim = await startOvhSimulator({ installSeconds });
  const env = {
    OVH_ENDPOINT: sim.endpoint,
    OVH_APPLICATION_KEY: sim.credentials.applicationKey,
    OVH_APPLICATION_SECRET: sim.credentials.applicationSecret,
    OVH_CONSUMER_KEY: sim.credentials.consumerKey,
  };
  say(`OVH simulator on ${sim.endpoint} (an install takes ${installSeconds}s here, ~11 min at OVH)`);
  say("No Pulumi CLI here: driving the provider directly, as the engine would (the engine harness comes next).");

  const { publicKey } = generateKeyPairSync("ed25519");
  const sshKey = `${sshpk.parseKey(publicKey.export({ type: "spki", format: "pem" }), "pem").toString("ssh")} ops@example`;
  const program = path.join(__dirname, "..", "..", "examples", "ovh-debian");
  const [web] = await captureProgram(program, "ovh-debian", { sshPublicKey: sshKey });
  say(`examples/ovh-debian registers ${web.type} "${web.name}"`);

  const runtime = createRuntime({
    env,
    timeScale: 0.05,
    progress: (e) => say(`  … ${e.message}`),
    warn: (w) => say(`  warning: ${w}`),
  });
  const provider = dedicatedServerInstallProvider(runtime);
  await provider.configure({ config: { get: () => undefined, require: () => "" } } as never);

  say("\n$ pulumi preview   # a typo in the template is caught before anything is erased");
  const typo = await provider.check({}, { ...web.inputs, templateName: "debian12", userMetadata: { sshKey, language: "fr-fr" } });
  for (const f of typo.failures ?? []) say(`  ${f.property}: ${f.reason}`);

  say("\n$ pulumi up");
  const checked = await provider.check({}, web.inputs);
  say(`  check: ${checked.failures?.length ? JSON.stringify(checked.failures) : "ok"}`);
  const created = await provider.create(checked.inputs);
  say(`  + ${web.name} created: ${JSON.stringify(hidden(created.outs))}`);

  say("\n$ pulumi up   # after changing customHostname to web-2 in the program");
  const edited = (await provider.check(created.outs, { ...web.inputs, customHostname: "web-2" })).inputs;
  const diff = await provider.diff(created.id, created.outs, edited);
  say(`  diff: ${JSON.stringify(diff)}`);
  const updated = await provider.update(created.id, created.outs, edited);
  say(`  ~ ${web.name} updated: hostname ${String(updated.outs.customHostname)}, task ${String(updated.outs.taskId)} ${String(updated.outs.taskStatus)}`);

  say("\n$ pulumi up   # nothing changed");
  const again = (await provider.check(updated.outs, { ...web.inputs, customHostname: "web-2" })).inputs;
  say(`  diff: ${JSON.stringify(await provider.diff(created.id, updated.outs, again))} → no changes, nothing sent to OVH`);

  say("\n$ pulumi refresh");
  const read = await provider.read(created.id, updated.outs);
  say(`  installedOs ${String(read.props.installedOs)}, task ${String(read.props.taskId)} ${String(read.props.taskStatus)}`);

  say(`\nThe simulator saw ${sim.count()} requests, ${sim.count({ route: "POST /dedicated/server/{serviceName}/reinstall" })} of them install POSTs.`);
  await sim.close();
}

main().catch((e) => {
  process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
