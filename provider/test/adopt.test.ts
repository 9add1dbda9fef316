import { OVH_ROUTES } from "pulumi-reinstall-simulator";
import { adoptNotice } from "../src/ovh/dedicated-server-install/adopt-install";
import { failureOf } from "./support/failure-of";
import { ovhFixture, SCALE7, SERIALIZED, type OvhFixture, type Props } from "./support/ovh";
import { throwawaySshKey } from "../../harness/ssh-key";

/** SCALE7 is delivered with debian11_64 and has no task: a server installed by hand, or before any tool. */
const DELIVERED = "debian11_64";
const SSH_KEY = throwawaySshKey("adopt@example");
const declared = (extra: Props = {}): Props => ({ serviceName: SCALE7, templateName: DELIVERED, userMetadata: { sshKey: SSH_KEY }, adopt: true, ...extra });
const requestsDuring = async (f: OvhFixture, run: () => Promise<unknown>) => {
  const before = f.sim.journal.length;
  await run();
  return f.sim.journal.slice(before).map((e) => e.route);
};

describe("DedicatedServerInstall with adopt: a create that records the install the server runs", () => {
  let f: OvhFixture | undefined;
  afterEach(async () => {
    await f?.close();
    f = undefined;
  });

  it("no task history: records the running OS with no task, posts nothing, and says so at preview", async () => {
    f = await ovhFixture();
    const { outs } = await f.up(declared());
    expect(outs).toMatchObject({ serviceName: SCALE7, templateName: DELIVERED, adopt: true, taskStatus: "done", installedOs: DELIVERED });
    for (const unset of ["taskId", "startDate", "doneDate", "elapsedSeconds"]) expect([unset, outs[unset]]).toEqual([unset, undefined]);
    expect(f.installPosts()).toBe(0);
    expect(f.warnings).toEqual([`DedicatedServerInstall ${SCALE7}: ${adoptNotice}`]);
    expect(f.events.at(-1)?.message).toBe(`${SCALE7}: adopted the running install of ${DELIVERED}, with no reinstall task in OVH's history; nothing was sent`);
  });

  it("a match with task history: the last reinstall task is recorded as the resource's own install", async () => {
    f = await ovhFixture();
    const taskId = f.sim.startInstall(SCALE7, "debian12_64");
    // Installed out of band weeks ago: far outside the window in which a plain create would take it for its own.
    f.clock.advance(30 * 24 * 3600_000);
    const { outs } = await f.up(declared({ templateName: "debian12_64" }));
    expect(outs).toMatchObject({ taskId, taskStatus: "done", installedOs: "debian12_64", startDate: expect.any(String), doneDate: expect.any(String) });
    expect(outs.elapsedSeconds).toBe(Math.round((Date.parse(outs.doneDate as string) - Date.parse(outs.startDate as string)) / 1000));
    expect(f.installPosts()).toBe(0);
  });

  it("a task whose startDate does not parse as a date is recorded with 0 seconds elapsed, not NaN", async () => {
    f = await ovhFixture();
    const taskId = f.sim.startInstall(SCALE7, "debian12_64");
    f.clock.advance(30 * 24 * 3600_000);
    const body = {
      taskId,
      function: "reinstallServer",
      status: "done",
      comment: null,
      startDate: "22/11/2026 07:00:00",
      doneDate: "2026-11-22T07:20:00+01:00",
    };
    f.sim.inject({ route: OVH_ROUTES.task, kind: "status", status: 200, body, times: 100_000 });
    const { outs } = await f.up(declared({ templateName: "debian12_64" }));
    expect(outs).toMatchObject({ taskId, taskStatus: "done", startDate: body.startDate, doneDate: body.doneDate, elapsedSeconds: 0 });
  });

  it("a mismatch fails at preview naming the OS that runs and what to declare; a create without the preview fails with OS_MISMATCH and posts nothing", async () => {
    f = await ovhFixture();
    const checked = await f.provider.check({}, { ...declared({ templateName: "debian12_64" }), __provider: SERIALIZED });
    expect(checked.failures).toEqual([
      {
        property: "templateName",
        reason: `adopt: ${SCALE7} runs ${DELIVERED}, not debian12_64, and adopting never installs; declare templateName: "${DELIVERED}" to adopt what runs, or remove adopt to install debian12_64 (that erases the server)`,
      },
    ]);
    const error = await failureOf(f.provider.create({ ...declared({ templateName: "debian12_64" }), __provider: SERIALIZED }));
    expect(error).toMatchObject({ code: "OS_MISMATCH", message: expect.stringContaining(`${SCALE7} runs ${DELIVERED}, not debian12_64`) });
    expect(error.properties).toBeUndefined();
    expect(f.installPosts()).toBe(0);
  });

  it("an install under way: preview passes, the create waits for it like start-install does, and records it", async () => {
    f = await ovhFixture();
    const taskId = f.sim.startInstall(SCALE7, "debian12_64");
    f.clock.advance(60_000);
    const { outs } = await f.up(declared({ templateName: "debian12_64" }));
    expect(outs).toMatchObject({ taskId, taskStatus: "done", installedOs: "debian12_64", doneDate: expect.any(String) });
    expect(f.installPosts()).toBe(0);
    expect(f.warnings).toEqual([
      `DedicatedServerInstall ${SCALE7}: ${adoptNotice}`,
      expect.stringContaining(`a reinstall was already under way (task ${taskId}`),
    ]);
  });

  it("an install under way that leaves another OS than the declared one: OS_MISMATCH once it ends, nothing in state, nothing posted", async () => {
    f = await ovhFixture();
    const taskId = f.sim.startInstall(SCALE7, "ubuntu2404-server_64");
    const error = await failureOf(f.up(declared({ templateName: "debian12_64" })));
    expect(error).toMatchObject({
      code: "OS_MISMATCH",
      message: expect.stringContaining(
        `task ${taskId}, which was already under way on ${SCALE7} and was waited on instead of installing again, left ubuntu2404-server_64 on it`,
      ),
    });
    expect(error.message).toContain(
      'declare templateName: "ubuntu2404-server_64" to adopt what runs, or remove adopt to install debian12_64 (that erases the server)',
    );
    expect(error.properties).toBeUndefined();
    expect(f.installPosts()).toBe(0);
  });

  it("once adopted: unchanged previews ask nothing, dropping adopt sends nothing, and a changed input reinstalls once with the usual warning", async () => {
    f = await ovhFixture();
    const program = declared({ templateName: "debian12_64" });
    const outOfBand = f.sim.startInstall(SCALE7, "debian12_64");
    f.clock.advance(30 * 24 * 3600_000);
    const { id, outs } = await f.up(program);
    const olds = (await f.provider.check({}, { ...program, __provider: SERIALIZED })).inputs;
    f.warnings.length = 0;

    const unchanged = await requestsDuring(f, async () => {
      const news = (await f!.provider.check(olds, { ...program, __provider: SERIALIZED })).inputs;
      expect(await f!.provider.diff(id, outs, news)).toMatchObject({ changes: false });
    });
    expect(unchanged).toEqual([]);

    const { adopt: _dropped, ...withoutAdopt } = program;
    const dropped = (await f.provider.check(olds, { ...withoutAdopt, __provider: SERIALIZED })).inputs;
    expect(await f.provider.diff(id, outs, dropped)).toMatchObject({ changes: true, replaces: [] });
    const kept = await f.provider.update(id, outs, dropped);
    expect(kept.outs).toMatchObject({ taskId: outOfBand, taskStatus: "done", installedOs: "debian12_64" });
    expect(f.warnings).toEqual([]);
    expect(f.installPosts()).toBe(0);

    const checked = await f.provider.check(dropped, { ...withoutAdopt, triggers: ["move to pulumi"], __provider: SERIALIZED });
    expect(checked.failures).toEqual([]);
    expect(await f.provider.diff(id, kept.outs!, checked.inputs)).toMatchObject({ changes: true });
    expect(f.warnings).toEqual([`DedicatedServerInstall ${SCALE7}: this update REINSTALLS ${SCALE7} and erases its disks (changed: triggers)`]);
    const updated = await f.provider.update(id, kept.outs!, checked.inputs);
    expect(updated.outs).toMatchObject({ taskId: expect.any(Number), taskStatus: "done", installedOs: "debian12_64" });
    expect(updated.outs?.taskId).toBeGreaterThan(outOfBand);
    expect(f.installPosts()).toBe(1);
  });

  it("a template OVH no longer installs can be adopted: only a reinstall needs it installable", async () => {
    f = await ovhFixture();
    f.sim.startInstall(SCALE7, "debian10_64");
    f.clock.advance(3600_000);
    const { failures } = await f.provider.check({}, { ...declared({ templateName: "debian10_64" }), __provider: SERIALIZED });
    expect(failures).toEqual([]);
    const installable = await f.provider.check({}, { ...declared({ templateName: "debian10_64", adopt: false }), __provider: SERIALIZED });
    expect(installable.failures).toEqual([{ property: "templateName", reason: expect.stringContaining("no longer installable") }]);
  });
});
