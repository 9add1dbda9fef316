import { BOOT_OPTIONS, startOvhSimulator, type OvhSimulator } from "pulumi-reinstall-simulator";
import { raw, requireTrustedCa, SCALE, signedClient, virtualClock, type NodeOvh } from "./helpers";

const REBOOT_MS = 120_000;

describe("OVH simulator: boots, PUT bootId and the hardReboot task", () => {
  const clock = virtualClock();
  let sim: OvhSimulator;
  let ovh: NodeOvh;
  beforeAll(async () => {
    requireTrustedCa();
    sim = await startOvhSimulator({ now: clock.now, rebootSeconds: REBOOT_MS / 1000 });
  });
  beforeEach(() => (ovh = signedClient(sim)));
  afterEach(() => sim.reset());
  afterAll(() => sim?.close());

  const get = (path: string, query?: Record<string, unknown>) => ovh.requestPromised("GET", `/dedicated/server/${SCALE}${path}`, query);

  it("lists the boots, filtered by bootType, and shows each as a dedicated.server.Netboot", async () => {
    expect(await get("/boot")).toEqual(BOOT_OPTIONS.map((b) => b.bootId));
    const rescues = BOOT_OPTIONS.filter((b) => b.bootType === "rescue");
    expect(await get("/boot", { bootType: "rescue" })).toEqual(rescues.map((b) => b.bootId));
    expect(await get(`/boot/${rescues[0].bootId}`)).toEqual({ ...rescues[0] });
    const missing = await raw(sim, clock, "GET", `/1.0/dedicated/server/${SCALE}/boot/4242`);
    expect(missing).toMatchObject({ status: 404, body: { message: "The requested object (bootId = 4242) does not exist" } });
  });

  it("PUT sets the server's bootId; an id the server does not have is a 400 naming it, and changes nothing", async () => {
    const rescue = BOOT_OPTIONS.find((b) => b.bootType === "rescue")!;
    expect(await get("")).toMatchObject({ bootId: 1 });
    const bad = await raw(sim, clock, "PUT", `/1.0/dedicated/server/${SCALE}`, { body: { bootId: 4242 } });
    expect(bad).toMatchObject({ status: 400, body: { class: "Client::BadRequest", message: expect.stringContaining("Invalid bootId 4242") } });
    expect(sim.bootId(SCALE)).toBe(1);
    await ovh.requestPromised("PUT", `/dedicated/server/${SCALE}`, { bootId: rescue.bootId });
    expect(await get("")).toMatchObject({ bootId: rescue.bootId });
  });

  it("POST reboot answers a hardReboot task that is listed by function, runs, then is done", async () => {
    const t0 = clock.t;
    const task = (await ovh.requestPromised("POST", `/dedicated/server/${SCALE}/reboot`)) as { taskId: number; function: string; status: string };
    expect(task).toMatchObject({ function: "hardReboot", status: "todo" });
    expect(await get("/task", { function: "hardReboot" })).toEqual([task.taskId]);
    expect(await get("/task", { function: "reinstallServer" })).toEqual([]);
    clock.t = t0 + REBOOT_MS / 2;
    expect(await get(`/task/${task.taskId}`)).toMatchObject({ status: "doing", doneDate: null });
    clock.t = t0 + REBOOT_MS;
    expect(await get(`/task/${task.taskId}`)).toMatchObject({ status: "done", doneDate: expect.any(String) });
    expect(sim.server(SCALE).taskIds).toEqual([]);
  });

  it("a reboot armed to fail ends in ovhError with the comment given", async () => {
    sim.failNextReboot(SCALE, "Server did not answer to the reboot request");
    const t0 = clock.t;
    const { taskId } = (await ovh.requestPromised("POST", `/dedicated/server/${SCALE}/reboot`)) as { taskId: number };
    clock.t = t0 + REBOOT_MS;
    expect(await get(`/task/${taskId}`)).toMatchObject({ status: "ovhError", comment: "Server did not answer to the reboot request" });
  });
});
