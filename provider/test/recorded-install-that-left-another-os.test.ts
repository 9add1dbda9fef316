import { SERIALIZED } from "./support/host";
import { failureOf } from "./support/failure-of";
import { ovhFixture, SCALE7, type OvhFixture, type Props } from "./support/ovh";
import { throwawaySshKey } from "../../harness/ssh-key";

const SSH_KEY = throwawaySshKey();
const program = (extra: Props = {}): Props => ({ serviceName: SCALE7, templateName: "debian12_64", userMetadata: { sshKey: SSH_KEY }, ...extra });
const UBUNTU = "ubuntu2404-server_64";

describe("DedicatedServerInstall: an install found under way, recorded in state when the create timed out, that leaves another OS", () => {
  let f: OvhFixture;
  afterEach(() => f.close());

  /** Someone else's ubuntu install, found by the create, which timed out waiting for it: state records it. */
  const timedOutOnAFoundInstall = async () => {
    const found = f.sim.startInstall(SCALE7, UBUNTU);
    const timedOut = await failureOf(f.up(program({ timeoutMinutes: 1 })));
    expect(timedOut.properties).toMatchObject({ taskId: found, taskStatus: "doing" });
    return { found, olds: timedOut.properties! };
  };

  it("every up that waits on it fails with OS_MISMATCH, never recording it as the declared install; changing triggers installs over it", async () => {
    f = await ovhFixture();
    const { found, olds } = await timedOutOnAFoundInstall();
    const news = (await f.provider.check(olds, { ...program(), __provider: SERIALIZED })).inputs;

    for (let up = 0; up < 2; up++) {
      const error = await failureOf(f.provider.update(SCALE7, olds, news));
      expect(error).toMatchObject({ code: "OS_MISMATCH" });
      expect(error.message).toContain(
        `task ${found}, which was already under way on ${SCALE7} and was waited on instead of installing again, left ${UBUNTU} on it, not debian12_64`,
      );
      expect(error.message).toContain(
        `next: change \`triggers\` and run \`pulumi up\` to install debian12_64 over it (that erases the server); to keep ${UBUNTU}, remove the resource from state (\`pulumi state delete\`) and declare it again with templateName: "${UBUNTU}" and adopt: true`,
      );
      expect(error.properties).toBeUndefined();
    }
    expect(f.installPosts()).toBe(0);

    const retrigger = (await f.provider.check(olds, { ...program({ triggers: ["install debian"] }), __provider: SERIALIZED })).inputs;
    expect(await f.provider.diff(SCALE7, olds, retrigger)).toMatchObject({ changes: true, replaces: [] });
    const { outs } = await f.provider.update(SCALE7, olds, retrigger);
    expect(outs).toMatchObject({ taskStatus: "done", installedOs: "debian12_64" });
    expect(outs?.taskId).toBeGreaterThan(found);
    expect(f.installPosts()).toBe(1);
    expect(f.sim.server(SCALE7).os).toBe("debian12_64");
  });

  it("to keep what it left: the resource, out of state, declared again with that template and adopt, records it and posts nothing", async () => {
    f = await ovhFixture();
    const { found, olds } = await timedOutOnAFoundInstall();
    const news = (await f.provider.check(olds, { ...program(), __provider: SERIALIZED })).inputs;
    expect(await failureOf(f.provider.update(SCALE7, olds, news))).toMatchObject({ code: "OS_MISMATCH" });

    const { outs } = await f.up(program({ templateName: UBUNTU, adopt: true }));
    expect(outs).toMatchObject({ taskId: found, taskStatus: "done", installedOs: UBUNTU });
    expect(f.installPosts()).toBe(0);
  });
});
