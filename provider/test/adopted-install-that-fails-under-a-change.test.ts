import { failureOf } from "./support/failure-of";
import { ovhFixture, SCALE7, SERIALIZED, type OvhFixture, type Props } from "./support/ovh";
import { throwawaySshKey } from "../../harness/ssh-key";

const SSH_KEY = throwawaySshKey("adopt-change@example");
const declared = (extra: Props = {}): Props => ({ serviceName: SCALE7, templateName: "debian12_64", userMetadata: { sshKey: SSH_KEY }, adopt: true, ...extra });

/**
 * An adopting create that timed out leaves the found task in state. A change that reinstalls, made while that task
 * still runs, waits for it first; when it fails, the failure goes to state, so the next up installs as declared.
 * Left out of state, every later up would wait on the failed task again and stop there, with no way out but
 * `pulumi state delete`.
 */
describe("DedicatedServerInstall: an adopted install that fails under a change that reinstalls", () => {
  let f: OvhFixture;
  afterEach(() => f.close());

  it("records the failure, then the next up installs the changed inputs exactly once", async () => {
    f = await ovhFixture();
    f.sim.failNextInstall(SCALE7, { status: "ovhError", atStep: 4, comment: "disk check failed" });
    f.sim.startInstall(SCALE7, "debian12_64");
    const timedOut = await failureOf(f.up(declared({ timeoutMinutes: 1 })));
    expect(timedOut).toMatchObject({ code: "WAIT_TIMEOUT" });
    const olds = timedOut.properties!;
    expect(olds).toMatchObject({ adopt: true, taskStatus: "doing" });
    f.clock.advance(3600_000);

    const changed = declared({ customHostname: "web-2.example.net" });
    const news = (await f.provider.check(olds, { ...changed, __provider: SERIALIZED })).inputs;
    const failed = await failureOf(f.provider.update(SCALE7, olds, news));
    expect(failed).toMatchObject({
      code: "TASK_FAILED",
      message: expect.stringContaining("disk check failed"),
      next: "OVH reports a failure on its side: run `pulumi up` to install again, or open a ticket with OVHcloud quoting the task id",
    });
    expect(failed.properties).toMatchObject({ taskId: olds.taskId, taskStatus: "ovhError" });
    expect(f.installPosts()).toBe(0);

    const state = failed.properties!;
    const again = (await f.provider.check(state, { ...changed, __provider: SERIALIZED })).inputs;
    const { outs } = await f.provider.update(SCALE7, state, again);
    expect(outs).toMatchObject({ taskStatus: "done", installedOs: "debian12_64", customHostname: "web-2.example.net" });
    expect(f.installPosts()).toBe(1);
  });
});
