import { OVH_ROUTES } from "pulumi-reinstall-simulator";
import { ovhFixture, SCALE7, type OvhFixture } from "./support/ovh";

const steps = ["Checking BIOS version", "Deploying OS on disks", "Sending end of installation mail"];

describe("DedicatedServerInstall: install/status shows every step done while the task is still running", () => {
  let f: OvhFixture;
  afterEach(() => f.close());

  it("the progress shown is the last step, and the wait goes on to the task's end", async () => {
    f = await ovhFixture();
    f.sim.inject({
      route: OVH_ROUTES.installStatus,
      kind: "status",
      status: 200,
      times: 100_000,
      body: { elapsedTime: 300, progress: steps.map((comment) => ({ comment, error: "", status: "done" })) },
    });
    const { outs } = await f.up({ serviceName: SCALE7, templateName: "debian12_64" });
    expect(outs).toMatchObject({ taskStatus: "done" });
    expect(f.events.map((e) => e.message)).toContainEqual(expect.stringMatching(/: 3\/3 Sending end of installation mail,/));
    expect(f.events).toContainEqual(expect.objectContaining({ step: 3, steps: 3, stepName: "Sending end of installation mail" }));
  });
});
