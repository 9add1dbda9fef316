#!/usr/bin/env node
import { parseArgs } from "node:util";
import { ensureCertificates } from "./certs";
import { startEdisSimulator } from "./edis/server";
import { edisShellLines } from "./edis/shell-lines";
import { startOvhSimulator } from "./ovh/server";
import { ovhShellLines } from "./ovh/shell-lines";

const USAGE = `usage: reinstall-sim [--port N] [--install-seconds S] [--install-start]
                     [--edis-session-port N] [--edis-api-port N] [--edis-reinstall-seconds S]
       reinstall-sim certs     print the CA certificate path (creating it if needed)`;

async function main(argv: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      port: { type: "string" },
      "install-seconds": { type: "string" },
      "install-start": { type: "boolean" },
      "edis-session-port": { type: "string" },
      "edis-api-port": { type: "string" },
      "edis-reinstall-seconds": { type: "string" },
      help: { type: "boolean", short: "h" },
    },
  });
  if (values.help) return void console.error(USAGE);
  const certs = ensureCertificates();
  // The Makefile reads this single line into NODE_EXTRA_CA_CERTS before jest starts, so nothing else goes to stdout.
  if (positionals[0] === "certs" && positionals.length === 1) return void console.log(certs.caCertPath);
  if (positionals.length > 0) throw new UsageError(`unexpected argument ${positionals[0]}`);

  const ovh = await startOvhSimulator({
    port: numberOption(values.port, "--port"),
    installSeconds: numberOption(values["install-seconds"], "--install-seconds"),
    installStart: values["install-start"] ?? false,
    certs,
  });
  const edis = await startEdisSimulator({
    sessionPort: numberOption(values["edis-session-port"], "--edis-session-port"),
    apiPort: numberOption(values["edis-api-port"], "--edis-api-port"),
    reinstallSeconds: numberOption(values["edis-reinstall-seconds"], "--edis-reinstall-seconds"),
    certs,
  }).catch(async (err: unknown) => {
    await ovh.close();
    throw err;
  });
  for (const line of [...ovhShellLines(ovh, certs.caCertPath), ...edisShellLines(edis)]) console.log(line);
  console.error(`reinstall-sim: OVH API simulator on ${ovh.endpoint}, EDIS session host ${edis.sessionUrl} and API host ${edis.apiHost}; Ctrl-C to stop`);

  const stop = () => {
    Promise.all([ovh.close(), edis.close()]).then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
}

class UsageError extends Error {}

function numberOption(raw: string | undefined, name: string): number | undefined {
  if (raw === undefined) return undefined;
  const n = Number(raw);
  if (raw.trim() === "" || !Number.isFinite(n) || n < 0) throw new UsageError(`${name} wants a non-negative number, got "${raw}"`);
  return n;
}

main(process.argv.slice(2)).catch((err: unknown) => {
  const usage = err instanceof UsageError || (err instanceof Error && "code" in err && String(err.code).startsWith("ERR_PARSE_ARGS"));
  console.error(`reinstall-sim: ${err instanceof Error ? err.message : String(err)}`);
  if (usage) console.error(USAGE);
  process.exit(usage ? 2 : 1);
});
