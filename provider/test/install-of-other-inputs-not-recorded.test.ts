import { killedPostFixture, type KilledPostFixture } from "./support/killed-post";
import { failureOf } from "./support/failure-of";
import { SCALE7 } from "./support/ovh";

const program = (customHostname: string) => ({ serviceName: SCALE7, templateName: "debian12_64", customHostname, timeoutMinutes: 1 });

describe("DedicatedServerInstall: an install an interrupted run on this machine posted with other inputs, waited on before installing", () => {
  let f: KilledPostFixture;
  afterEach(() => f.close());

  it("a timeout while it still runs leaves nothing in state: it is not this resource's install, and the next up waits for it again", async () => {
    f = await killedPostFixture();
    await f.killedMidPost(f.up(program("a.example.com")), true);
    const [other] = f.sim.server(SCALE7).taskIds;

    const next = await f.nextRun();
    const error = await failureOf(next.up(program("b.example.com")));

    expect(next.warnings).toEqual([
      expect.stringContaining(`task ${other} (doing) was posted from this machine by an interrupted run with other inputs than these`),
    ]);
    expect(error).toMatchObject({ code: "WAIT_TIMEOUT", message: expect.stringContaining(`task ${other}`) });
    expect(error.properties).toBeUndefined();
    expect(error.id).toBeUndefined();
    expect(f.installPosts()).toBe(1);

    const after = await f.nextRun();
    const { outs } = await after.up({ ...program("b.example.com"), timeoutMinutes: 60 });
    expect(after.warnings).toEqual([expect.stringContaining(`task ${other} (doing) was posted from this machine by an interrupted run`)]);
    expect(outs).toMatchObject({ taskStatus: "done", customHostname: "b.example.com" });
    expect(outs.taskId).toBeGreaterThan(other);
    expect(f.installPosts()).toBe(2);
  });
});
