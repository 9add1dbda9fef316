import * as fs from "node:fs";
import * as path from "node:path";
import { captureProgram, type Registration } from "../../harness/capture";
import { startRecordingEngine, type LogEntry, type RecordingEngine } from "../../harness/engine";
import { HostError, startProviderHost, type InitFailure, type ProviderHost } from "../../harness/host";
import { packedInstall, type PackedInstall } from "../../harness/pack";

type Props = Record<string, unknown>;

/**
 * What the engine keeps between two `pulumi up`s: nothing (a dropped pending create), or the resource's state: its
 * outputs (`properties`) and the inputs the failed Create or Update was called with, which the next run's Check
 * gets as its olds (step_generator.go: prov.Check(urn, oldInputs, inputs)).
 */
export type Kept = { id: string; properties: Props; inputs: Props } | undefined;

/**
 * One packed install, one recording engine, and provider hosts started and killed for real: what two runs of
 * `pulumi up` around an interruption look like to the provider. Each "machine" has its own intent journal.
 */
export interface InterruptionWorld {
  install: PackedInstall;
  engine: RecordingEngine;
  registration: Registration;
  urn: string;
  /** A fresh machine: its own journal directory (a CI runner, a laptop). */
  machine(): string;
  /** Starts the dynamic provider host on `machine` and configures it as the stack's config would. */
  host(machine: string): Promise<ProviderHost>;
  /** Resolves with the first log line matching `pattern` that arrives from now on; rejects after `withinMs`. */
  untilLog(pattern: RegExp, withinMs?: number): Promise<LogEntry>;
  /** One `pulumi up` for the resource: Check+Create when nothing was kept, else Check+Update on the kept state. */
  up(host: ProviderHost, kept: Kept, inputs?: Props): Promise<Props>;
  /** The engine's preview of the next `up` of a kept resource: Check against its old inputs, then Diff against its outputs. */
  preview(host: ProviderHost, kept: NonNullable<Kept>, inputs?: Props): Promise<{ checked: Props; diff: Awaited<ReturnType<ProviderHost["diff"]>> }>;
  /**
   * A first `up` on `machine` (a fresh one by default) whose host gets `signal` once `when` happens (a log line
   * matching it, or a condition that becomes true): what that run ended with, and the host's exit code.
   */
  interrupted(options: {
    when: RegExp | (() => boolean);
    signal: NodeJS.Signals;
    machine?: string;
    inputs?: Props;
  }): Promise<{ ended: unknown; exitCode: number | null }>;
  /** A first `up` that is expected to fail on its own: what it ended with. */
  failedUp(host: ProviderHost, inputs?: Props): Promise<unknown>;
  /** What the engine keeps after a failed `up`: the init-failure's state, or nothing. */
  keptAfter(failure: unknown): Kept;
  close(): Promise<void>;
}

async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 20));
}

export async function interruptionWorld(
  example: "ovh-debian" | "edis-cloudinit",
  programConfig: Record<string, string>,
  stackConfig: () => Record<string, string>,
  /** Stack config keys set with `--secret`: the host receives them wrapped as secrets. */
  secretKeys: readonly string[] = [],
): Promise<InterruptionWorld> {
  if (!process.env.NODE_EXTRA_CA_CERTS) throw new Error("NODE_EXTRA_CA_CERTS is not set: run the tests with `make test`");
  const install = packedInstall([example]);
  const waiters: { pattern: RegExp; resolve: (entry: LogEntry) => void }[] = [];
  const engine = await startRecordingEngine((entry) => {
    for (const w of waiters.filter((w) => w.pattern.test(entry.message))) {
      waiters.splice(waiters.indexOf(w), 1);
      w.resolve(entry);
    }
  });
  const [registration] = captureProgram(install.program(example), example, programConfig);
  const urn = registration.inputs.__urn as string;
  const hosts: ProviderHost[] = [];
  /** The inputs each failed Create or Update was called with: what the engine records beside an init failure. */
  const calledWith = new WeakMap<object, Props>();
  const recordInputs = (checked: Props) => (e: unknown) => {
    if (e instanceof HostError) calledWith.set(e, checked);
    throw e;
  };

  const world: InterruptionWorld = {
    install,
    engine,
    registration,
    urn,
    machine: () => fs.mkdtempSync(path.join(install.dir, "machine-")),
    async host(machine) {
      // Credentials only through Configure, as the stack's config; the time scale makes the waits short.
      const env = {
        PATH: process.env.PATH,
        HOME: machine,
        NODE_EXTRA_CA_CERTS: process.env.NODE_EXTRA_CA_CERTS,
        PULUMI_REINSTALL_TIME_SCALE: "0.05",
        PULUMI_REINSTALL_JOURNAL_DIR: path.join(machine, "journal"),
      };
      const host = await startProviderHost(install.program(example), engine.address, env);
      hosts.push(host);
      await host.configure(stackConfig(), secretKeys);
      return host;
    },
    untilLog: (pattern, withinMs = 60_000) =>
      new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no log line matching ${pattern} within ${withinMs} ms`)), withinMs).unref();
        waiters.push({ pattern, resolve: (entry) => (clearTimeout(timer), resolve(entry)) });
      }),
    async up(host, kept, inputs = registration.inputs) {
      if (!kept) {
        const checked = await host.check(urn, {}, inputs);
        if (checked.failures.length) throw new Error(`check failed: ${JSON.stringify(checked.failures)}`);
        return (await host.create(urn, checked.inputs).catch(recordInputs(checked.inputs))).properties;
      }
      const checked = await host.check(urn, kept.inputs, inputs);
      return host.update(urn, kept.id, kept.properties, checked.inputs).catch(recordInputs(checked.inputs));
    },
    async preview(host, kept, inputs = registration.inputs) {
      const checked = await host.check(urn, kept.inputs, inputs);
      if (checked.failures.length) throw new Error(`check failed: ${JSON.stringify(checked.failures)}`);
      return { checked: checked.inputs, diff: await host.diff(urn, kept.id, kept.properties, checked.inputs) };
    },
    async interrupted({ when, signal, machine, inputs }) {
      const host = await world.host(machine ?? world.machine());
      const seen = when instanceof RegExp ? world.untilLog(when) : until(when);
      const ended = world.failedUp(host, inputs);
      await seen;
      host.kill(signal);
      const [result, exitCode] = await Promise.all([ended, host.exited]);
      return { ended: result, exitCode };
    },
    failedUp(host, inputs) {
      return world.up(host, undefined, inputs).then(
        () => {
          throw new Error("this run was to fail or be interrupted");
        },
        (e: unknown) => e,
      );
    },
    keptAfter(failure) {
      const init: InitFailure | undefined = failure instanceof HostError ? failure.initFailure : undefined;
      if (!init) return undefined;
      const inputs = calledWith.get(failure as HostError);
      if (!inputs) throw new Error("this init failure did not come from a Create or Update of up()");
      return { id: init.id, properties: init.properties, inputs };
    },
    async close() {
      for (const h of hosts) h.stop();
      await engine.close();
      fs.rmSync(install.dir, { recursive: true, force: true });
    },
  };
  return world;
}
