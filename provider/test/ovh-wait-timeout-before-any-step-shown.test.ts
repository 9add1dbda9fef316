import { OVH_ROUTES } from "pulumi-reinstall-simulator";
import { failureOf } from "./support/failure-of";
import { ovhFixture, SCALE7, type OvhFixture } from "./support/ovh";

const program = { serviceName: SCALE7, templateName: "debian12_64" };

describe("DedicatedServerInstall: a wait that outlives timeoutMinutes before install/status showed a step", () => {
  let f: OvhFixture;
  afterEach(() => f.close());

  it("a timeout before the first progress read (45 s in) says the task's status and the time waited, and names no step", async () => {
    f = await ovhFixture();
    const error = await failureOf(f.up({ ...program, timeoutMinutes: 0.5 }));
    expect(error).toMatchObject({ code: "WAIT_TIMEOUT", properties: { taskStatus: "todo" } });
    expect(f.sim.count({ route: OVH_ROUTES.installStatus })).toBe(0);
    expect(error.message).toContain(`on ${SCALE7} is still todo after 30s; the install goes on at OVH`);
  });

  it("an install/status that never brought a step list leaves the timeout message without a step", async () => {
    f = await ovhFixture();
    // docs/api/ovh.md#install-progress: progress is nullable.
    f.sim.inject({ route: OVH_ROUTES.installStatus, kind: "status", status: 200, times: 1_000, body: { elapsedTime: 30, progress: null } });
    const error = await failureOf(f.up({ ...program, timeoutMinutes: 2.5 }));
    expect(error).toMatchObject({ code: "WAIT_TIMEOUT", properties: { taskStatus: "doing" } });
    expect(f.sim.count({ route: OVH_ROUTES.installStatus })).toBeGreaterThan(0);
    expect(error.message).toContain(`on ${SCALE7} is still doing after 2m30s; the install goes on at OVH`);
  });
});
