import { edisReinstall } from "./bench-edis";
import { detection, oneInstall, parallel, variedLengths } from "./bench-ovh";
import { mean, percentile, spreadSeconds } from "./bench-stats";
import { markdownTable, tenth, type Row } from "./bench-table";

/**
 * `make bench`: issue 10's figures, side by side with terraform-provider-ovh's and the goals. Everything runs in
 * virtual time against the simulators over real HTTPS, through the real clients and providers; wall time and
 * memory are real. The last line, `BENCH {…}`, is for machines (seconds for times).
 */
const DETECTION_INSTALLS = 40;
const PARALLEL_INSTALLS = 200;
/**
 * The parallel figures' installs all take OVH's ~11 minutes, so they end together: the case the floor N/(2B) describes
 * (N confirmations at B per minute take N/B minutes, N/(2B) on average) and the hardest on fairness.
 */
const PARALLEL_SECONDS = 660;
/** ~11-minute installs measured one at a time: each task's steps vary with its id, so one install is one draw. */
const SINGLE_INSTALLS = 12;
/** EDIS reinstalls of 4 to 7 minutes (EDIS documents about 5 for Linux). */
const EDIS_REINSTALL_SECONDS = spreadSeconds(12, 240, 420);

async function main() {
  const wallStart = process.hrtime.bigint();
  const one = await oneInstall(SINGLE_INSTALLS);
  const delays = await detection(DETECTION_INSTALLS);
  const par = await parallel(Array<number>(PARALLEL_INSTALLS).fill(PARALLEL_SECONDS));
  const spread = await parallel(variedLengths(PARALLEL_INSTALLS));
  const edis = [];
  for (const seconds of EDIS_REINSTALL_SECONDS) edis.push(await edisReinstall(seconds));
  const wallSeconds = Number(process.hrtime.bigint() - wallStart) / 1e9;

  const figures = {
    installCalls: tenth(mean(one.installCalls)),
    detectP50: tenth(percentile(delays, 50)),
    detectP95: tenth(percentile(delays, 95)),
    previewUnchangedCalls: one.previewUnchangedCalls,
    parallel: {
      n: par.n,
      budget: par.budget,
      peak60s: par.peak60s,
      throttled: par.throttled,
      meanDelayOverFloor: Math.round(par.meanDelayOverFloor * 100) / 100,
    },
    edisReadyP95: tenth(
      percentile(
        edis.map((e) => e.readyDelay),
        95,
      ),
    ),
  };
  const rows: Row[] = [
    [
      "requests to preview one unchanged, installed resource (fresh provider process: check + diff)",
      "n/a (plan reads state)",
      "0",
      String(figures.previewUnchangedCalls),
    ],
    [
      `requests per ~11-minute install, create only (check before it not counted), mean of ${one.installCalls.length}`,
      "≈ 66",
      "≤ 16",
      `${figures.installCalls} (${Math.min(...one.installCalls)}–${Math.max(...one.installCalls)})`,
    ],
    [
      `detection delay after the task ends, p50 / p95 (${DETECTION_INSTALLS} installs of 5–30 min)`,
      "4.1 / 8.9 s",
      "≤ 3 / ≤ 8 s",
      `${figures.detectP50.toFixed(1)} / ${figures.detectP95.toFixed(1)} s`,
    ],
    [
      `${par.n} parallel ~11-min installs on one key: peak signed requests in any 60-s window`,
      "20× over",
      `≤ ${par.budget}, 0 throttled`,
      `${par.peak60s}, ${par.throttled} throttled`,
    ],
    [
      `${par.n} parallel: mean detection delay / floor (N/(2B) min)`,
      "—",
      "≤ 1.5×",
      `${figures.parallel.meanDelayOverFloor}× (${tenth(par.meanDelaySeconds)} s / ${tenth((par.n / (2 * par.budget)) * 60)} s)`,
    ],
    [`EDIS: new OS up → create returns, p95 (${edis.length} Linux reinstalls of 4–7 min)`, "—", "≤ 5 s", `${figures.edisReadyP95.toFixed(1)} s`],
  ];
  const context: Row[] = [
    [
      `${par.n} parallel: requests in all, all done after (virtual); heap growth`,
      "",
      "",
      `${par.requests}, ${tenth(par.virtualMinutes)} min; ${tenth(par.heapMiB)} MiB`,
    ],
    [
      `${spread.n} parallel of 5–30 min: peak in 60 s, throttled, mean detection delay`,
      "",
      "",
      `${spread.peak60s}, ${spread.throttled}, ${tenth(spread.meanDelaySeconds)} s`,
    ],
    ["EDIS: API requests per reinstall (check and create)", "", "", tenth(mean(edis.map((e) => e.requests))).toString()],
    ["wall time of this benchmark", "", "", `${tenth(wallSeconds)} s`],
  ];
  console.log(markdownTable(["measure", "terraform-provider-ovh", "goal", "measured now"], [...rows, ...context]));
  console.log(`BENCH ${JSON.stringify(figures)}`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
