import { failureOf } from "./support/failure-of";
import { ovhFixture, SCALE7, type OvhFixture } from "./support/ovh";
import { sentByHost } from "./support/sent-by-host";

/**
 * `pulumi refresh` of a resource whose recorded install still runs (a wait that timed out): the task has no done date
 * yet, and what read returns goes to the engine through the dynamic provider host, which cannot send an undefined
 * property (support/sent-by-host.ts). The refresh reports the task as it is, then as it ends.
 */
describe("DedicatedServerInstall: a refresh while the recorded install still runs", () => {
  let f: OvhFixture;
  afterEach(() => f.close());

  it("reports the task under way with no done date, then done with its done date, in properties the host can send", async () => {
    f = await ovhFixture();
    const cut = await failureOf(f.up({ serviceName: SCALE7, templateName: "debian12_64", timeoutMinutes: 1 }));
    expect(cut).toMatchObject({ code: "WAIT_TIMEOUT" });
    const state = sentByHost(cut.properties!);

    const running = (await f.provider.read(SCALE7, state)).props!;

    expect(sentByHost(running)).toStrictEqual(running);
    expect(running).toMatchObject({ taskId: state.taskId, taskStatus: "doing", installedOs: "debian11_64" });
    expect(running).not.toHaveProperty("doneDate");

    f.clock.advance(15 * 60_000);
    const ended = (await f.provider.read(SCALE7, sentByHost(running))).props!;

    expect(sentByHost(ended)).toStrictEqual(ended);
    expect(ended).toMatchObject({ taskId: state.taskId, taskStatus: "done", doneDate: expect.any(String), installedOs: "debian12_64" });
  });
});
