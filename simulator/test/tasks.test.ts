import { INSTALL_STEPS, viewTask, type TaskRecord } from "../src/ovh/tasks";

const t0 = Date.UTC(2026, 10, 22);
const D = 100_000;
const doingAt = t0 + 0.05 * D;
const slice = (0.95 * D) / INSTALL_STEPS.length;
const task = (extra: Partial<TaskRecord> = {}): TaskRecord => ({
  taskId: 1,
  serviceName: "ns1",
  function: "reinstallServer",
  comment: "Start bare metal OS installation",
  startedAt: t0,
  durationMs: D,
  operatingSystem: "debian12_64",
  hostname: null,
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

  it("spreads the steps evenly over the doing phase", () => {
    const at = doingAt + 3.5 * slice;
    expect(statuses(task(), at)).toEqual([...Array(3).fill("done"), "doing", ...Array(17).fill("todo")]);
    expect(viewTask(task(), at).lastUpdateAt).toBe(doingAt + 3 * slice);
    expect(statuses(task(), t0 + D)).toEqual(Array(21).fill("done"));
  });

  it("fails at the armed step: error shown while still doing, then the failure status with its comment", () => {
    const failing = task({ failure: { status: "customerError", atStep: 5, comment: "partitioning scheme incompatible with this hardware", error: "Not enough space" } });
    const errorAt = doingAt + 5 * slice;
    expect(viewTask(failing, errorAt - 1).steps[4].status).toBe("doing");
    const during = viewTask(failing, errorAt);
    expect(during.status).toBe("doing");
    expect(during.steps[4]).toEqual({ comment: INSTALL_STEPS[4], error: "Not enough space", status: "error" });
    expect(statuses(failing, errorAt).slice(5)).toEqual(Array(16).fill("todo"));
    expect(viewTask(failing, errorAt + slice)).toMatchObject({
      status: "customerError",
      comment: "partitioning scheme incompatible with this hardware",
      doneAt: errorAt + slice,
    });
  });

  it("reports cancellation from the moment it happened", () => {
    const cancelled = task({ cancelledAt: t0 + 1000 });
    expect(viewTask(cancelled, t0 + 999).status).toBe("init");
    expect(viewTask(cancelled, t0 + D * 2)).toMatchObject({ status: "cancelled", doneAt: t0 + 1000 });
  });
});
