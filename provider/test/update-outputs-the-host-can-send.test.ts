import { failureOf } from "./support/failure-of";
import { ovhFixture, SCALE7, type OvhFixture, type Props } from "./support/ovh";
import { sentByHost } from "./support/sent-by-host";

/**
 * An update's outputs go to the engine through the dynamic provider host, which cannot send a property whose value is
 * undefined (support/sent-by-host.ts): such an update would fail after its work was done, and again at every `up`.
 * An update that carries over what state recorded of the install carries over only what state holds.
 */
const inputs = (extra: Props = {}): Props => ({ serviceName: SCALE7, templateName: "debian12_64", ...extra });

describe("DedicatedServerInstall: an update that installs nothing returns outputs the dynamic provider host can send", () => {
  let f: OvhFixture;
  afterEach(() => f.close());

  it("adopted with no reinstall task (state has no task id, dates or comment), then adopt dropped", async () => {
    f = await ovhFixture();
    const program = inputs({ templateName: "debian11_64", adopt: true });
    const { outs: adopted } = await f.up(program);
    const state = sentByHost(adopted);
    expect(state).not.toHaveProperty("taskId");
    const { adopt: _dropped, ...withoutAdopt } = program;
    const news = (await f.provider.check(state, withoutAdopt)).inputs;

    const { outs } = await f.provider.update(SCALE7, state, news);

    expect(sentByHost(outs!)).toStrictEqual(outs);
    expect(outs).toMatchObject({ taskStatus: "done", installedOs: "debian11_64" });
    expect(f.installPosts()).toBe(0);
  });

  it("a timed-out wait's task that OVH purged since (state has no done date nor elapsed time), inputs unchanged", async () => {
    f = await ovhFixture();
    const cut = await failureOf(f.up(inputs({ timeoutMinutes: 1 })));
    expect(cut).toMatchObject({ code: "WAIT_TIMEOUT" });
    f.clock.advance(90 * 24 * 3600_000);
    f.sim.purgeTasks(SCALE7);
    const state = sentByHost(cut.properties!);
    expect(state).not.toHaveProperty("doneDate");
    const news = (await f.provider.check(state, inputs())).inputs;

    const { outs } = await f.provider.update(SCALE7, state, news);

    expect(sentByHost(outs!)).toStrictEqual(outs);
    expect(outs).toMatchObject({ taskId: state.taskId, taskStatus: "done", installedOs: "debian12_64" });
    expect(f.installPosts()).toBe(1);
  });
});
