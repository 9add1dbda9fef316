import { SERIALIZED } from "./support/host";
import { failureOf } from "./support/failure-of";
import { ovhFixture, SCALE7, type OvhFixture, type Props } from "./support/ovh";
import { throwawaySshKey } from "../../harness/ssh-key";

const SSH_KEY = throwawaySshKey();
const program = (extra: Props = {}): Props => ({ serviceName: SCALE7, templateName: "debian12_64", userMetadata: { sshKey: SSH_KEY }, ...extra });

describe("DedicatedServerInstall: a change while the install recorded in state still runs, and runs past the update's timeoutMinutes too", () => {
  let f: OvhFixture;
  afterEach(() => f.close());

  it("the update times out on it, posts nothing beside it, and keeps it in state as asked; the next up waits for it, then installs the change", async () => {
    f = await ovhFixture();
    // The install takes 11 minutes: the create and the update each give up on it after one.
    const timedOut = await failureOf(f.up(program({ timeoutMinutes: 1 })));
    const olds = timedOut.properties!;
    const recorded = olds.taskId as number;
    expect(olds).toMatchObject({ taskStatus: "doing" });
    expect(f.installPosts()).toBe(1);

    const changed = program({ customHostname: "web-1.example.com", timeoutMinutes: 1 });
    const news = (await f.provider.check(olds, { ...changed, __provider: SERIALIZED })).inputs;
    const error = await failureOf(f.provider.update(SCALE7, olds, news));

    expect(error).toMatchObject({ code: "WAIT_TIMEOUT", id: SCALE7, message: expect.stringContaining(`task ${recorded}`) });
    // What state keeps is the install as it was asked for, so the next preview shows the change again.
    expect(error.properties).toMatchObject({ taskId: recorded, taskStatus: "doing" });
    expect(error.properties).not.toHaveProperty("customHostname");
    expect(f.installPosts()).toBe(1);

    const again = (await f.provider.check(error.properties!, { ...program({ customHostname: "web-1.example.com" }), __provider: SERIALIZED })).inputs;
    expect(await f.provider.diff(SCALE7, error.properties!, again)).toMatchObject({ changes: true });
    const { outs } = await f.provider.update(SCALE7, error.properties!, again);
    expect(outs).toMatchObject({ taskStatus: "done", customHostname: "web-1.example.com" });
    expect(outs?.taskId).toBeGreaterThan(recorded);
    expect(f.installPosts()).toBe(2);
    expect(f.sim.server(SCALE7).hostname).toBe("web-1.example.com");
  });
});
