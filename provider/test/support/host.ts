import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import type * as dynamic from "@pulumi/pulumi/dynamic";
import type { Clock, VirtualClock } from "../../src/clock";
import type { ProgressEvent } from "../../src/progress";
import { providerKey } from "../../src/check-inputs";
import { createRuntime, type ProviderRuntime, type RuntimeOptions } from "../../src/runtime";
import { sentByHost } from "./sent-by-host";

export type Props = Record<string, unknown>;

/** What every fixture holds: the provider hosted as the engine hosts it, its simulator, and their shared clock. */
export interface HostedFixture<S, P> {
  clock: VirtualClock;
  sim: S;
  provider: P;
  /** The same provider called as is, not as the host calls it: for its guards against what the host never hands it. */
  direct: P;
  events: ProgressEvent[];
  warnings: string[];
  /** check, then create with the checked inputs, as the engine does. */
  up(inputs: Props): Promise<{ id: string; outs: Props }>;
  close(): Promise<void>;
}

/** Stands in for the `__provider` string the host passes along with every resource's inputs. */
export const SERIALIZED = "exports.handler = /* serialized provider */ undefined;";

type Provider = Required<Pick<dynamic.ResourceProvider, "configure" | "check" | "create">>;

/**
 * A provider as the dynamic provider host runs it: configured (credentials from the stack config and environment
 * given), with progress and warnings recorded, and `up` doing what the engine does for a new resource.
 */
export async function hosted<P extends Provider>(
  make: (runtime: ProviderRuntime) => P,
  clock: Clock,
  env: NodeJS.ProcessEnv,
  stackConfig: Record<string, string> = {},
  runtime: RuntimeOptions = {},
) {
  const events: ProgressEvent[] = [];
  const warnings: string[] = [];
  // A machine of its own unless told which: no intent journal shared with another test.
  const journal = env.PULUMI_REINSTALL_JOURNAL_DIR ?? fs.mkdtempSync(path.join(os.tmpdir(), "reinstall-journal-"));
  const runtimeEnv = { ...env, PULUMI_REINSTALL_JOURNAL_DIR: journal };
  const direct = make(
    createRuntime({ clock, env: runtimeEnv, progress: (e) => events.push(e), warn: (w) => warnings.push(w), requestTimeoutMs: 3_000, ...runtime }),
  );
  const provider = asTheHostCalls(direct);
  await provider.configure({ config: { get: (key: string) => stackConfig[key], require: () => "" } } as never);
  return {
    provider,
    direct,
    events,
    warnings,
    /** check, then create with the checked inputs and `__provider` put back, as the host does. */
    async up(inputs: Props): Promise<{ id: string; outs: Props }> {
      const checked = await provider.check({}, { ...inputs, __provider: SERIALIZED });
      if (checked.failures?.length) throw new Error(`unexpected check failures: ${JSON.stringify(checked.failures)}`);
      const created = await provider.create({ ...checked.inputs, __provider: SERIALIZED });
      return { id: created.id, outs: created.outs ?? {} };
    },
  };
}

/**
 * How @pulumi/pulumi's cmd/dynamic-provider makes each call. Every props argument comes out of a google.protobuf.Struct;
 * `checked` is the one holding the inputs Check returned, to which the host put `__provider` back. `sent`: what of the
 * answer goes back in a Struct (an id is a field of its own, and so is all of diff's answer), as do the properties of
 * a create's or update's init failure.
 */
const hostCalls: Record<string, { checked?: number; sent: readonly string[] }> = {
  check: { sent: ["inputs"] },
  diff: { checked: 2, sent: [] },
  create: { checked: 0, sent: ["outs"] },
  update: { checked: 2, sent: ["outs"] },
  read: { sent: ["props", "inputs"] },
  delete: { sent: [] },
};

/**
 * The provider's calls as the host makes them, through sentByHost both ways: a call the provider answered with a
 * property the host cannot send (undefined) fails here as it fails there, after the provider did its work.
 */
function asTheHostCalls<P extends Provider>(provider: P): P {
  const calls = Object.entries(hostCalls)
    .filter(([name]) => typeof provider[name as keyof P] === "function")
    .map(([name, { checked, sent }]) => {
      const call = provider[name as keyof P] as (...args: unknown[]) => Promise<Props | undefined>;
      const handed = (arg: unknown, at: number) => (typeof arg === "object" ? handedByHost(arg as Props, at === checked) : arg);
      const host = async (...args: unknown[]) => {
        const result = await call(...args.map(handed)).catch((e: unknown) => {
          const failure = e as { id?: string; properties?: Props };
          if (failure?.id) sentByHost(failure.properties ?? {});
          throw e;
        });
        return result && { ...result, ...Object.fromEntries(sent.filter((key) => result[key]).map((key) => [key, sentByHost(result[key] as Props)])) };
      };
      return [name, host];
    });
  return { ...provider, ...Object.fromEntries(calls) };
}

/** Props as they reach the host: the SDK leaves a program's undefined values out, and checked inputs carry `__provider`. */
function handedByHost(props: Props, checked: boolean): Props {
  const declared = definedOnly(props) as Props;
  return sentByHost(checked ? { [providerKey]: SERIALIZED, ...declared } : declared);
}

function definedOnly(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(definedOnly);
  if (value === null || typeof value !== "object") return value;
  return Object.fromEntries(Object.entries(value).flatMap(([key, v]) => (v === undefined ? [] : [[key, definedOnly(v)]])));
}

/** The environment of a dry run at `timeScale` (none: a real run). */
export function dryRun(timeScale: number | string | undefined): NodeJS.ProcessEnv {
  return timeScale === undefined ? {} : { PULUMI_REINSTALL_TIME_SCALE: String(timeScale) };
}
