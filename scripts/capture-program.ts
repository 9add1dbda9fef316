import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";

/** One resource registration, as the engine would receive it from a program. */
export interface Registration {
  type: string;
  name: string;
  inputs: Record<string, unknown>;
}

/** Pulumi's marker for a secret value on the wire (@pulumi/pulumi runtime/rpc specialSigKey / secretSig). */
const sigKey = "4dabf18193072939515e22adb298388d";
const secretSig = "1b47061264138c4ac30d75fd1eb44270";

/**
 * Runs a compiled example program under pulumi.runtime.setMocks and returns what it registers, so the
 * demo drives the provider with exactly the inputs the example program produces.
 */
export async function captureProgram(programDir: string, project: string, config: Record<string, string>): Promise<Registration[]> {
  const registrations: Registration[] = [];
  pulumi.runtime.setAllConfig(Object.fromEntries(Object.entries(config).map(([k, v]) => [`${project}:${k}`, v])));
  await pulumi.runtime.setMocks(
    {
      newResource: (args) => {
        registrations.push({ type: args.type, name: args.name, inputs: unwrapSecrets(args.inputs) as Record<string, unknown> });
        return { id: `${args.name}-id`, state: args.inputs };
      },
      call: () => ({}),
    },
    project,
    "demo",
    true,
  );
  // Pulumi runs a program from its project directory.
  const cwd = process.cwd();
  process.chdir(programDir);
  try {
    require(path.join(programDir, "bin", "index.js"));
  } finally {
    process.chdir(cwd);
  }
  await new Promise((resolve) => setTimeout(resolve, 200));
  return registrations;
}

function unwrapSecrets(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(unwrapSecrets);
  if (typeof value === "object" && value !== null) {
    const record = value as Record<string, unknown>;
    if (record[sigKey] === secretSig) return unwrapSecrets(record.value);
    return Object.fromEntries(Object.entries(record).map(([k, v]) => [k, unwrapSecrets(v)]));
  }
  return value;
}
