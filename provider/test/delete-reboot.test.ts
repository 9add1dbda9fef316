import { BOOT_OPTIONS, OVH_ROUTES } from "pulumi-reinstall-simulator";
import { failureOf } from "./support/failure-of";
import { ovhFixture, SCALE7, SERIALIZED, type OvhFixture, type Props } from "./support/ovh";
import { stoppableProvider } from "./support/stoppable";

const CUSTOMER_RESCUE = BOOT_OPTIONS.find((b) => b.kernel === "rescue12-customer")!;
const PRO_RESCUE = BOOT_OPTIONS.find((b) => b.kernel === "rescue64-pro")!;

const declared = (onDelete?: Props, more: Props = {}) => ({ serviceName: SCALE7, templateName: "debian12_64", ...(onDelete ? { onDelete } : {}), ...more });

describe("DedicatedServerInstall onDelete: boot and reboot on delete", () => {
  let f: OvhFixture;
  afterEach(() => f.close());

  const routesFrom = (from: number) => f.sim.journal.slice(from).map((e) => e.route);
  const reboots = () => f.sim.count({ route: OVH_ROUTES.reboot });

  it("by rescue name: sets the rescue boot, reboots once, waits for the task to be done, and reports it", async () => {
    f = await ovhFixture({ rebootSeconds: 150 });
    const { id, outs } = await f.up(declared({ rescue: "rescue12-customer" }));
    expect(outs.onDelete).toEqual({ rescue: "rescue12-customer" });
    const before = f.sim.journal.length;

    await f.provider.delete(id, outs);

    const puts = f.sim.journal.filter((e) => e.route === OVH_ROUTES.updateServer);
    expect(puts.map((e) => e.body)).toEqual([{ bootId: CUSTOMER_RESCUE.bootId }]);
    expect(reboots()).toBe(1);
    const after = routesFrom(before);
    expect(after.indexOf(OVH_ROUTES.updateServer)).toBeLessThan(after.indexOf(OVH_ROUTES.reboot));
    expect(f.sim.bootId(SCALE7)).toBe(CUSTOMER_RESCUE.bootId);
    // Waited until the reboot task was done: its last read saw it so.
    const lastTaskRead = f.sim.journal.filter((e) => e.route === OVH_ROUTES.task).at(-1)!;
    expect(lastTaskRead.at).toBeGreaterThanOrEqual(f.sim.journal.find((e) => e.route === OVH_ROUTES.reboot)!.at + 150_000);
    expect(f.events.some((e) => /rebooting on rescue12-customer, task \d+ (todo|doing)/.test(e.message))).toBe(true);
    expect(f.events.at(-1)!.message).toMatch(/: rebooted on rescue12-customer \(boot 230242\) by task \d+; forgotten$/);
    expect(f.sim.server(SCALE7).os).toBe("debian12_64");
  });

  it("by boot id: the boot given is set, whatever its type", async () => {
    f = await ovhFixture({ rebootSeconds: 150 });
    const { id, outs } = await f.up(declared({ bootId: PRO_RESCUE.bootId }));
    await f.provider.delete(id, outs);
    expect(f.sim.bootId(SCALE7)).toBe(PRO_RESCUE.bootId);
    expect(reboots()).toBe(1);
  });

  it("preview: an unknown rescue name or boot id fails naming the field and listing the server's boots", async () => {
    f = await ovhFixture();
    const rescue = await f.provider.check({}, { ...declared({ rescue: "rescue-customer" }), __provider: SERIALIZED });
    expect(rescue.failures).toEqual([{ property: "onDelete.rescue", reason: expect.stringContaining('no rescue boot "rescue-customer"') }]);
    expect(rescue.failures![0].reason).toContain("rescue64-pro (1122: rescue, Rescue 64 bits); rescue12-customer (230242: rescue");
    expect(rescue.failures![0].reason).not.toContain("harddisk");

    const id = await f.provider.check({}, { ...declared({ bootId: 999 }), __provider: SERIALIZED });
    expect(id.failures).toEqual([{ property: "onDelete.bootId", reason: expect.stringContaining("has no boot 999; boots: hd (1: harddisk, Boot to disk)") }]);
  });

  it("preview: onDelete takes exactly one of bootId and rescue, and nothing else", async () => {
    f = await ovhFixture();
    const both = await f.provider.check({}, { ...declared({ bootId: 1122, rescue: "rescue64-pro" }), __provider: SERIALIZED });
    expect(both.failures).toEqual([{ property: "onDelete", reason: expect.stringContaining("exactly one of bootId") }]);
    const typo = await f.provider.check({}, { ...declared({ bootid: 1122 }), __provider: SERIALIZED });
    expect(typo.failures!.map((x) => x.property)).toContain("onDelete.bootid");
  });

  it("changing onDelete never reinstalls: the update sends nothing and records the new value", async () => {
    f = await ovhFixture();
    const { id, outs } = await f.up(declared());
    const news = (await f.provider.check(outs, { ...declared({ rescue: "rescue64-pro" }), __provider: SERIALIZED })).inputs;
    expect(await f.provider.diff(id, outs, news)).toEqual({ changes: true, replaces: [], deleteBeforeReplace: false });
    expect(f.warnings).toEqual([]);
    const before = f.sim.journal.length;
    const { outs: updated } = await f.provider.update(id, outs, news);
    expect(f.sim.journal.slice(before).filter((e) => e.method !== "GET")).toEqual([]);
    expect(updated).toMatchObject({ onDelete: { rescue: "rescue64-pro" }, taskId: outs.taskId, taskStatus: "done" });
  });

  it("refuses while an install runs on the server: a reboot would break it, and nothing is sent", async () => {
    f = await ovhFixture();
    const { id, outs } = await f.up(declared({ rescue: "rescue12-customer" }));
    const running = f.sim.startInstall(SCALE7, "alma9_64");
    const error = await failureOf(f.provider.delete(id, outs));
    expect(error).toMatchObject({ code: "TASK_ALREADY_RUNNING" });
    expect(error.message).toContain(`install task ${running} is`);
    expect(f.sim.count({ route: OVH_ROUTES.updateServer }) + reboots()).toBe(0);
  });

  it("a reboot task that fails is reported with its comment, and the resource stays", async () => {
    f = await ovhFixture({ rebootSeconds: 150 });
    const { id, outs } = await f.up(declared({ rescue: "rescue12-customer" }));
    f.sim.failNextReboot(SCALE7, "Server did not answer to the reboot request");
    const error = await failureOf(f.provider.delete(id, outs));
    expect(error).toMatchObject({ code: "TASK_FAILED" });
    expect(error.message).toMatch(/reboot task \d+ on .* ended with ovhError: Server did not answer to the reboot request/);
  });

  it("a timeout leaves the reboot running; the next delete waits on the same task and reboots no second time", async () => {
    // Longer than one minute, shorter than two: the second delete sees it end.
    f = await ovhFixture({ rebootSeconds: 100 });
    const { id, outs } = await f.up(declared({ rescue: "rescue12-customer" }));
    const state = { ...outs, timeoutMinutes: 1 };
    const error = await failureOf(f.provider.delete(id, state));
    expect(error).toMatchObject({ code: "WAIT_TIMEOUT" });
    expect(error.message).toMatch(/still (todo|doing)/);

    await f.provider.delete(id, state);
    expect(reboots()).toBe(1);
    expect(f.events.some((e) => /already under way; waiting on it/.test(e.message))).toBe(true);
  });

  it("a stop signal during the reboot wait fails the delete (the resource stays); the next one waits on that reboot", async () => {
    f = await ovhFixture({ rebootSeconds: 150 });
    const { id, outs } = await f.up(declared({ rescue: "rescue12-customer" }));
    const controller = new AbortController();
    // SIGINT as soon as the wait shows the reboot under way.
    const stopped = await stoppableProvider(f, controller, { onProgress: (message) => /rebooting on/.test(message) && controller.abort("SIGINT") });
    const error = await failureOf(stopped.delete(id, outs));
    expect(error).toMatchObject({ code: "INTERRUPTED" });
    expect(error.message).toContain("delete again");
    expect(reboots()).toBe(1);

    await f.provider.delete(id, outs);
    expect(reboots()).toBe(1);
    expect(f.sim.bootId(SCALE7)).toBe(CUSTOMER_RESCUE.bootId);
  });

  it("a reboot POST whose answer is lost after OVH acted: the task it created is found and waited on, not posted again", async () => {
    f = await ovhFixture({ rebootSeconds: 150 });
    const { id, outs } = await f.up(declared({ rescue: "rescue12-customer" }));
    f.sim.inject({ route: OVH_ROUTES.reboot, kind: "reset", when: "after" });
    await f.provider.delete(id, outs);
    expect(reboots()).toBe(1);
    expect(f.events.at(-1)!.message).toMatch(/rebooted on rescue12-customer .* forgotten$/);
  });

  it("a reboot POST OVH refuses: the error quotes OVH, and nothing is looked for or sent again", async () => {
    f = await ovhFixture();
    const { id, outs } = await f.up(declared({ rescue: "rescue12-customer" }));
    f.sim.inject({ route: OVH_ROUTES.reboot, kind: "status", status: 403, body: { class: "Client::Forbidden", message: "This service is suspended" } });
    const error = await failureOf(f.provider.delete(id, outs));
    expect(error).toMatchObject({ code: "OVH_API_ERROR" });
    expect(error.message).toContain("This service is suspended");
    expect(reboots()).toBe(1);
    // The reboot list was read once, before the POST: a refusal proves nothing was created, so nothing is looked for.
    expect(f.sim.journal.filter((e) => e.route === OVH_ROUTES.tasks && e.query.function === "hardReboot")).toHaveLength(1);
  });

  it("a boot gone since the last up: delete fails naming the field and the boots, before any PUT or reboot", async () => {
    f = await ovhFixture();
    const { id, outs } = await f.up(declared({ rescue: "rescue12-customer" }));
    const error = await failureOf(f.provider.delete(id, { ...outs, onDelete: { bootId: 4242 } }));
    expect(error).toMatchObject({ code: "INVALID_INPUT" });
    expect(error.message).toContain("onDelete.bootId: server ns3001234.ip-51-68-1.eu has no boot 4242; boots: hd (1");
    expect(f.sim.count({ route: OVH_ROUTES.updateServer }) + reboots()).toBe(0);
  });
});
