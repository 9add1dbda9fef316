import { SERIALIZED } from "./support/host";
import { failureOf } from "./support/failure-of";
import { ovhFixture, SCALE7, type OvhFixture } from "./support/ovh";
import { stoppableProvider } from "./support/stoppable";
import { throwawaySshKey } from "../../harness/ssh-key";

const program = { serviceName: SCALE7, templateName: "debian12_64", userMetadata: { sshKey: throwawaySshKey() }, timeoutMinutes: 1 };

describe("DedicatedServerInstall: a stop signal as the next up begins to wait on the install the last one left running", () => {
  let f: OvhFixture;
  afterEach(() => f.close());

  it("fails INTERRUPTED before reading the task, keeping its id in state with a status that is not final, so the up after resumes it", async () => {
    f = await ovhFixture();
    const timedOut = await failureOf(f.up(program));
    const olds = timedOut.properties!;
    expect(olds).toMatchObject({ taskId: expect.any(Number), taskStatus: "doing" });

    const controller = new AbortController();
    controller.abort("SIGINT");
    const provider = await stoppableProvider(f, controller);
    const news = (await provider.check(olds, { ...program, __provider: SERIALIZED })).inputs;
    const reads = f.sim.journal.length;
    const error = await failureOf(provider.update(SCALE7, olds, news));

    expect(error).toMatchObject({ code: "INTERRUPTED", id: SCALE7 });
    expect(error.message).toContain(`while waiting on install task ${String(olds.taskId)} on ${SCALE7}`);
    // Nothing was read: what state keeps is the task id and OVH's first status, which the next up waits on again.
    expect(f.sim.journal.length).toBe(reads);
    expect(error.properties).toMatchObject({ taskId: olds.taskId, taskStatus: "init" });
    expect(f.installPosts()).toBe(1);
  });
});
