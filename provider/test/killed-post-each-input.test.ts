import { OVH_ROUTES } from "pulumi-reinstall-simulator";
import { killedPostFixture, type KilledPostFixture } from "./support/killed-post";
import { SCALE7, type Props } from "./support/ovh";

/**
 * Whether a task a killed run's POST created was asked for with these inputs is told by this machine's journal,
 * which keeps a digest of every input that shapes the install. Each of them, changed on its own between the killed
 * run and the next, makes that task another request's: waited on, then installed over as declared. An unset list of
 * triggers and an empty one ask for the same install: that task is the next run's own, and nothing is posted again.
 */
const program = (extra: Props = {}) => ({ serviceName: SCALE7, templateName: "debian12_64", ...extra });
const script = (line: string) => ({ postInstallationScript: `#!/bin/sh\n${line}` });

describe("DedicatedServerInstall: a run killed before its install POST was answered, then one input changed", () => {
  let f: KilledPostFixture;
  afterEach(() => f.close());

  /** Runs a killed mid-POST with `killed` (OVH created its task); returns that task's id. */
  const killedRun = async (killed: Props): Promise<number> => {
    f = await killedPostFixture();
    const earlier = f.sim.startInstall(SCALE7, "debian12_64");
    // Out of the adoption window: the killed run posts instead of recording that install.
    f.clock.advance(48 * 3600_000);
    await f.killedMidPost(f.up(program({ ...killed, timeoutMinutes: 1 })), true);
    expect(f.sim.server(SCALE7).taskIds).toEqual([earlier, earlier + 1]);
    return earlier + 1;
  };
  const postBodies = () => f.sim.journal.filter((e) => e.route === OVH_ROUTES.reinstall).map((e) => e.body);

  it.each<[string, Props, Props, Props]>([
    ["diskGroupId", { diskGroupId: 1 }, { diskGroupId: 2 }, { storage: [{ diskGroupId: 2 }] }],
    ["userMetadata", { userMetadata: script("echo a") }, { userMetadata: script("echo b") }, { customizations: script("echo b") }],
    ["partitionSchemeName", { partitionSchemeName: "default" }, {}, {}],
    [
      "storage",
      { storage: [{}, { diskGroupId: 2, erase: false }] },
      { storage: [{}, { diskGroupId: 2, erase: true }] },
      { storage: [{}, { diskGroupId: 2, erase: true }] },
    ],
    ["triggers", { triggers: ["first"] }, { triggers: ["second"] }, {}],
  ])("%s: the killed POST's task is waited on as another request's, then the declared install is posted", async (_input, killed, declared, sent) => {
    const lost = await killedRun(killed);

    const next = await f.nextRun();
    const { outs } = await next.up(program(declared));

    expect(next.warnings).toEqual([
      expect.stringContaining(`task ${lost} (doing) was posted from this machine by an interrupted run with other inputs than these`),
    ]);
    expect(f.installPosts()).toBe(2);
    expect(postBodies()[1]).toEqual({ operatingSystem: "debian12_64", ...sent });
    expect(outs).toMatchObject({ taskId: lost + 1, taskStatus: "done", installedOs: "debian12_64" });
  });

  it("triggers unset, then triggers: []: the killed POST's task is this run's own, waited on and recorded, not posted again", async () => {
    const lost = await killedRun({});

    const next = await f.nextRun();
    const { outs } = await next.up(program({ triggers: [] }));

    expect(next.warnings).toEqual([
      expect.stringMatching(new RegExp(`a reinstall was already under way \\(task ${lost}, doing, .*by an interrupted run or by someone else\\)`)),
    ]);
    expect(f.installPosts()).toBe(1);
    expect(outs).toMatchObject({ taskId: lost, taskStatus: "done", installedOs: "debian12_64", triggers: [] });
  });
});
