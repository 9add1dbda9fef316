import { failureOf } from "./support/failure-of";
import { ovhFixture, SCALE7, type OvhFixture, type Props } from "./support/ovh";

/**
 * An adopting create that timed out leaves its found task in state; when that task ends with another OS than
 * declared, the update fails with OS_MISMATCH. Its advice must be safe to follow for a resource in state, where
 * `adopt` no longer applies: a changed `templateName` is an update that installs (erases the server), and dropping
 * `adopt` sends nothing.
 */
const declared = (extra: Props = {}) => ({ serviceName: SCALE7, templateName: "debian12_64", adopt: true, ...extra });

describe("DedicatedServerInstall: a resumed adopting wait that left another OS", () => {
  let f: OvhFixture;
  afterEach(() => f.close());

  const mismatchAfterResume = async () => {
    f = await ovhFixture();
    f.sim.startInstall(SCALE7, "ubuntu2404-server_64");
    const timedOut = await failureOf(f.up(declared({ timeoutMinutes: 1 })));
    const state = timedOut.properties!;
    const mismatch = await failureOf(f.provider.update(SCALE7, state, (await f.provider.check(state, declared())).inputs));
    return { state, mismatch };
  };

  it("advises triggers or adopting afresh, not a templateName change", async () => {
    const { mismatch } = await mismatchAfterResume();
    expect(mismatch).toMatchObject({ code: "OS_MISMATCH" });
    expect(mismatch.message).toContain("change `triggers` and run `pulumi up` to install debian12_64 over it (that erases the server)");
    expect(mismatch.message).toContain(
      'remove the resource from state (`pulumi state delete`) and declare it again with templateName: "ubuntu2404-server_64" and adopt: true',
    );
    expect(mismatch.message).not.toContain("to adopt what runs");
    expect(f.installPosts()).toBe(0);
  });

  it("what the old advice led to: with the resource in state, declaring the OS that runs is an update that installs it", async () => {
    const { state } = await mismatchAfterResume();
    const news = (await f.provider.check(state, declared({ templateName: "ubuntu2404-server_64" }))).inputs;
    expect((await f.provider.diff(SCALE7, state, news)).changes).toBe(true);
    await f.provider.update(SCALE7, state, news);
    expect(f.installPosts()).toBe(1);
  });

  it("following the new advice to keep what runs: a fresh adopting create records it and sends nothing", async () => {
    await mismatchAfterResume();
    const { outs } = await f.up(declared({ templateName: "ubuntu2404-server_64" }));
    expect(outs).toMatchObject({ taskStatus: "done", installedOs: "ubuntu2404-server_64" });
    expect(f.installPosts()).toBe(0);
  });
});
