import { SERIALIZED } from "./support/host";
import { failureOf } from "./support/failure-of";
import { ovhFixture, SCALE7, type OvhFixture, type Props } from "./support/ovh";
import { throwawaySshKey } from "../../harness/ssh-key";

const SSH_KEY = throwawaySshKey();
const program = (extra: Props = {}): Props => ({ serviceName: SCALE7, templateName: "debian12_64", userMetadata: { sshKey: SSH_KEY }, ...extra });

describe("DedicatedServerInstall: a change while the install recorded in state still runs, that install being one the create found under way", () => {
  let f: OvhFixture;
  afterEach(() => f.close());

  it("waits for it whatever OS it leaves, then installs as declared: the update is about to install over it anyway", async () => {
    f = await ovhFixture();
    // Someone else's install of another OS, found by the create, which timed out waiting for it: state records it.
    const found = f.sim.startInstall(SCALE7, "ubuntu2404-server_64");
    const timedOut = await failureOf(f.up(program({ timeoutMinutes: 1 })));
    const olds = timedOut.properties!;
    expect(olds).toMatchObject({ taskId: found, taskStatus: "doing" });
    expect(f.installPosts()).toBe(0);

    const news = (await f.provider.check(olds, { ...program({ customHostname: "web-1.example.com" }), __provider: SERIALIZED })).inputs;
    expect(await f.provider.diff(SCALE7, olds, news)).toMatchObject({ changes: true, replaces: [] });
    const { outs } = await f.provider.update(SCALE7, olds, news);

    expect(outs).toMatchObject({ taskStatus: "done", installedOs: "debian12_64", customHostname: "web-1.example.com" });
    expect(outs?.taskId).toBeGreaterThan(found);
    expect(f.installPosts()).toBe(1);
    expect(f.sim.server(SCALE7)).toMatchObject({ os: "debian12_64", hostname: "web-1.example.com" });
  });
});
