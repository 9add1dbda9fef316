import { failureText } from "./support/normalised";
import { failureOf } from "./support/failure-of";
import { ovhFixture, SCALE7, type OvhFixture, type Props } from "./support/ovh";

/**
 * The full text of what DedicatedServerInstall tells the user when it finds an install it did not just post: one
 * under way or just finished on the server, an update killed after its POST, a task OVH purged, and `adopt`
 * (issue 11: each distinct message pinned once, from the real provider against the simulator, in virtual time).
 */
const declared = (extra: Props = {}) => ({ serviceName: SCALE7, templateName: "debian12_64", ...extra });

describe("DedicatedServerInstall message texts: installs found rather than posted", () => {
  let f: OvhFixture;
  afterEach(() => f.close());

  it("installs found on the server: one under way, one just finished", async () => {
    f = await ovhFixture();
    f.sim.startInstall(SCALE7, "debian12_64");
    await f.up(declared());
    await f.up(declared());
    expect(f.warnings).toMatchInlineSnapshot(`
[
  "DedicatedServerInstall ns3001234.ip-51-68-1.eu: a reinstall was already under way (task 156839472, init, started 2026-11-22T07:00:00+01:00, by an interrupted run or by someone else); waiting for it instead of starting a second one",
  "DedicatedServerInstall ns3001234.ip-51-68-1.eu: task 156839472 installed debian12_64 2s ago (started 2026-11-22T07:00:00+01:00), most likely for an interrupted run; recorded it instead of installing again. To reinstall anyway, change \`triggers\` and run \`pulumi up\`",
]
`);
  });

  it("an update killed after its POST, then declared otherwise: the warning at preview, and the notice of the up", async () => {
    f = await ovhFixture();
    const { outs } = await f.up(declared());
    const changed = (await f.provider.check(outs, declared({ templateName: "ubuntu2404-server_64", timeoutMinutes: 1 }))).inputs;
    await failureOf(f.provider.update(SCALE7, outs, changed));
    const reverted = (await f.provider.check(outs, declared())).inputs;
    await f.provider.diff(SCALE7, outs, reverted);
    await f.provider.update(SCALE7, outs, reverted);
    expect(f.warnings).toMatchInlineSnapshot(`
[
  "DedicatedServerInstall ns3001234.ip-51-68-1.eu: an interrupted run on this machine posted an install with other inputs than these at 2026-11-22T06:11:01.812Z; this update waits for it, then INSTALLS as declared and erases the disks of ns3001234.ip-51-68-1.eu",
  "DedicatedServerInstall ns3001234.ip-51-68-1.eu: task 156839473 (doing) was posted from this machine by an interrupted run with other inputs than these; waiting for it to end, then installing as declared",
]
`);
  });

  it("a task purged by OVH before its end was seen, leaving another OS", async () => {
    f = await ovhFixture();
    const cut = await failureOf(f.up(declared({ timeoutMinutes: 1 })));
    f.clock.advance(30 * 60_000);
    f.sim.startInstall(SCALE7, "alma9_64");
    f.clock.advance(60 * 60_000);
    f.sim.purgeTasks(SCALE7);
    const news = (await f.provider.check(cut.properties!, declared({ timeoutMinutes: 1 }))).inputs;
    const error = await failureOf(f.provider.update(SCALE7, cut.properties!, news));
    expect(failureText(error)).toMatchInlineSnapshot(`
"TASK_FAILED: DedicatedServerInstall ns3001234.ip-51-68-1.eu: install task 156839472 on ns3001234.ip-51-68-1.eu was purged by OVH before its end was seen, and the server runs alma9_64, not debian12_64
  call: GET /dedicated/server/ns3001234.ip-51-68-1.eu
  next: change \`triggers\` to install again (that erases the server), or declare the template it runs"
`);
  });

  it("adopt: what runs is recorded; a task found under way that fails, or leaves another OS", async () => {
    f = await ovhFixture();
    const { outs } = await f.up(declared({ templateName: "debian11_64", adopt: true }));
    expect({ progress: f.events.at(-1)!.message, warnings: f.warnings, taskStatus: outs.taskStatus }).toMatchInlineSnapshot(`
{
  "progress": "ns3001234.ip-51-68-1.eu: adopted the running install of debian11_64, with no reinstall task in OVH's history; nothing was sent",
  "taskStatus": "done",
  "warnings": [
    "DedicatedServerInstall ns3001234.ip-51-68-1.eu: this create adopts the running install; nothing is erased",
  ],
}
`);
    await f.close();

    f = await ovhFixture();
    f.sim.failNextInstall(SCALE7, { status: "ovhError", atStep: 2, comment: "hardware reboot failed" });
    f.sim.startInstall(SCALE7, "debian12_64");
    const failed = await failureOf(f.up(declared({ adopt: true })));
    expect(failureText(failed)).toMatchInlineSnapshot(`
"TASK_FAILED: DedicatedServerInstall ns3001234.ip-51-68-1.eu: install task 156839472 on ns3001234.ip-51-68-1.eu ended with ovhError: hardware reboot failed; step 2/21 "Running Hardware Reboot" failed: hardware reboot failed
  call: GET /dedicated/server/ns3001234.ip-51-68-1.eu/task/156839472
  next: the install found under way failed, and adopting never installs: remove \`adopt\` to install templateName (that erases the server), or adopt once a working install runs"
`);
    await f.close();

    f = await ovhFixture();
    f.sim.startInstall(SCALE7, "ubuntu2404-server_64");
    const other = await failureOf(f.up(declared({ adopt: true, timeoutMinutes: 1 })));
    const news = (await f.provider.check(other.properties!, declared({ adopt: true }))).inputs;
    const mismatch = await failureOf(f.provider.update(SCALE7, other.properties!, news));
    expect(failureText(mismatch)).toMatchInlineSnapshot(`
"OS_MISMATCH: DedicatedServerInstall ns3001234.ip-51-68-1.eu: task 156839472, which was already under way on ns3001234.ip-51-68-1.eu and was waited on instead of installing again, left ubuntu2404-server_64 on it, not debian12_64
  call: GET /dedicated/server/ns3001234.ip-51-68-1.eu
  next: change \`triggers\` and run \`pulumi up\` to install debian12_64 over it (that erases the server); to keep ubuntu2404-server_64, remove the resource from state (\`pulumi state delete\`) and declare it again with templateName: "ubuntu2404-server_64" and adopt: true"
`);
  });
});
