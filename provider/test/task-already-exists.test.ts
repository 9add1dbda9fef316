import { OVH_ROUTES } from "pulumi-reinstall-simulator";
import { ovhFixture, SCALE7, type OvhFixture } from "./support/ovh";

const program = { serviceName: SCALE7, templateName: "debian12_64" };

describe("DedicatedServerInstall: OVH refusing the POST with TaskAlreadyExists", () => {
  let f: OvhFixture | undefined;
  afterEach(async () => {
    await f?.close();
    f = undefined;
  });

  it("an install of the same template started between the provider's look at the tasks and its POST is found, waited on to the end and recorded", async () => {
    f = await ovhFixture();
    // Someone else (the control panel, another machine) starts it after the provider saw no task, before its POST lands.
    f.sim.startInstallBeforeNextPost(SCALE7, "debian12_64");

    const { outs } = await f.up(program);

    const [rival] = f.sim.server(SCALE7).taskIds;
    expect(f.sim.server(SCALE7).taskIds).toEqual([rival]);
    expect(outs).toMatchObject({ taskId: rival, taskStatus: "done", installedOs: "debian12_64" });
    const posts = f.sim.journal.filter((e) => e.route === OVH_ROUTES.reinstall);
    expect(posts.map((e) => e.status)).toEqual([400]);
    // OVH said why it refused: the notice does not blame a lost answer.
    expect(f.warnings).toEqual([
      expect.stringMatching(new RegExp(`a reinstall was already under way \\(task ${rival}, .*by an interrupted run or by someone else\\)`)),
    ]);
  });

  it("unlike a 502 after OVH created the task, whose task the same look-ups credit to the lost answer", async () => {
    f = await ovhFixture();
    f.sim.inject({ route: OVH_ROUTES.reinstall, kind: "status", status: 502, when: "after" });

    const { outs } = await f.up(program);

    const [ours] = f.sim.server(SCALE7).taskIds;
    expect(outs).toMatchObject({ taskId: ours, taskStatus: "done" });
    expect(f.warnings).toEqual([
      expect.stringMatching(new RegExp(`a reinstall was already under way \\(task ${ours}, .*most likely by the install request whose answer was lost\\)`)),
    ]);
  });
});
