import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { createRuntime, dedicatedServerInstallProvider, kvmReinstallProvider, VirtualClock, type RateLimit } from "pulumi-reinstall-provider";
import { EDIS_ROUTES, OVH_ROUTES, startEdisSimulator, startOvhSimulator } from "pulumi-reinstall-simulator";

/**
 * `make bench`: API calls per install at OVH's real pace (~11 minutes), what 50 parallel installs on one
 * credential do to the request rate, with the shared scheduler and without it, and the API calls of one EDIS
 * reinstall with waiting (~5 minutes). Everything runs in virtual time against the simulators over real HTTPS;
 * wall time and memory are real.
 */
const INSTALL_SECONDS = 660;
const SERVER = "ns3001234.ip-51-68-1.eu";

interface Result {
  installs: number;
  requests: number;
  perInstall: number;
  posts: number;
  peakPerMinute: number;
  virtualMinutes: number;
  wallSeconds: number;
  heapMiB: number;
}

async function run(installs: number, rateLimit?: RateLimit): Promise<Result> {
  const clock = new VirtualClock();
  const start = clock.now();
  const sim = await startOvhSimulator({ installSeconds: INSTALL_SECONDS, now: () => clock.now() });
  const servers = Array.from({ length: installs }, (_, i) => (i === 0 ? SERVER : `ns30${String(i).padStart(5, "0")}.ip-51-68-9.eu`));
  servers.slice(1).forEach((name) => sim.cloneServer(SERVER, name));
  const env = {
    OVH_ENDPOINT: sim.endpoint,
    OVH_APPLICATION_KEY: sim.credentials.applicationKey,
    OVH_APPLICATION_SECRET: sim.credentials.applicationSecret,
    OVH_CONSUMER_KEY: sim.credentials.consumerKey,
    PULUMI_REINSTALL_JOURNAL_DIR: journalDir(),
  };
  const provider = dedicatedServerInstallProvider(createRuntime({ clock, env, rateLimit, progress: () => {}, warn: () => {} }));
  global.gc?.();
  const heapBefore = process.memoryUsage().heapUsed;
  const wallStart = process.hrtime.bigint();

  await Promise.all(
    servers.map(async (serviceName) => {
      const checked = await provider.check({}, { serviceName, templateName: "debian12_64", customHostname: "web" });
      await provider.create(checked.inputs);
    }),
  );

  const wallSeconds = Number(process.hrtime.bigint() - wallStart) / 1e9;
  const heapMiB = (process.memoryUsage().heapUsed - heapBefore) / 2 ** 20;
  const result = {
    installs,
    requests: sim.count(),
    perInstall: sim.count() / installs,
    posts: sim.count({ route: OVH_ROUTES.reinstall }),
    peakPerMinute: peakPerMinute(sim.journal.map((e) => e.at)),
    virtualMinutes: (clock.now() - start) / 60_000,
    wallSeconds,
    heapMiB,
  };
  await sim.close();
  return result;
}

async function runEdis(): Promise<Result> {
  const clock = new VirtualClock();
  const start = clock.now();
  const sim = await startEdisSimulator({ reinstallSeconds: 300, now: () => clock.now() });
  const env = { EDIS_SESSION_URL: sim.sessionUrl, EDIS_EMAIL: sim.credentials.email, EDIS_PASSWORD: sim.credentials.password, PULUMI_REINSTALL_JOURNAL_DIR: journalDir() };
  const provider = kvmReinstallProvider(createRuntime({ clock, env, progress: () => {}, warn: () => {} }));
  global.gc?.();
  const heapBefore = process.memoryUsage().heapUsed;
  const wallStart = process.hrtime.bigint();
  const { kvmId, port } = sim.vpsList[0];
  const checked = await provider.check({}, { kvmId, image: "cloudinit_debian-bookworm", password: "Bench+Root=Pass9!", readinessPort: port });
  await provider.create(checked.inputs);
  const result = {
    installs: 1,
    requests: sim.count(),
    perInstall: sim.count(),
    posts: sim.count({ route: EDIS_ROUTES.reinstall }),
    peakPerMinute: peakPerMinute(sim.journal.map((e) => e.at)),
    virtualMinutes: (clock.now() - start) / 60_000,
    wallSeconds: Number(process.hrtime.bigint() - wallStart) / 1e9,
    heapMiB: (process.memoryUsage().heapUsed - heapBefore) / 2 ** 20,
  };
  await sim.close();
  return result;
}

/** The most requests in any 60 s window of the simulator's (virtual) clock. */
function peakPerMinute(times: number[]): number {
  return Math.max(...times.map((t) => times.filter((u) => u >= t && u < t + 60_000).length));
}

async function main() {
  const rows: [string, Result][] = [
    ["OVH: 1 install, shared scheduler (60/min)", await run(1)],
    ["OVH: 50 installs, shared scheduler (60/min)", await run(50)],
    ["OVH: 50 installs, no scheduler", await run(50, { perMinute: 1e9 })],
    ["EDIS: 1 reinstall with waiting", await runEdis()],
  ];
  const header = ["scenario", "requests", "per install", "install POSTs", "peak req/min", "all done after (virtual)", "wall", "heap Δ"];
  console.log(header.join(" | "));
  for (const [name, r] of rows) {
    console.log(
      [name, r.requests, r.perInstall.toFixed(1), r.posts, r.peakPerMinute, `${r.virtualMinutes.toFixed(1)} min`, `${r.wallSeconds.toFixed(1)} s`, `${r.heapMiB.toFixed(1)} MiB`].join(" | "),
    );
  }
}

/** The simulated servers and VPSes must not leave intent-journal entries in the user's ~/.pulumi. */
function journalDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), "reinstall-bench-journal-"));
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
