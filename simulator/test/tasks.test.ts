import { INSTALL_STEPS, timeline, viewTask, type TaskRecord } from "../src/ovh/tasks";

const t0 = Date.UTC(2026, 10, 22);
const D = 100_000;
const doingAt = t0 + 0.05 * D;
const task = (extra: Partial<TaskRecord> = {}): TaskRecord => ({
  taskId: 1,
  serviceName: "ns1",
  function: "reinstallServer",
  comment: "Start bare metal OS installation",
  startedAt: t0,
  durationMs: D,
  operatingSystem: "debian12_64",
  hostname: null,
  disks: { installedOn: 1, erased: [1], kept: [] },
  failure: null,
  cancelledAt: null,
  ...extra,
});
const statuses = (r: TaskRecord, at: number) => viewTask(r, at).steps.map((s) => s.status);

describe("viewTask", () => {
  it("has 21 steps", () => expect(INSTALL_STEPS).toHaveLength(21));

  it("walks init → todo → doing → done at 0, 2%, 5% and 100% of the duration", () => {
    expect(viewTask(task(), t0).status).toBe("init");
    expect(viewTask(task(), t0 + 0.02 * D).status).toBe("todo");
    expect(viewTask(task(), doingAt - 1).status).toBe("todo");
    expect(viewTask(task(), doingAt).status).toBe("doing");
    expect(viewTask(task(), t0 + D - 1).status).toBe("doing");
    expect(viewTask(task(), t0 + D)).toMatchObject({ status: "done", doneAt: t0 + D, lastUpdateAt: t0 + D });
  });

  it("gives each step its typical share, varied per task id and the same on every read, filling the doing phase", () => {
    const starts = (r: TaskRecord) => INSTALL_STEPS.map((_, i) => timeline(r).stepStart(i + 1) - timeline(r).stepStart(i));
    const one = starts(task());
    expect(one.reduce((a, b) => a + b, 0)).toBeCloseTo(0.95 * D, 2);
    expect(starts(task())).toEqual(one);
    expect(starts(task({ taskId: 2 }))).not.toEqual(one);
    // The reboots and boot waits take most of an install; steps 5 to 19 pass within about a fifth of it.
    expect(one[18] + one[2]).toBeGreaterThan(0.5 * D);
    expect(timeline(task()).stepStart(18) - timeline(task()).stepStart(4)).toBeLessThan(0.25 * D);
    const at = timeline(task()).stepStart(3) + one[3] / 2;
    expect(statuses(task(), at)).toEqual([...Array(3).fill("done"), "doing", ...Array(17).fill("todo")]);
    expect(viewTask(task(), at).lastUpdateAt).toBe(timeline(task()).stepStart(3));
    expect(statuses(task(), t0 + D)).toEqual(Array(21).fill("done"));
  });

  it("fails at the armed step: error shown while still doing, then the failure status with its comment", () => {
    const failing = task({
      failure: { status: "customerError", atStep: 5, comment: "partitioning scheme incompatible with this hardware", error: "Not enough space" },
    });
    const t = timeline(failing);
    const errorAt = t.stepStart(5);
    expect(viewTask(failing, errorAt - 1).steps[4].status).toBe("doing");
    const during = viewTask(failing, errorAt);
    expect(during.status).toBe("doing");
    expect(during.steps[4]).toEqual({ comment: INSTALL_STEPS[4], error: "Not enough space", status: "error" });
    expect(statuses(failing, errorAt).slice(5)).toEqual(Array(16).fill("todo"));
    expect(viewTask(failing, t.endAt - 1).status).toBe("doing");
    expect(t.endAt - errorAt).toBeGreaterThan(0.1 * D);
    expect(viewTask(failing, t.endAt)).toMatchObject({
      status: "customerError",
      comment: "partitioning scheme incompatible with this hardware",
      doneAt: t.endAt,
      lastUpdateAt: t.endAt,
    });
  });

  it("reports cancellation from the moment it happened", () => {
    const cancelled = task({ cancelledAt: t0 + 1000 });
    expect(viewTask(cancelled, t0 + 999).status).toBe("init");
    expect(viewTask(cancelled, t0 + D * 2)).toMatchObject({ status: "cancelled", doneAt: t0 + 1000 });
  });
});
