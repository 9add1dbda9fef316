import * as fs from "node:fs";
import * as path from "node:path";
import { parseArgs } from "node:util";
import YAML from "yaml";
import { captureProgram, type Registration } from "../harness/capture";
import { startRecordingEngine } from "../harness/engine";
import { HostError, startProviderHost } from "../harness/host";

/**
 * `npm run --silent dry-run -- examples/<name> [--config key=value]…`: the first `pulumi up` of one example, for a machine
 * without the Pulumi CLI. The compiled program runs under @pulumi/pulumi's mocks to learn what it registers; then
 * @pulumi/pulumi's dynamic provider host, the process the CLI would start in the program's directory, checks and
 * creates each resource over gRPC while this script plays the engine. Credentials come from this shell's
 * environment (the lines `npm run sim` printed), as they would reach the CLI's provider process. Nothing is kept:
 * every run is a first `pulumi up`.
 */
const USAGE = "usage: npm run --silent dry-run -- examples/<name> [--config key=value]…   (after make build, with the simulator's exports applied)";

async function main(): Promise<number> {
  const { positionals, values } = parseArgs({ allowPositionals: true, options: { config: { type: "string", short: "c", multiple: true } } });
  if (positionals.length !== 1) return usage("name one example directory");
  // npm runs scripts from the repository root; the user's directory is INIT_CWD.
  const programDir = path.resolve(process.env.INIT_CWD ?? process.cwd(), positionals[0]);
  const projectFile = path.join(programDir, "Pulumi.yaml");
  if (!fs.existsSync(projectFile)) return usage(`${programDir} has no Pulumi.yaml`);
  if (!fs.existsSync(path.join(programDir, "bin", "index.js"))) return usage(`${programDir} is not compiled: run make build first`);
  const config: Record<string, string> = {};
  for (const pair of values.config ?? []) {
    const at = pair.indexOf("=");
    if (at < 1) return usage(`--config wants key=value, got "${pair.split("=")[0]}…"`);
    config[pair.slice(0, at)] = pair.slice(at + 1);
  }
  const project = String(YAML.parse(fs.readFileSync(projectFile, "utf8")).name);

  say(`Previewing update (${project}, dev): no pulumi CLI needed, @pulumi/pulumi's provider host plays its part`);
  let registrations: Registration[];
  try {
    registrations = captureProgram(programDir, project, config);
  } catch (err) {
    say(`  ✗ the program failed: ${programError(err)}`);
    return 1;
  }
  const engine = await startRecordingEngine((log) => {
    if (log.severity === "warning" || log.severity === "error") say(`    ${log.severity}: ${log.message}`);
    else if (log.ephemeral) say(`    … ${log.message}`);
  });
  const host = await startProviderHost(programDir, engine.address, process.env);
  let failed = 0;
  try {
    await host.configure({});
    for (const resource of registrations) {
      const urn = resource.inputs.__urn as string;
      const checked = await host.check(urn, {}, resource.inputs);
      if (checked.failures.length > 0) {
        failed++;
        for (const f of checked.failures) say(`  ✗ ${resource.name}: ${f.property}: ${f.reason}`);
        continue;
      }
      say(`  + ${resource.type} ${resource.name} create`);
      try {
        const created = await host.create(urn, checked.inputs);
        say(`  + ${resource.name} created (id ${created.id})`);
        for (const line of outputs(resource, created.properties)) say(`      ${line}`);
      } catch (err) {
        failed++;
        say(`  ✗ ${resource.name}: ${err instanceof HostError ? err.message : String(err)}`);
      }
    }
  } finally {
    host.stop();
    await engine.close();
  }
  say(failed === 0 ? `Resources: ${registrations.length} created` : `Resources: ${failed} of ${registrations.length} failed`);
  return failed === 0 ? 0 : 1;
}

/** The resource's outputs as `pulumi stack output` shows them: secrets masked, the provider's hidden fields left out. */
function outputs(resource: Registration, properties: Record<string, unknown>): string[] {
  const secret = new Set([...resource.secretInputs, ...resource.additionalSecretOutputs]);
  return Object.entries(properties)
    .filter(([key]) => !key.startsWith("__"))
    .map(([key, value]) => `${key}: ${secret.has(key) ? "[secret]" : JSON.stringify(value)}`);
}

/**
 * What the program threw, as `pulumi up` shows it: the error and its advice, without the stack, and without the
 * runner's command line, which carries the config (secrets included). @pulumi/pulumi's advice for a missing
 * setting names a CLI this machine may not have, so it is given as this command's own option.
 */
function programError(err: unknown): string {
  const stderr = String((err as { stderr?: unknown }).stderr ?? "");
  const lines = stderr.split("\n");
  const start = lines.findIndex((l) => /^\w*Error\b/.test(l));
  if (start < 0) return "it exited without saying why (see the lines above)";
  const end = lines.findIndex((l, i) => i > start && /^\s+at /.test(l));
  const message = lines
    .slice(start, end < 0 ? undefined : end)
    .join("\n")
    .trim();
  return message.replace(/the command `pulumi config set (?:--secret )?(?:[\w-]+:)?([\w-]+) <value>`/g, "`--config $1=<value>` on this command line");
}

function usage(problem: string): number {
  process.stderr.write(`dry-run: ${problem}\n${USAGE}\n`);
  return 2;
}

function say(line: string): void {
  process.stdout.write(`${line}\n`);
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(`dry-run: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  },
);
