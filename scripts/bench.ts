import { createRuntime, dedicatedServerInstallProvider, VirtualClock, type RateLimit } from "pulumi-reinstall-provider";
import { startOvhSimulator } from "pulumi-reinstall-simulator";

/**
 * `make bench`: API calls per install at OVH's real pace (~11 minutes), and what 50 parallel installs on one
 * credential do to the request rate, with the shared scheduler and without it. Everything runs in virtual
 * time against the simulator over real HTTPS; wall time and memory are real.
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
  const times = sim.journal.filter((e) => e.credential === sim.credentials.applicationKey).map((e) => e.at);
  const peakPerMinute = Math.max(...times.map((t) => times.filter((u) => u >= t && u < t + 60_000).length));
  const result = {
    installs,
    requests: sim.count(),
    perInstall: sim.count() / installs,
    posts: sim.count({ route: "POST /dedicated/server/{serviceName}/reinstall" }),
    peakPerMinute,
    virtualMinutes: (clock.now() - start) / 60_000,
    wallSeconds,
    heapMiB,
  };
  await sim.close();
  return result;
}

async function main() {
  const rows: [string, Result][] = [
    ["1 install, shared scheduler (60/min)", await run(1)],
    ["50 installs, shared scheduler (60/min)", await run(50)],
    ["50 installs, no scheduler", await run(50, { perMinute: 1e9, burst: 1e9 })],
  ];
  const header = ["scenario", "requests", "per install", "install POSTs", "peak req/min", "all done after (virtual)", "wall", "heap Δ"];
  console.log(header.join(" | "));
  for (const [name, r] of rows) {
    console.log(
      [name, r.requests, r.perInstall.toFixed(1), r.posts, r.peakPerMinute, `${r.virtualMinutes.toFixed(1)} min`, `${r.wallSeconds.toFixed(1)} s`, `${r.heapMiB.toFixed(1)} MiB`].join(" | "),
    );
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
