import { OVH_ROUTES } from "pulumi-reinstall-simulator";
import { pollSchedule } from "../src/ovh/dedicated-server-install/wait";
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

  // Every step done places the install at the list's end (install-eta.ts: current is the list's length): the final
  // stretch, its end already reached 300 s in, so the task is read one dense interval later.
  it("the read after an answer with every step done is the task, one dense interval later", async () => {
    f = await ovhFixture();
    const progress = steps.map((comment) => ({ comment, error: "", status: "done" }));
    f.sim.inject({ route: OVH_ROUTES.installStatus, kind: "status", status: 200, skip: 1, body: { elapsedTime: 300, progress } });
    const { outs } = await f.up({ serviceName: SCALE7, templateName: "debian12_64" });
    expect(outs).toMatchObject({ taskStatus: "done" });
    const reads = f.sim.journal.filter((e) => e.route === OVH_ROUTES.task || e.route === OVH_ROUTES.installStatus);
    const allDone = reads.filter((e) => e.route === OVH_ROUTES.installStatus)[1];
    const next = reads[reads.indexOf(allDone) + 1];
    expect({ route: next.route, after: next.at - allDone.at }).toEqual({ route: OVH_ROUTES.task, after: pollSchedule.denseMs });
  });
});
