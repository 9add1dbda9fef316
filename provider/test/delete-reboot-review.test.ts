import { OVH_ROUTES } from "pulumi-reinstall-simulator";
import { failureOf } from "./support/failure-of";
import { ovhFixture, SCALE7, type OvhFixture } from "./support/ovh";

/** Hostile cases of onDelete: a delete retried as its timeout message tells reboots the server once in all. */
describe("DedicatedServerInstall onDelete: one reboot, however the delete is retried", () => {
  let f: OvhFixture;
  afterEach(() => f.close());

  it("a delete timed out, retried after the reboot ended (as its message says to): no second reboot", async () => {
    f = await ovhFixture({ rebootSeconds: 100 });
    const { id, outs } = await f.up({ serviceName: SCALE7, templateName: "debian12_64", onDelete: { rescue: "rescue12-customer" } });
    const state = { ...outs, timeoutMinutes: 1 };
    const error = await failureOf(f.provider.delete(id, state));
    expect(error).toMatchObject({ code: "WAIT_TIMEOUT" });
    expect(error.message).toContain("no second reboot");
    // The user reads the message and runs `pulumi destroy` again a few minutes later: the reboot has ended.
    f.clock.advance(10 * 60_000);
    await f.provider.delete(id, state);
    expect(f.sim.count({ route: OVH_ROUTES.reboot })).toBe(1);
  });
});
