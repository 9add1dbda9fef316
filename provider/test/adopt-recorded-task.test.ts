import { ovhFixture, SCALE7, type OvhFixture, type Props } from "./support/ovh";

/**
 * What an adopting create takes from OVH's newest reinstall task: the task itself (its id, dates and comment, and
 * its id in what the create says) when it ended done, and nothing when it ended otherwise, since a failed or
 * cancelled task installed nothing and must not be recorded as the install that runs. SCALE7 is delivered running debian11_64.
 */
const DELIVERED = "debian11_64";
const declared = (templateName: string): Props => ({ serviceName: SCALE7, templateName, adopt: true });
/** The comment OVH gives a reinstall task (docs/api/ovh.md, the task object). */
const REINSTALL_COMMENT = "Start bare metal OS installation";

describe("DedicatedServerInstall with adopt: what the create records of OVH's newest reinstall task", () => {
  let f: OvhFixture;
  afterEach(() => f.close());

  it("a task that ended done is the install recorded: the create names it, and state keeps its comment", async () => {
    f = await ovhFixture();
    const taskId = f.sim.startInstall(SCALE7, "debian12_64");
    f.clock.advance(30 * 24 * 3600_000);

    const { outs } = await f.up(declared("debian12_64"));

    expect(outs).toMatchObject({ taskId, taskStatus: "done", taskComment: REINSTALL_COMMENT, installedOs: "debian12_64" });
    expect(f.events.at(-1)?.message).toBe(`${SCALE7}: adopted the running install of debian12_64, installed by task ${taskId}; nothing was sent`);
    expect(f.installPosts()).toBe(0);
  });

  it.each(["ovhError", "customerError", "cancelled"] as const)(
    "a task that ended %s installed nothing: the OS that runs is adopted with none of that task in state",
    async (status) => {
      f = await ovhFixture();
      f.sim.failNextInstall(SCALE7, { status, atStep: 3, comment: `install ended ${status}` });
      const failed = f.sim.startInstall(SCALE7, "debian12_64");
      f.clock.advance(24 * 3600_000);
      expect(f.sim.server(SCALE7).os).toBe(DELIVERED);

      const { outs } = await f.up(declared(DELIVERED));

      expect(outs).toMatchObject({ taskStatus: "done", installedOs: DELIVERED });
      const fromTheTask = ["taskId", "taskComment", "startDate", "doneDate", "elapsedSeconds"].filter((key) => key in outs);
      expect(fromTheTask).toEqual([]);
      const said = f.events.at(-1)?.message;
      expect(said).toMatch(new RegExp(`^${SCALE7.replace(/\./g, "\\.")}: adopted the running install of ${DELIVERED}, .*; nothing was sent$`));
      expect(said).not.toContain(String(failed));
      expect(f.installPosts()).toBe(0);
    },
  );
});
