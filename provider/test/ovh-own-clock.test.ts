import { OVH_ROUTES, startOvhSimulator, type OvhSimulator } from "pulumi-reinstall-simulator";
import { systemClock } from "../src/clock";
import { dedicatedServerInstallProvider } from "../src/ovh/dedicated-server-install/provider";
import { hosted } from "./support/host";
import { ADVANCE1, SCALE7 } from "./support/ovh";

/** OVH's clock runs half an hour ahead of this machine's, as it does for a laptop whose clock drifted. */
const DRIFT_MS = 30 * 60_000;

/**
 * Clocks as in production: the provider on the machine's real clock, OVH on its own, off by minutes, refusing
 * signatures whose timestamp is off its clock. Only node-ovh's correction through /auth/time lets a call through.
 * Real time, so the install is short and the provider's polling scaled down, as a dry run's is.
 */
describe("DedicatedServerInstall against OVH on its own clock, timestamp checks on", () => {
  let sim: OvhSimulator;
  beforeAll(async () => {
    sim = await startOvhSimulator({ now: () => Date.now() + DRIFT_MS, checkTimestamps: true, installSeconds: 3 });
  });
  afterAll(() => sim.close());

  afterEach(() => sim.reset());

  /** A provider process on this machine, signing with an application key as most users do. */
  const provider = () => {
    const c = sim.credentials;
    const env = {
      OVH_ENDPOINT: sim.endpoint,
      OVH_APPLICATION_KEY: c.applicationKey,
      OVH_APPLICATION_SECRET: c.applicationSecret,
      OVH_CONSUMER_KEY: c.consumerKey,
    };
    return hosted(dedicatedServerInstallProvider, systemClock, env, {}, { timeScale: 0.01 });
  };

  it("installs end to end: one /auth/time, then every signed call accepted and one install posted", async () => {
    const host = await provider();

    const { outs } = await host.up({ serviceName: SCALE7, templateName: "debian12_64", customHostname: "web-1" });

    expect(outs).toMatchObject({ taskStatus: "done", installedOs: "debian12_64" });
    expect(sim.server(SCALE7).os).toBe("debian12_64");
    expect(sim.count({ route: OVH_ROUTES.authTime })).toBe(1);
    expect(sim.count({ route: OVH_ROUTES.reinstall })).toBe(1);
    // The task was read to its end, each read signed and let through: none refused by authentication (the legacy auth
    // layer's refusals, QUERY_TIME_OUT among them, are 400, 401 and 403). install/status may answer 404 once the install is over.
    expect(sim.count({ route: OVH_ROUTES.task })).toBeGreaterThan(0);
    expect(sim.journal.filter((e) => [400, 401, 403].includes(e.status))).toEqual([]);
  });

  it("a finished install of an interrupted run, dated in the future by this machine's clock, is recorded, not repeated", async () => {
    // A run posted the install and was killed; the engine dropped the pending create. The install ends.
    sim.setInstallSeconds(ADVANCE1, 1);
    sim.startInstall(ADVANCE1, "debian12_64");
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(sim.server(ADVANCE1).os).toBe("debian12_64");

    const host = await provider();
    const { outs } = await host.up({ serviceName: ADVANCE1, templateName: "debian12_64" });

    expect(sim.count({ route: OVH_ROUTES.reinstall })).toBe(0);
    expect(outs).toMatchObject({ taskStatus: "done", installedOs: "debian12_64" });
    expect(host.warnings).toEqual([expect.stringMatching(/recorded it instead of installing again/)]);
  });
});
