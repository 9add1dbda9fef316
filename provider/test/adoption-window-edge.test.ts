import { adoptionWindowMs } from "../src/ovh/dedicated-server-install/start-install";
import { ovhFixture, SCALE7, type OvhFixture } from "./support/ovh";

/**
 * A finished install of the declared template is recorded instead of repeated while it is at most `adoptionWindowMs`
 * old, aged on OVH's clock: /auth/time in whole seconds against the task's doneDate. The window's last second is in
 * it; the second after it is not.
 */
const declared = { serviceName: SCALE7, templateName: "debian12_64" };

describe("DedicatedServerInstall: a finished install of the declared template at the edge of the adoption window", () => {
  let f: OvhFixture;
  afterEach(() => f.close());

  /** An install of the declared template by someone else, then the clock at `ageMs` after its doneDate. */
  const finishedAgo = async (ageMs: number): Promise<number> => {
    f = await ovhFixture();
    const task = f.sim.startInstall(SCALE7, "debian12_64");
    f.clock.advance(3600_000);
    const doneDate = Math.floor(f.sim.server(SCALE7).lastTaskDoneAt! / 1000) * 1000;
    f.clock.advance(doneDate + ageMs - f.clock.now());
    return task;
  };

  it("one that ended exactly a day ago is recorded, not installed again", async () => {
    const task = await finishedAgo(adoptionWindowMs);

    const { outs } = await f.up(declared);

    expect(f.installPosts()).toBe(0);
    expect(outs).toMatchObject({ taskId: task, taskStatus: "done", installedOs: "debian12_64" });
    expect(f.warnings).toEqual([expect.stringContaining(`task ${task} installed debian12_64 24h00m ago`)]);
  });

  it("one that ended a day and a second ago is installed over", async () => {
    const task = await finishedAgo(adoptionWindowMs + 1000);

    const { outs } = await f.up(declared);

    expect(f.installPosts()).toBe(1);
    expect(outs).toMatchObject({ taskId: task + 1, taskStatus: "done", installedOs: "debian12_64" });
    expect(f.warnings).toEqual([]);
  });
});
