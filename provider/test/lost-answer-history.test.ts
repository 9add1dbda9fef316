import { OVH_ROUTES } from "pulumi-reinstall-simulator";
import { failureOf } from "./support/failure-of";
import { ovhFixture, SCALE7, type OvhFixture } from "./support/ovh";

const program = { serviceName: SCALE7, templateName: "debian12_64" };

describe("DedicatedServerInstall: after a lost answer, only a task newer than the POST is the POST's", () => {
  let f: OvhFixture | undefined;
  afterEach(async () => {
    await f?.close();
    f = undefined;
  });

  it("a days-old install of the same template is not taken for the task a lost POST created: the start stays unconfirmed", async () => {
    f = await ovhFixture();
    const old = f.sim.startInstall(SCALE7, "debian12_64");
    // Long over, and too old to be an interrupted run's: this create installs.
    f.clock.advance(48 * 3600_000);
    f.sim.inject({ route: OVH_ROUTES.reinstall, kind: "status", status: 504, body: { message: "Gateway Timeout" } });

    const error = await failureOf(f.up(program));

    expect(error).toMatchObject({ code: "AMBIGUOUS_START" });
    expect(error.properties).toMatchObject({ __unconfirmedStart: { afterTaskId: old } });
    expect(error.properties?.taskId).toBeUndefined();
  });
});
