import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { createRuntime, dedicatedServerInstallProvider, type RateLimit, type VirtualClock } from "pulumi-reinstall-provider";
import type { OvhSimulator } from "pulumi-reinstall-simulator";

type Props = Record<string, unknown>;
export type OvhProvider = ReturnType<typeof dedicatedServerInstallProvider>;

/** The catalogue server the others are cloned from. */
const TEMPLATE_SERVER = "ns3001234.ip-51-68-1.eu";

/** Stands in for the serialized provider the dynamic provider host passes with every resource's inputs. */
export const SERIALIZED = "exports.handler = /* serialized provider */ undefined;";

export const declared = (serviceName: string): Props => ({ serviceName, templateName: "debian12_64", customHostname: "web", __provider: SERIALIZED });

/** `n` servers of the simulator's catalogue kind, each installing in its own time: `installSeconds[i]`, when given. */
export function servers(sim: OvhSimulator, n: number, installSeconds?: readonly number[]): string[] {
  const names = Array.from({ length: n }, (_, i) => (i === 0 ? TEMPLATE_SERVER : `ns30${String(i).padStart(5, "0")}.ip-51-68-9.eu`));
  names.slice(1).forEach((name) => sim.cloneServer(TEMPLATE_SERVER, name));
  if (installSeconds) names.forEach((name, i) => sim.setInstallSeconds(name, installSeconds[i]));
  return names;
}

/** A provider process on one machine (intent journal `journal`) with the simulator's credentials. */
export function ovhProvider(sim: OvhSimulator, clock: VirtualClock, journal: string, rateLimit?: RateLimit): OvhProvider {
  const env = {
    OVH_ENDPOINT: sim.endpoint,
    OVH_APPLICATION_KEY: sim.credentials.applicationKey,
    OVH_APPLICATION_SECRET: sim.credentials.applicationSecret,
    OVH_CONSUMER_KEY: sim.credentials.consumerKey,
    PULUMI_REINSTALL_JOURNAL_DIR: journal,
  };
  return dedicatedServerInstallProvider(createRuntime({ clock, env, rateLimit, progress: () => {}, warn: () => {} }));
}

export interface Installed {
  /** The inputs state records: check's answer with the serialized provider, as the host stores them. */
  inputs: Props;
  id: string;
  outs: Props;
  /** Virtual time at which create returned. */
  returnedAt: number;
}

/** What the engine does first for a resource: check the declared inputs. */
export async function checkNew(provider: OvhProvider, serviceName: string): Promise<Props> {
  const checked = await provider.check({}, declared(serviceName));
  if (checked.failures?.length) throw new Error(`bench: check failed for ${serviceName}: ${JSON.stringify(checked.failures)}`);
  return { ...checked.inputs, __provider: SERIALIZED };
}

/** Then create with the checked inputs; the host keeps the serialized provider in the outputs too. */
export async function create(provider: OvhProvider, clock: VirtualClock, inputs: Props): Promise<Installed> {
  const created = await provider.create(inputs);
  return { inputs, id: created.id, outs: { ...created.outs, __provider: SERIALIZED }, returnedAt: clock.now() };
}

/** `pulumi up` for a new resource. */
export const install = async (provider: OvhProvider, clock: VirtualClock, serviceName: string) =>
  create(provider, clock, await checkNew(provider, serviceName));

let benchDir: string | undefined;

/**
 * The simulated machines must not leave intent-journal entries in the user's ~/.pulumi, nor hundreds of directories in
 * the temp directory: each journal lives in one directory of the run's, removed when the bench exits.
 */
export function journalDir(): string {
  if (benchDir === undefined) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "reinstall-bench-"));
    process.on("exit", () => fs.rmSync(dir, { recursive: true, force: true }));
    benchDir = dir;
  }
  return fs.mkdtempSync(path.join(benchDir, "journal-"));
}
