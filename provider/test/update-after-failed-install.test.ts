import { OVH_ROUTES } from "pulumi-reinstall-simulator";
import { failureOf } from "./support/failure-of";
import { ovhFixture, SCALE7, type OvhFixture, type Props } from "./support/ovh";

const program = { serviceName: SCALE7, templateName: "debian12_64", customHostname: "web-1" };
const failedStatuses = ["cancelled", "customerError", "ovhError"] as const;

describe("DedicatedServerInstall: the up after a failed install", () => {
  let f: OvhFixture;
  afterEach(() => f.close());

  /** A create whose task ends with `status`: the state the engine keeps from its init failure. */
  async function failedCreate(status: (typeof failedStatuses)[number]): Promise<Props> {
    f.sim.failNextInstall(SCALE7, { status, atStep: 5, comment: "installation failed" });
    const error = await failureOf(f.up(program));
    expect(error).toMatchObject({ code: "TASK_FAILED", properties: { taskStatus: status } });
    return error.properties!;
  }

  /** check, then update, as the engine does for a resource in state. */
  async function update(state: Props, declared: Props) {
    const news = (await f.provider.check(state, declared)).inputs;
    return (await f.provider.update(SCALE7, state, news)).outs!;
  }

  it.each(failedStatuses)("after a task ended %s, an update with the same inputs installs again exactly once and ends installed", async (status) => {
    f = await ovhFixture();
    const state = await failedCreate(status);
    const outs = await update(state, program);
    expect(outs).toMatchObject({ taskStatus: "done", installedOs: "debian12_64", customHostname: "web-1" });
    expect(outs.taskId).not.toBe(state.taskId);
    expect(f.installPosts()).toBe(2);
    expect(f.sim.server(SCALE7)).toMatchObject({ os: "debian12_64", hostname: "web-1" });
  });

  it.each(failedStatuses)(
    "after a task ended %s, an update with a changed input installs the new inputs once, without waiting on the failed task",
    async (status) => {
      f = await ovhFixture();
      const state = await failedCreate(status);
      const outs = await update(state, { ...program, customHostname: "web-2" });
      expect(outs).toMatchObject({ taskStatus: "done", customHostname: "web-2" });
      expect(f.installPosts()).toBe(2);
      expect(f.sim.server(SCALE7)).toMatchObject({ os: "debian12_64", hostname: "web-2" });
    },
  );

  it("after a done install, an update changing only how long to wait sends nothing and keeps the install", async () => {
    f = await ovhFixture();
    const { outs: installed } = await f.up(program);
    const before = f.sim.journal.length;
    const outs = await update(installed, { ...program, timeoutMinutes: 30 });
    expect(outs).toMatchObject({ taskId: installed.taskId, taskStatus: "done", timeoutMinutes: 30 });
    expect(f.sim.journal.slice(before)).toEqual([]);
    expect(f.sim.count({ route: OVH_ROUTES.reinstall })).toBe(1);
  });
});
