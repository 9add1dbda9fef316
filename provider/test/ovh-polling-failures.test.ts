import { OVH_ROUTES } from "pulumi-reinstall-simulator";
import { defaultConnectTimeoutMs } from "../src/connect-deadline";
import { OvhClient } from "../src/ovh/client";
import { resolveOvhConfig } from "../src/ovh/config";
import { RequestScheduler } from "../src/scheduler";
import { failureOf } from "./support/failure-of";
import { ovhFixture, SCALE7, type OvhFixture } from "./support/ovh";

const program = { serviceName: SCALE7, templateName: "debian12_64" };
/** The old schedule read the task at least every minute, so a failed task was seen within one of its end. */
const oldBoundMs = 60_000;

/** How long after the task's end its failure was seen: the last task read, against the doneDate OVH gave. */
function noticedAfterMs(f: OvhFixture, error: { properties?: Record<string, unknown> }): number {
  const reads = f.sim.journal.filter((e) => e.route === OVH_ROUTES.task).map((e) => e.at);
  return Math.max(...reads) - Date.parse(String(error.properties?.doneDate));
}

/** Cancels the newest task through the real cancel route, `afterMs` into the test, on the fixture's clock. */
async function cancelAfter(f: OvhFixture, afterMs: number): Promise<void> {
  const c = f.sim.credentials;
  const env = {
    OVH_ENDPOINT: f.sim.endpoint,
    OVH_APPLICATION_KEY: c.applicationKey,
    OVH_APPLICATION_SECRET: c.applicationSecret,
    OVH_CONSUMER_KEY: c.consumerKey,
  };
  const client = new OvhClient(
    resolveOvhConfig(() => undefined, env, []),
    {
      scheduler: new RequestScheduler(f.clock),
      requestTimeoutMs: 3_000,
      connectTimeoutMs: defaultConnectTimeoutMs,
      env: {},
    },
  );
  await f.clock.sleep(afterMs);
  const taskId = f.sim.server(SCALE7).taskIds.at(-1);
  await client.request({ method: "POST", path: `/dedicated/server/${SCALE7}/task/${taskId}/cancel` });
}

describe("the OVH wait notices a failed task no later than the old one-minute task poll did", () => {
  let f: OvhFixture;
  afterEach(() => f.close());

  it("a task cancelled while todo, just after the first progress read, is noticed within a minute of its end", async () => {
    f = await ovhFixture({ installSeconds: 30 * 60 });
    const [error] = await Promise.all([failureOf(f.up(program)), cancelAfter(f, 46_000)]);
    expect(error.message).toMatch(/ended with cancelled/);
    expect(noticedAfterMs(f, error)).toBeLessThanOrEqual(oldBoundMs);
  });

  it.each([
    ["refused (as a skipped read is)", 400, 2],
    ["refused (as a skipped read is)", 400, 3],
    ["failing with 500s", 500, 2],
    ["failing with 500s", 500, 8],
  ])("with install/status %s (%i) after two good reads, a task failing at step %i is noticed within a minute of its end", async (_what, status, atStep) => {
    f = await ovhFixture({ installSeconds: 30 * 60 });
    f.sim.inject({ route: OVH_ROUTES.installStatus, kind: "status", status, times: 100_000, skip: 2 });
    f.sim.failNextInstall(SCALE7, { status: "ovhError", atStep, comment: "installation failed", error: "disk not responding" });
    const error = await failureOf(f.up(program));
    expect(error.message).toMatch(/ended with ovhError: installation failed/);
    expect(noticedAfterMs(f, error)).toBeLessThanOrEqual(oldBoundMs);
  });
});
