import { OVH_ROUTES } from "pulumi-reinstall-simulator";
import { progressForms } from "./support/normalised";
import { failureOf } from "./support/failure-of";
import { ovhFixture, SCALE7, type OvhFixture } from "./support/ovh";

/**
 * The full text of what the up after an install request whose answer was lost tells the user, pinned once
 * (issue 11): the notice of the task it finds, and the progress line a wait shows while install/status says
 * nothing (only the task's status is known). From the real provider against the simulator, in virtual time.
 */
const declared = { serviceName: SCALE7, templateName: "debian12_64" };

describe("DedicatedServerInstall texts after a lost answer", () => {
  let f: OvhFixture;
  afterEach(() => f.close());

  it("the task the lost request started, found and waited on while install/status fails", async () => {
    f = await ovhFixture();
    f.sim.inject({ route: OVH_ROUTES.reinstall, kind: "status", status: 504, body: { message: "Gateway Timeout" } });
    const state = (await failureOf(f.up(declared))).properties!;
    f.sim.startInstall(SCALE7, "debian12_64");
    f.sim.inject({ route: OVH_ROUTES.installStatus, kind: "status", status: 500, times: 1000 });
    f.events.length = 0;
    await f.provider.update(SCALE7, state, (await f.provider.check(state, declared)).inputs);
    expect([...f.warnings, ...progressForms(f.events)]).toMatchInlineSnapshot(`
[
  "DedicatedServerInstall ns3001234.ip-51-68-1.eu: a reinstall was already under way (task 156839472, doing, started 2026-11-22T07:00:20+01:00, most likely by the install request whose answer was lost); waiting for it instead of starting a second one",
  "ns3001234.ip-51-68-1.eu: task 156839472 doing, 2m45s",
  "ns3001234.ip-51-68-1.eu: installation done, 11m05s",
  "ns3001234.ip-51-68-1.eu: debian12_64 installed by task 156839472 (55 API calls)",
]
`);
  });
});
