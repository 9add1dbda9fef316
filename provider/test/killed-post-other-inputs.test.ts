import { killedPostFixture, type KilledPostFixture } from "./support/killed-post";
import { SCALE7 } from "./support/ovh";

/**
 * A run killed while its install POST awaited an answer leaves this machine's journal entry with the newest task it
 * saw before posting (`afterTaskId`) and no task id. The next run, with other inputs, takes only a task newer than
 * that bound for the killed POST's: one it waits on and then installs over, never one that was there before.
 */
const program = (extra: Record<string, unknown> = {}) => ({ serviceName: SCALE7, templateName: "debian12_64", ...extra });

describe("DedicatedServerInstall: a run killed before its install POST was answered, then the inputs changed", () => {
  let f: KilledPostFixture;
  afterEach(() => f.close());

  const start = async () => {
    f = await killedPostFixture();
  };

  it("the task OVH created for the killed POST, the first after the bound, is waited on and then installed over with the new inputs", async () => {
    await start();
    const earlier = f.sim.startInstall(SCALE7, "debian12_64");
    f.clock.advance(48 * 3600_000);
    await f.killedMidPost(f.up(program({ customHostname: "a.example.com", timeoutMinutes: 1 })), true);
    const lost = earlier + 1;
    expect(f.sim.server(SCALE7).taskIds).toContain(lost);

    const next = await f.nextRun();
    const { outs } = await next.up(program({ customHostname: "b.example.com" }));

    expect(next.warnings).toEqual([
      expect.stringContaining(`task ${lost} (doing) was posted from this machine by an interrupted run with other inputs than these`),
    ]);
    expect(f.installPosts()).toBe(2);
    expect(outs).toMatchObject({ taskId: lost + 1, taskStatus: "done", customHostname: "b.example.com" });
    expect(f.sim.server(SCALE7).hostname).toBe("b.example.com");
  });

  it("a task that was there before the killed POST is not taken for it: a recent install of the declared template is recorded, not repeated", async () => {
    await start();
    const earlier = f.sim.startInstall(SCALE7, "debian12_64");
    f.clock.advance(3600_000);
    // Ubuntu was asked for; the POST never reached OVH, so the server still runs the earlier debian install.
    await f.killedMidPost(f.up(program({ templateName: "ubuntu2404-server_64" })), false);

    const next = await f.nextRun();
    const { outs } = await next.up(program());

    expect(outs).toMatchObject({ taskId: earlier, taskStatus: "done", installedOs: "debian12_64" });
    expect(f.installPosts()).toBe(1);
    expect(next.warnings).toEqual([expect.stringMatching(new RegExp(`: task ${earlier} installed debian12_64 .*recorded it instead of installing again`))]);
  });

  it("an update killed before its POST was answered, then reverted: the next up shows a change, waits for that install, then installs what is declared", async () => {
    await start();
    const a = program({ customHostname: "a.example.com" });
    const { outs: stateA } = await f.up(a);
    f.clock.advance(3600_000);
    const b = (await f.provider.check(stateA, program({ templateName: "ubuntu2404-server_64", timeoutMinutes: 1 }))).inputs;
    // The engine keeps state A: the killed update recorded nothing.
    await f.killedMidPost(f.provider.update(SCALE7, stateA, b), true);
    const lost = Number(stateA.taskId) + 1;

    const next = await f.nextRun();
    const reverted = (await next.provider.check(stateA, a)).inputs;
    const diff = await next.provider.diff(SCALE7, stateA, reverted);
    expect(diff.changes).toBe(true);
    expect(next.warnings).toEqual([expect.stringContaining("an interrupted run on this machine posted an install with other inputs than these")]);
    const { outs } = await next.provider.update(SCALE7, stateA, reverted);

    expect(outs).toMatchObject({ taskId: lost + 1, taskStatus: "done", installedOs: "debian12_64" });
    expect(f.installPosts()).toBe(3);
    expect(f.sim.server(SCALE7)).toMatchObject({ os: "debian12_64", hostname: "a.example.com" });
  });
});
