import { OVH_ROUTES, startOvhSimulator, type OvhSimulator } from "pulumi-reinstall-simulator";
import { VirtualClock } from "../src/clock";
import { dedicatedServerInstallProvider } from "../src/ovh/dedicated-server-install/provider";
import { hosted } from "./support/host";
import { SCALE7 } from "./support/ovh";

const dayMs = 24 * 3600_000;

/**
 * Review of the adoption of a finished install dated after this machine's now (start-install.ts `adoptable`): the
 * task's doneDate is on OVH's clock. This machine's clock runs three days behind OVH's (a runner restored from a
 * snapshot, no NTP), which signing does not notice: node-ovh corrects its timestamps through /auth/time.
 */
/** Signed requests (node-ovh corrects their timestamps) and OAuth2 tokens (no /auth/time of node-ovh's own). */
const credentials = {
  "an application key": (c: OvhSimulator["credentials"]) => ({
    OVH_APPLICATION_KEY: c.applicationKey,
    OVH_APPLICATION_SECRET: c.applicationSecret,
    OVH_CONSUMER_KEY: c.consumerKey,
  }),
  "a service account": (c: OvhSimulator["credentials"]) => ({ OVH_CLIENT_ID: c.clientId, OVH_CLIENT_SECRET: c.clientSecret }),
};

describe.each(Object.entries(credentials))(
  "review: DedicatedServerInstall with %s, a finished install judged on a machine whose clock runs days behind OVH's",
  (_kind, env) => {
    let sim: OvhSimulator;
    let clock: VirtualClock;
    afterEach(() => sim.close());

    const start = async () => {
      clock = new VirtualClock();
      sim = await startOvhSimulator({ installSeconds: 660, now: () => clock.now() + 3 * dayMs });
      return hosted(dedicatedServerInstallProvider, clock, { OVH_ENDPOINT: sim.endpoint, ...env(sim.credentials) });
    };

    it("an install of the declared template that ended two days ago (OVH's clock) is installed over, not recorded as this run's", async () => {
      const host = await start();
      const old = sim.startInstall(SCALE7, "debian12_64");
      clock.advance(2 * dayMs);

      const { outs } = await host.up({ serviceName: SCALE7, templateName: "debian12_64" });

      expect(sim.count({ route: OVH_ROUTES.reinstall })).toBe(1);
      expect(outs.taskId).not.toBe(old);
      expect(host.warnings).toEqual([]);
    });

    it("one that ended two minutes ago is still recorded instead of installed again, whatever this machine's clock says", async () => {
      const host = await start();
      const recent = sim.startInstall(SCALE7, "debian12_64");
      clock.advance(13 * 60_000);

      const { outs } = await host.up({ serviceName: SCALE7, templateName: "debian12_64" });

      expect(sim.count({ route: OVH_ROUTES.reinstall })).toBe(0);
      expect(outs).toMatchObject({ taskId: recent, taskStatus: "done" });
      expect(host.warnings).toEqual([
        expect.stringMatching(new RegExp(`task ${recent} installed debian12_64 2m00s ago .*recorded it instead of installing again`)),
      ]);
    });
  },
);
