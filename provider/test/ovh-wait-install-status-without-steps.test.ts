import { OVH_ROUTES } from "pulumi-reinstall-simulator";
import { ovhFixture, SCALE7, type OvhFixture } from "./support/ovh";

const installSeconds = 660;
/** The old schedule read the task at least every minute, so the end was seen within one of it. */
const oldBoundMs = 60_000;
/** Answers without steps: dated, but nothing to place the end by (docs/api/ovh.md#install-progress: progress is nullable). */
const withoutSteps = { route: OVH_ROUTES.installStatus, kind: "status", status: 200, times: 100_000, body: { elapsedTime: 30, progress: null } } as const;

describe("DedicatedServerInstall: an install/status that answers without a step list is no news", () => {
  let f: OvhFixture;
  afterEach(() => f.close());

  it("each such answer is followed by a task read, so the install's end is seen within a minute", async () => {
    f = await ovhFixture({ installSeconds });
    f.sim.inject(withoutSteps);
    const startedAt = f.clock.now();
    const { outs } = await f.up({ serviceName: SCALE7, templateName: "debian12_64" });
    expect(outs).toMatchObject({ taskStatus: "done" });
    expect(f.clock.now() - startedAt).toBeLessThanOrEqual(installSeconds * 1000 + oldBoundMs);
    const routes = f.sim.journal.map((e) => e.route).filter((r) => r === OVH_ROUTES.installStatus || r === OVH_ROUTES.task);
    const progressReads = routes.flatMap((r, i) => (r === OVH_ROUTES.installStatus ? [routes[i + 1]] : []));
    expect(progressReads.length).toBeGreaterThan(0);
    expect(progressReads.every((r) => r === OVH_ROUTES.task)).toBe(true);
  });

  it("a dry run at time scale 0.5 reads it again 10 s after each such answer: 20 s times the scale", async () => {
    f = await ovhFixture({ timeScale: 0.5 });
    f.sim.inject(withoutSteps);
    const { outs } = await f.up({ serviceName: SCALE7, templateName: "debian12_64" });
    expect(outs).toMatchObject({ taskStatus: "done" });
    const reads = f.sim.journal.filter((e) => e.route === OVH_ROUTES.installStatus).map((e) => e.at);
    expect(reads.length).toBeGreaterThan(2);
    expect(reads.slice(1).map((t, i) => t - reads[i])).toEqual(reads.slice(1).map(() => 10_000));
  });
});
