import { failureOf } from "./support/failure-of";
import { ovhFixture, SCALE7, SERIALIZED, type OvhFixture, type Props } from "./support/ovh";
import { throwawaySshKey } from "../../harness/ssh-key";

const SSH_KEY = throwawaySshKey("adopt-review@example");
const declared = (extra: Props = {}): Props => ({ serviceName: SCALE7, templateName: "debian12_64", userMetadata: { sshKey: SSH_KEY }, adopt: true, ...extra });

/** Hostile cases of adopt: whatever happens to the task an adopting create waits on, nothing is ever posted. */
describe("DedicatedServerInstall with adopt: no path posts an install", () => {
  let f: OvhFixture | undefined;
  afterEach(async () => {
    await f?.close();
    f = undefined;
  });

  it("an adopted task under way that fails: the engine's retry of the failed create (an update) posts no install", async () => {
    f = await ovhFixture();
    f.sim.failNextInstall(SCALE7, { status: "ovhError", atStep: 2, comment: "hardware reboot failed" });
    f.sim.startInstall(SCALE7, "debian12_64");
    const error = await failureOf(f.up(declared()));
    expect(error).toMatchObject({ code: "TASK_FAILED", message: expect.stringContaining("hardware reboot failed") });
    // Running `pulumi up` again would only adopt again: the way out names what does install.
    expect(error).toMatchObject({ next: expect.stringMatching(/^the install found under way failed, and adopting never installs: remove `adopt` to install/) });
    expect(f.installPosts()).toBe(0);
    // Had the failure gone to state (an init failure), the next `pulumi up` would run Update on it, and Update
    // installs over a failed install: the adopted task is not this resource's, so nothing may be recorded.
    expect(error.properties).toBeUndefined();
    // The failed install left the delivered OS: a create again (preview skipped) refuses, and still posts nothing.
    const again = await failureOf(f.provider.create({ ...declared(), __provider: SERIALIZED }));
    expect(again).toMatchObject({ code: "OS_MISMATCH", message: expect.stringContaining("runs debian11_64, not debian12_64") });
    expect(f.installPosts()).toBe(0);
  });

  it("an adopted task under way that outlives timeoutMinutes and then leaves another OS: the resumed wait fails with OS_MISMATCH, never records it", async () => {
    f = await ovhFixture();
    f.sim.startInstall(SCALE7, "ubuntu2404-server_64");
    const error = await failureOf(f.up(declared({ timeoutMinutes: 1 })));
    expect(f.installPosts()).toBe(0);
    const olds = error.properties ?? {};
    expect(olds).toMatchObject({ taskStatus: expect.any(String) });
    f.clock.advance(3600_000);
    const news = (await f.provider.check(olds, { ...declared(), __provider: SERIALIZED })).inputs;
    const resumed = await failureOf(f.provider.update(SCALE7, olds, news));
    expect(resumed).toMatchObject({ code: "OS_MISMATCH" });
    expect(f.installPosts()).toBe(0);
  });

  it("a stale journal entry of this machine (its own failed install) does not make the adopted resource's next up install", async () => {
    f = await ovhFixture();
    // This machine posted ubuntu, the task failed and its state was dropped: the journal still holds the post.
    f.sim.failNextInstall(SCALE7, { status: "ovhError", atStep: 2, comment: "hardware reboot failed" });
    await failureOf(f.up({ serviceName: SCALE7, templateName: "ubuntu2404-server_64", userMetadata: { sshKey: SSH_KEY } }));
    expect(f.installPosts()).toBe(1);
    const program = declared({ templateName: "debian11_64" });
    const { id, outs } = await f.up(program);
    expect(outs).toMatchObject({ taskStatus: "done", installedOs: "debian11_64" });
    const news = (await f.provider.check(outs, { ...program, __provider: SERIALIZED })).inputs;
    expect(await f.provider.diff(id, outs, news)).toMatchObject({ changes: false });
    await f.provider.update(id, outs, news);
    expect(f.installPosts()).toBe(1);
  });

  it("an adopted task under way that outlives timeoutMinutes and then fails: neither the resumed wait nor the up after it posts an install", async () => {
    f = await ovhFixture();
    f.sim.failNextInstall(SCALE7, { status: "ovhError", atStep: 4, comment: "disk check failed" });
    f.sim.startInstall(SCALE7, "debian12_64");
    const timedOut = await failureOf(f.up(declared({ timeoutMinutes: 1 })));
    expect(timedOut.properties).toMatchObject({ adopt: true, taskStatus: expect.any(String) });
    f.clock.advance(3600_000);
    let olds = timedOut.properties ?? {};
    for (let up = 0; up < 2; up++) {
      const news = (await f.provider.check(olds, { ...declared(), __provider: SERIALIZED })).inputs;
      const failed = await failureOf(f.provider.update(SCALE7, olds, news));
      expect(failed.message).toContain("disk check failed");
      olds = failed.properties ?? olds;
    }
    expect(f.installPosts()).toBe(0);
  });
});
