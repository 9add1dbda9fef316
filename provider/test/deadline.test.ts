import { attemptTimeoutMs } from "../src/retry";
import { EDGE1, edisFixture, type EdisFixture } from "./support/edis";
import { failureOf } from "./support/failure-of";
import { ovhFixture, SCALE7, type OvhFixture } from "./support/ovh";
import { throwawaySshKey } from "../../harness/ssh-key";
import { EDIS_ROUTES, OVH_ROUTES } from "pulumi-reinstall-simulator";

describe("every call made during a wait ends by the wait's deadline", () => {
  it("an attempt gets the usual request timeout, or what is left of the deadline, but never less than 5 s", () => {
    expect([
      attemptTimeoutMs(60_000),
      attemptTimeoutMs(60_000, 20_000),
      attemptTimeoutMs(60_000, 100),
      attemptTimeoutMs(60_000, -5),
      attemptTimeoutMs(3_000, 100),
    ]).toEqual([60_000, 20_000, 5_000, 5_000, 3_000]);
  });

  describe("DedicatedServerInstall", () => {
    let f: OvhFixture;
    afterEach(() => f.close());

    it("the read of the installed OS after the task ended stops retrying at the deadline, keeping the done task in state", async () => {
      f = await ovhFixture();
      // The OS is read after a task found on the server (its own install's OS is the declared template).
      f.sim.startInstall(SCALE7, "debian12_64");
      f.sim.inject({ route: OVH_ROUTES.server, kind: "status", status: 503, times: 1_000 });
      const started = f.clock.now();
      // The install takes 660 s; the wait sees it done within seconds and has until 690 s.
      const error = await failureOf(
        f.up({ serviceName: SCALE7, templateName: "debian12_64", userMetadata: { sshKey: throwawaySshKey() }, timeoutMinutes: 11.5 }),
      );
      expect(error).toMatchObject({ code: "OVH_API_ERROR", id: SCALE7, properties: { taskStatus: "done" } });
      expect(f.clock.now() - started).toBeLessThanOrEqual(11.5 * 60_000);
    });
  });

  describe("KvmReinstall", () => {
    let f: EdisFixture;
    afterEach(() => f.close());

    it("get/power, read while the old system still answers, stops retrying at the deadline", async () => {
      f = await edisFixture();
      f.sim.inject({ route: EDIS_ROUTES.power, kind: "status", status: 503, times: 1_000 });
      const started = f.clock.now();
      const error = await failureOf(f.up(f.inputs(EDGE1, { timeoutMinutes: 0.5 })));
      expect(error).toMatchObject({ code: "EDIS_API_ERROR", id: EDGE1, properties: { __waitPending: true } });
      expect(f.clock.now() - started).toBeLessThanOrEqual(30_000);
      expect(f.reinstalls()).toBe(1);
    });
  });
});
