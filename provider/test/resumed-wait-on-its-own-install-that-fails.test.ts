import { SERIALIZED } from "./support/host";
import { failureOf } from "./support/failure-of";
import { ovhFixture, SCALE7, type OvhFixture, type Props } from "./support/ovh";
import { throwawaySshKey } from "../../harness/ssh-key";

const SSH_KEY = throwawaySshKey();
const program: Props = { serviceName: SCALE7, templateName: "debian12_64", userMetadata: { sshKey: SSH_KEY } };

/**
 * A create that posted its install and timed out leaves the task in state; the next up waits on it again. When that
 * task fails, it is still this resource's install (no `adopt`): its failure goes to state like a create's, so the up
 * after it installs again. The adopting create's way out (remove `adopt`, nothing recorded) is not this one's.
 */
describe("DedicatedServerInstall: a resumed wait on the install this resource posted, that fails", () => {
  let f: OvhFixture;
  afterEach(() => f.close());

  it("records the failed task in state with the usual advice, and the next up installs again exactly once", async () => {
    f = await ovhFixture();
    f.sim.failNextInstall(SCALE7, { status: "ovhError", atStep: 4, comment: "disk check failed" });
    const timedOut = await failureOf(f.up({ ...program, timeoutMinutes: 1 }));
    expect(timedOut).toMatchObject({ code: "WAIT_TIMEOUT" });
    const olds = timedOut.properties!;
    expect(olds).toMatchObject({ taskStatus: "doing" });
    expect(f.installPosts()).toBe(1);
    f.clock.advance(3600_000);

    const news = (await f.provider.check(olds, { ...program, __provider: SERIALIZED })).inputs;
    const failed = await failureOf(f.provider.update(SCALE7, olds, news));

    expect(failed).toMatchObject({ code: "TASK_FAILED", message: expect.stringContaining("disk check failed") });
    expect(failed).toMatchObject({
      next: "OVH reports a failure on its side: run `pulumi up` to install again, or open a ticket with OVHcloud quoting the task id",
    });
    expect(failed.properties).toMatchObject({ taskId: olds.taskId, taskStatus: "ovhError", taskComment: "disk check failed", templateName: "debian12_64" });
    expect(f.installPosts()).toBe(1);

    const state = failed.properties!;
    const retried = (await f.provider.check(state, { ...program, __provider: SERIALIZED })).inputs;
    const { outs } = await f.provider.update(SCALE7, state, retried);
    expect(outs).toMatchObject({ taskStatus: "done", installedOs: "debian12_64" });
    expect(outs?.taskId).toBeGreaterThan(olds.taskId as number);
    expect(f.installPosts()).toBe(2);
    expect(f.sim.server(SCALE7).os).toBe("debian12_64");
  });
});
