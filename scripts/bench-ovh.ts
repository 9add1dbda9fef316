import { VirtualClock } from "pulumi-reinstall-provider";
import { OVH_ROUTES, startOvhSimulator, type OvhSimulator } from "pulumi-reinstall-simulator";
import { BUDGET_PER_MINUTE, providerBudget, throttlingOvhSimulator } from "./bench-budget";
import { mean, peakInWindow, spreadSeconds } from "./bench-stats";
import { checkNew, create, declared, install, journalDir, ovhProvider, servers, type Installed } from "./bench-world";

/** Install lengths of 5 to 30 minutes, as OVH's stock templates take. */
export const variedLengths = (n: number) => spreadSeconds(n, 5 * 60, 30 * 60);

/** Seconds from the task's end (the simulator's doneAt) to create() returning. */
function detectionDelay(sim: OvhSimulator, done: Installed): number {
  const serviceName = String(done.inputs.serviceName);
  const doneAt = sim.server(serviceName).lastTaskDoneAt;
  if (doneAt === null) throw new Error(`bench: create returned for ${serviceName} before its task ended`);
  return (done.returnedAt - doneAt) / 1000;
}

/** Every install started once: a figure bought with a second POST would be worthless. */
function exactlyOnce(sim: OvhSimulator, n: number): void {
  const posts = sim.journal.filter((e) => e.route === OVH_ROUTES.reinstall && e.status >= 200 && e.status < 300).length;
  if (posts !== n) throw new Error(`bench: ${n} installs sent ${posts} install POSTs`);
}

export interface OneInstall {
  /**
   * Requests the simulator received from create() being called to its return, one ~11-minute install after another
   * (each task's steps vary with its id, so one install is one draw); check's requests, made before, are not counted.
   */
  installCalls: number[];
  /** Requests a fresh provider process makes to preview the last install unchanged: check, then diff. */
  previewUnchangedCalls: number;
}

/** `n` ~11-minute installs (OVH's measured Debian install), one after another, then a preview of the last with nothing changed. */
export async function oneInstall(n: number): Promise<OneInstall> {
  const clock = new VirtualClock();
  const sim = await startOvhSimulator({ installSeconds: 660, now: () => clock.now() });
  try {
    const journal = journalDir();
    const installCalls: number[] = [];
    let last: { serviceName: string; done: Installed } | undefined;
    for (const serviceName of servers(sim, n)) {
      const provider = ovhProvider(sim, clock, journal);
      const inputs = await checkNew(provider, serviceName);
      const beforeCreate = sim.journal.length;
      last = { serviceName, done: await create(provider, clock, inputs) };
      installCalls.push(sim.journal.length - beforeCreate);
    }
    exactlyOnce(sim, n);

    // The next `pulumi preview`: a new provider process on the same machine, state as the create left it.
    const { serviceName, done } = last!;
    const fresh = ovhProvider(sim, clock, journal);
    const beforePreview = sim.journal.length;
    const checked = await fresh.check(done.inputs, declared(serviceName));
    await fresh.diff(done.id, done.outs, { ...checked.inputs, __provider: done.inputs.__provider });
    return { installCalls, previewUnchangedCalls: sim.journal.length - beforePreview };
  } finally {
    await sim.close();
  }
}

/**
 * Installs of varied lengths, each in a provider process of its own (so its own budget, which one install never
 * exhausts): what the polling alone costs in detection delay. Seconds.
 */
export async function detection(n: number): Promise<number[]> {
  const clock = new VirtualClock();
  const sim = await startOvhSimulator({ now: () => clock.now() });
  try {
    const names = servers(sim, n, variedLengths(n));
    const done = await Promise.all(names.map((name) => install(ovhProvider(sim, clock, journalDir()), clock, name)));
    exactlyOnce(sim, n);
    return done.map((d) => detectionDelay(sim, d));
  } finally {
    await sim.close();
  }
}

export interface Parallel {
  n: number;
  budget: number;
  peak60s: number;
  throttled: number;
  /** Mean detection delay over the floor N/(2B) minutes: installs ending together share the budget's confirmation reads. */
  meanDelayOverFloor: number;
  meanDelaySeconds: number;
  requests: number;
  virtualMinutes: number;
  heapMiB: number;
}

/**
 * Installs of these lengths (seconds) started at once, in one provider process, on one credential, against a
 * simulator that throttles as OVH does.
 */
export async function parallel(lengths: readonly number[]): Promise<Parallel> {
  const n = lengths.length;
  const clock = new VirtualClock();
  const start = clock.now();
  const sim = await throttlingOvhSimulator(() => clock.now());
  try {
    const names = servers(sim, n, lengths);
    const provider = ovhProvider(sim, clock, journalDir(), providerBudget());
    global.gc?.();
    const heapBefore = process.memoryUsage().heapUsed;
    const done = await Promise.all(names.map((name) => install(provider, clock, name)));
    const heapMiB = (process.memoryUsage().heapUsed - heapBefore) / 2 ** 20;
    exactlyOnce(sim, n);
    const meanDelaySeconds = mean(done.map((d) => detectionDelay(sim, d)));
    const floorSeconds = (n / (2 * BUDGET_PER_MINUTE)) * 60;
    return {
      n,
      budget: BUDGET_PER_MINUTE,
      // The budget is per consumer key: GET /auth/time, unsigned, carries none (docs/api/ovh-transport.md).
      peak60s: peakInWindow(sim.journal.filter((e) => e.route !== OVH_ROUTES.authTime).map((e) => e.at)),
      throttled: sim.journal.filter((e) => e.status === 429).length,
      meanDelayOverFloor: meanDelaySeconds / floorSeconds,
      meanDelaySeconds,
      requests: sim.journal.length,
      virtualMinutes: (clock.now() - start) / 60_000,
      heapMiB,
    };
  } finally {
    await sim.close();
  }
}
