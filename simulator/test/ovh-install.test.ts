import { INSTALL_STEPS, startOvhSimulator, type OvhSimulator } from "pulumi-reinstall-simulator";
import { timeline } from "../src/ovh/tasks";
import { ADVANCE, raw, rejection, requireTrustedCa, SCALE, signedClient, virtualClock, type NodeOvh } from "./helpers";

const INSTALL_MS = 8000;
const IDLE = { error: 404, message: "Server is not being installed or reinstalled at the moment" };

describe("OVH simulator: a reinstall as node-ovh sees it", () => {
  const clock = virtualClock();
  let t0: number;
  let sim: OvhSimulator;
  let ovh: NodeOvh;
  beforeAll(async () => {
    requireTrustedCa();
    sim = await startOvhSimulator({ now: clock.now, installSeconds: INSTALL_MS / 1000 });
  });
  beforeEach(() => {
    t0 = clock.t;
    ovh = signedClient(sim);
  });
  afterEach(() => sim.reset());
  afterAll(() => sim?.close());

  const at = (ms: number) => void (clock.t = t0 + ms);
  const task = (id: number) => ovh.requestPromised("GET", `/dedicated/server/${SCALE}/task/${id}`) as Promise<Record<string, unknown>>;
  const progress = async () => {
    const status = (await ovh.requestPromised("GET", `/dedicated/server/${SCALE}/install/status`)) as { progress: { status: string }[] };
    return status.progress.map((s) => s.status);
  };
  const reinstall = async (body: Record<string, unknown>, server = SCALE) =>
    ((await ovh.requestPromised("POST", `/dedicated/server/${server}/reinstall`, body)) as { taskId: number }).taskId;

  it("walks init → todo → doing → done as the virtual clock advances, then the server runs the new OS", async () => {
    expect(await rejection(ovh.requestPromised("GET", `/dedicated/server/${SCALE}/install/status`))).toEqual(IDLE);
    const id = await reinstall({ operatingSystem: "debian12_64", customizations: { hostname: "mon-tux" } });

    expect(await task(id)).toEqual({
      taskId: id,
      function: "reinstallServer",
      status: "init",
      comment: "Start bare metal OS installation",
      startDate: "2026-11-22T01:00:00+01:00",
      doneDate: null,
      lastUpdate: "2026-11-22T01:00:00+01:00",
      needSchedule: false,
      note: null,
      plannedInterventionId: null,
      tags: null,
      ticketReference: null,
    });
    at(0.03 * INSTALL_MS);
    expect((await task(id)).status).toBe("todo");
    expect(await progress()).toEqual(Array(21).fill("todo"));

    const steps = timeline({ taskId: id, startedAt: t0, durationMs: INSTALL_MS, failure: null });
    at((steps.stepStart(2) + steps.stepStart(3)) / 2 - t0);
    expect((await task(id)).status).toBe("doing");
    expect(await progress()).toEqual(["done", "done", "doing", ...Array(18).fill("todo")]);
    expect(await ovh.requestPromised("GET", `/dedicated/server/${SCALE}/task`, { function: "reinstallServer", status: "doing" })).toEqual([id]);

    at(INSTALL_MS);
    expect(await task(id)).toMatchObject({ status: "done", doneDate: "2026-11-22T01:00:08+01:00" });
    expect(await rejection(ovh.requestPromised("GET", `/dedicated/server/${SCALE}/install/status`))).toEqual(IDLE);
    expect(await ovh.requestPromised("GET", `/dedicated/server/${SCALE}`)).toMatchObject({ os: "debian12_64" });
    expect(sim.server(SCALE)).toMatchObject({ os: "debian12_64", hostname: "mon-tux", taskIds: [id] });
  });

  it("setInstallSeconds gives one server installs of their own length, and the server tells when its last task ended", async () => {
    sim.setInstallSeconds(ADVANCE, 1200);
    expect(sim.server(ADVANCE).lastTaskDoneAt).toBeNull();
    const long = await reinstall({ operatingSystem: "debian12_64" }, ADVANCE);
    await reinstall({ operatingSystem: "debian12_64" });

    at(INSTALL_MS);
    expect(sim.server(SCALE).lastTaskDoneAt).toBe(t0 + INSTALL_MS);
    expect(sim.server(ADVANCE).lastTaskDoneAt).toBeNull();
    at(1_200_000 - 1);
    expect(await ovh.requestPromised("GET", `/dedicated/server/${ADVANCE}/task/${long}`)).toMatchObject({ status: "doing" });
    at(1_200_000);
    expect(await ovh.requestPromised("GET", `/dedicated/server/${ADVANCE}/task/${long}`)).toMatchObject({ status: "done" });
    expect(sim.server(ADVANCE).lastTaskDoneAt).toBe(t0 + 1_200_000);
  });

  it("failNextInstall ends the task in customerError with the comment, after showing the failed step's error", async () => {
    const failure = {
      status: "customerError",
      atStep: 7,
      comment: "partitioning scheme incompatible with this hardware",
      error: "Partition / does not fit on disk",
    } as const;
    sim.failNextInstall(SCALE, failure);
    const id = await reinstall({ operatingSystem: "debian12_64" });
    const steps = timeline({ taskId: id, startedAt: t0, durationMs: INSTALL_MS, failure });

    at(steps.stepStart(7) - t0);
    const status = (await ovh.requestPromised("GET", `/dedicated/server/${SCALE}/install/status`)) as {
      progress: { comment: string; error: string; status: string }[];
    };
    expect(status.progress[6]).toEqual({ comment: INSTALL_STEPS[6], error: "Partition / does not fit on disk", status: "error" });
    expect(status.progress.map((s) => s.status)).toEqual([...Array(6).fill("done"), "error", ...Array(14).fill("todo")]);

    at(steps.endAt - t0);
    expect(await task(id)).toMatchObject({
      status: "customerError",
      comment: "partitioning scheme incompatible with this hardware",
      doneDate: expect.any(String),
    });
    const stopped = (await ovh.requestPromised("GET", `/dedicated/server/${SCALE}/install/status`)) as { progress: { status: string; error: string }[] };
    expect(stopped.progress.filter((s) => s.status === "error")).toEqual([expect.objectContaining({ error: "Partition / does not fit on disk" })]);
    expect(sim.server(SCALE).os).toBe("debian11_64");

    // Only the next install fails.
    const next = await reinstall({ operatingSystem: "debian12_64" });
    at(steps.endAt - t0 + INSTALL_MS);
    expect((await task(next)).status).toBe("done");
  });

  it("refuses a second reinstall while one runs with TaskAlreadyExists", async () => {
    const other = sim.startInstall(SCALE, "debian13_64");
    const expected = `Task ${other} of type reinstallServer with status init is already running on server ${SCALE}`;
    expect(await rejection(reinstall({ operatingSystem: "debian12_64" }))).toEqual({ error: 400, message: expected });
    expect((await raw(sim, clock, "POST", `/1.0/dedicated/server/${SCALE}/reinstall`, { body: { operatingSystem: "debian12_64" } })).body).toEqual({
      class: "Client::BadRequest::TaskAlreadyExists",
      message: expected,
    });
    at(INSTALL_MS);
    expect(sim.server(SCALE).os).toBe("debian13_64");
    expect(await reinstall({ operatingSystem: "debian12_64" })).toBeGreaterThan(other);
  });

  it("an install another client starts right before the next POST arrives makes OVH refuse that POST, and only that one", async () => {
    sim.startInstallBeforeNextPost(SCALE, "debian13_64");
    expect(sim.server(SCALE).taskIds).toEqual([]);
    const refused = await rejection(reinstall({ operatingSystem: "debian12_64" }));
    const [rival] = sim.server(SCALE).taskIds;
    expect(refused).toEqual({ error: 400, message: `Task ${rival} of type reinstallServer with status init is already running on server ${SCALE}` });
    at(INSTALL_MS);
    expect(sim.server(SCALE).os).toBe("debian13_64");
    expect(await reinstall({ operatingSystem: "debian12_64" })).toBeGreaterThan(rival);
    expect(sim.server(SCALE).taskIds).toHaveLength(2);
  });

  it("cancels a task still in init or todo, and refuses once it is doing", async () => {
    const first = await reinstall({ operatingSystem: "debian12_64" });
    expect(await ovh.requestPromised("POST", `/dedicated/server/${SCALE}/task/${first}/cancel`)).toBeNull();
    expect(await task(first)).toMatchObject({ status: "cancelled", doneDate: expect.any(String) });

    const second = await reinstall({ operatingSystem: "debian12_64" });
    at(0.05 * INSTALL_MS);
    expect(await rejection(ovh.requestPromised("POST", `/dedicated/server/${SCALE}/task/${second}/cancel`))).toEqual({
      error: 403,
      message: `Task ${second} can not be cancelled: its status is doing`,
    });
  });

  it("answers OVH's object-not-found sentences for unknown tasks and servers", async () => {
    expect(await rejection(task(123))).toEqual({ error: 404, message: "The requested object (taskId = 123) does not exist" });
    expect(await raw(sim, clock, "GET", "/1.0/dedicated/server/ns0.example.eu")).toEqual({
      status: 404,
      body: { class: "Client::NotFound", message: "The requested object (serviceName = ns0.example.eu) does not exist" },
    });
    // Tasks are per server: another server's id is unknown here.
    const id = await reinstall({ operatingSystem: "debian12_64" }, ADVANCE);
    expect((await rejection(task(id))).error).toBe(404);
  });

  it("reports hardware with disk groups, and lets tests add servers", async () => {
    sim.cloneServer(SCALE, "ns9999999.ip-1-2-3.eu");
    const hw = (await ovh.requestPromised("GET", "/dedicated/server/ns9999999.ip-1-2-3.eu/specifications/hardware")) as { diskGroups: unknown[] };
    expect(hw).toMatchObject({ bootMode: "uefi", description: "SCALE-7 - AMD Epyc 7763", memorySize: { unit: "MB", value: 524288 } });
    expect(hw.diskGroups).toEqual([
      expect.objectContaining({ diskGroupId: 1, diskType: "SSD", numberOfDisks: 2, diskSize: { unit: "GB", value: 480 }, raidController: null }),
      expect.objectContaining({ diskGroupId: 2, diskType: "NVME", numberOfDisks: 2, diskSize: { unit: "GB", value: 1920 }, raidController: null }),
    ]);
    sim.reset();
    expect((await rejection(ovh.requestPromised("GET", "/dedicated/server/ns9999999.ip-1-2-3.eu"))).error).toBe(404);
  });
});
