import { OVH_ROUTES } from "pulumi-reinstall-simulator";
import { failureOf } from "./support/failure-of";
import { ovhFixture, SCALE7, type OvhFixture } from "./support/ovh";

const program = { serviceName: SCALE7, templateName: "debian12_64" };

/** The routes read after the task read that showed the task's end. */
function readsAfterTheEnd(f: OvhFixture): string[] {
  const journal = f.sim.journal;
  const end = journal.findLastIndex((e) => e.route === OVH_ROUTES.task);
  return journal.slice(end + 1).map((e) => e.route);
}

describe("DedicatedServerInstall: a failed install quotes the failed step's error", () => {
  let f: OvhFixture;
  afterEach(() => f.close());

  it("when no read during the wait showed the error, install/status is read once more for it after the task's end", async () => {
    // A 20-s install has failed before the first read (45 s in), and that first install/status read is refused.
    f = await ovhFixture({ installSeconds: 20 });
    f.sim.inject({ route: OVH_ROUTES.installStatus, kind: "status", status: 400 });
    f.sim.failNextInstall(SCALE7, { status: "ovhError", atStep: 21, comment: "installation failed", error: "mail relay refused the message" });
    const error = await failureOf(f.up(program));
    expect(error.message).toContain(
      'ended with ovhError: installation failed; step 21/21 "Sending end of installation mail" failed: mail relay refused the message',
    );
    expect(readsAfterTheEnd(f)).toEqual([OVH_ROUTES.installStatus]);
  });

  it("when a progress read already showed the error, the task's end costs no further install/status read", async () => {
    f = await ovhFixture({ installSeconds: 30 * 60 });
    f.sim.failNextInstall(SCALE7, { status: "customerError", atStep: 3, comment: "installation failed", error: "disk not responding" });
    const error = await failureOf(f.up(program));
    expect(error.message).toContain('ended with customerError: installation failed; step 3/21 "Waiting for server to boot" failed: disk not responding');
    expect(readsAfterTheEnd(f)).toEqual([]);
  });

  it("a failed first step is quoted like any other", async () => {
    f = await ovhFixture({ installSeconds: 30 * 60 });
    f.sim.failNextInstall(SCALE7, { status: "ovhError", atStep: 1, comment: "installation failed", error: "BIOS update refused" });
    const error = await failureOf(f.up(program));
    expect(error.message).toContain('ended with ovhError: installation failed; step 1/21 "Checking BIOS version" failed: BIOS update refused');
  });
});
