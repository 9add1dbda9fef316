import { failureText, progressForms } from "./support/normalised";
import { failureOf } from "./support/failure-of";
import { ovhFixture, SCALE7, type OvhFixture, type Props } from "./support/ovh";
import { stoppableProvider } from "./support/stoppable";
import { OVH_ROUTES } from "pulumi-reinstall-simulator";

/**
 * The full text of what DedicatedServerInstall's delete with onDelete tells the user, each distinct message pinned
 * once (issue 11), from the real provider against the simulator in virtual time.
 */
const declared = (extra: Props = {}) => ({ serviceName: SCALE7, templateName: "debian12_64", ...extra });

describe("DedicatedServerInstall delete message texts", () => {
  let f: OvhFixture;
  afterEach(() => f.close());

  const withRescue = (more: Props = {}) => declared({ onDelete: { rescue: "rescue12-customer" }, ...more });

  it("a reboot seen through: its progress", async () => {
    f = await ovhFixture({ rebootSeconds: 150 });
    const { id, outs } = await f.up(withRescue());
    f.events.length = 0;
    await f.provider.delete(id, outs);
    expect(progressForms(f.events)).toMatchInlineSnapshot(`
[
  "ns3001234.ip-51-68-1.eu: rebooting on rescue12-customer, task 156839473 todo, 1s",
  "ns3001234.ip-51-68-1.eu: rebooting on rescue12-customer, task 156839473 doing, 16s",
  "ns3001234.ip-51-68-1.eu: rebooted on rescue12-customer (boot 230242) by task 156839473; forgotten",
]
`);
  });

  it("a reboot past timeoutMinutes; the next delete waits on it, or refuses when another boot is declared", async () => {
    f = await ovhFixture({ rebootSeconds: 100 });
    const { id, outs } = await f.up(withRescue());
    const state = { ...outs, timeoutMinutes: 1 };
    const timedOut = await failureOf(f.provider.delete(id, state));
    const otherBoot = await failureOf(f.provider.delete(id, { ...state, onDelete: { rescue: "rescue64-pro" } }));
    f.events.length = 0;
    await f.provider.delete(id, state);
    expect([failureText(timedOut), failureText(otherBoot), f.events[0].message]).toMatchInlineSnapshot(`
[
  "WAIT_TIMEOUT: DedicatedServerInstall ns3001234.ip-51-68-1.eu: reboot task 156839473 on ns3001234.ip-51-68-1.eu is still doing after 1m01s; the reboot goes on at OVH
  call: GET /dedicated/server/ns3001234.ip-51-68-1.eu/task/156839473
  next: delete again: it waits on the same reboot task (no second reboot); or raise timeoutMinutes with \`pulumi up\` first",
  "TASK_ALREADY_RUNNING: DedicatedServerInstall ns3001234.ip-51-68-1.eu: reboot task 156839473 is doing on ns3001234.ip-51-68-1.eu, whose boot is 230242, not 1122 (rescue64-pro); nothing was sent
  call: GET /dedicated/server/ns3001234.ip-51-68-1.eu/task/156839473
  next: a reboot started elsewhere is under way: let it end, then delete again",
  "ns3001234.ip-51-68-1.eu: reboot task 156839473 on rescue12-customer already under way; waiting on it",
]
`);
  });

  it("a reboot task that fails, and one whose POST got no clear answer", async () => {
    f = await ovhFixture({ rebootSeconds: 150 });
    const { id, outs } = await f.up(withRescue());
    f.sim.failNextReboot(SCALE7, "Server did not answer to the reboot request");
    const failed = await failureOf(f.provider.delete(id, outs));
    f.clock.advance(10 * 60_000);
    f.sim.inject({ route: OVH_ROUTES.reboot, kind: "reset" });
    const lost = await failureOf(f.provider.delete(id, outs));
    expect([failureText(failed), failureText(lost)]).toMatchInlineSnapshot(`
[
  "TASK_FAILED: DedicatedServerInstall ns3001234.ip-51-68-1.eu: reboot task 156839473 on ns3001234.ip-51-68-1.eu ended with ovhError: Server did not answer to the reboot request
  call: GET /dedicated/server/ns3001234.ip-51-68-1.eu/task/156839473
  next: the server's boot is set to 230242 (rescue12-customer); reboot it from the OVHcloud control panel, or delete again to reboot again",
  "AMBIGUOUS_START: DedicatedServerInstall ns3001234.ip-51-68-1.eu: the reboot request got no clear answer and no reboot task appeared on ns3001234.ip-51-68-1.eu
  call: POST /dedicated/server/ns3001234.ip-51-68-1.eu/reboot
  next: delete again: a reboot task that appears in the meantime is waited on, not repeated",
]
`);
  });

  it("refusals before anything is sent: an install under way, a boot gone, a record that does not parse", async () => {
    f = await ovhFixture();
    const { id, outs } = await f.up(withRescue());
    const gone = await failureOf(f.provider.delete(id, { ...outs, onDelete: { bootId: 4242 } }));
    const unreadable = await failureOf(f.provider.delete(id, { ...outs, onDelete: { bootId: 1, rescue: "rescue12-customer" } }));
    f.sim.startInstall(SCALE7, "alma9_64");
    const installing = await failureOf(f.provider.delete(id, outs));
    expect([failureText(gone), failureText(unreadable), failureText(installing)]).toMatchInlineSnapshot(`
[
  "INVALID_INPUT: DedicatedServerInstall ns3001234.ip-51-68-1.eu: onDelete.bootId: server ns3001234.ip-51-68-1.eu has no boot 4242; boots: hd (1: harddisk, Boot to disk); rescue64-pro (1122: rescue, Rescue 64 bits); rescue12-customer (230242: rescue, Customer rescue system (Debian-12-based)); nothing was sent
  call: GET /dedicated/server/ns3001234.ip-51-68-1.eu/boot
  next: declare one of the boots listed in onDelete and run \`pulumi up\`, then delete again; or remove onDelete to only forget the server",
  "INVALID_INPUT: DedicatedServerInstall ns3001234.ip-51-68-1.eu: the recorded onDelete cannot be read (give exactly one of bootId (one of the server's boot ids) or rescue (the kernel name of one of its rescue boots, e.g. rescue12-customer)); nothing was sent
  next: declare onDelete again and run \`pulumi up\`, then delete, or remove onDelete to only forget the server",
  "TASK_ALREADY_RUNNING: DedicatedServerInstall ns3001234.ip-51-68-1.eu: install task 156839473 is init on ns3001234.ip-51-68-1.eu: rebooting it now would break the install, so delete sent nothing
  call: GET /dedicated/server/ns3001234.ip-51-68-1.eu/task/156839473
  next: let the install end (\`pulumi up\` waits on it), then delete again; or remove onDelete to only forget the server",
]
`);
  });

  it("a stop signal while the reboot is waited on", async () => {
    f = await ovhFixture({ rebootSeconds: 150 });
    const { id, outs } = await f.up(withRescue());
    const controller = new AbortController();
    const provider = await stoppableProvider(f, controller, { onProgress: (message) => /rebooting on/.test(message) && controller.abort("SIGINT") });
    expect(failureText(await failureOf(provider.delete(id, outs)))).toMatchInlineSnapshot(`
"INTERRUPTED: DedicatedServerInstall ns3001234.ip-51-68-1.eu: the provider was told to stop (SIGINT) while waiting on reboot task 156839473 on ns3001234.ip-51-68-1.eu
  next: delete again (\`pulumi destroy\` or \`pulumi up\`): the resource is still in state, and a reboot under way is waited on, not repeated"
`);
  });
});
