import { EDIS_ROUTES } from "pulumi-reinstall-simulator";
import { EDGE1, edisFixture, type EdisFixture } from "./support/edis";
import { failureText, progressForms } from "./support/normalised";
import { failureOf } from "./support/failure-of";

/**
 * The full text of what KvmReinstall's readiness wait says in the cases messages-edis.test.ts does not reach, each
 * pinned once (issue 11), from the real provider against the EDIS simulator in virtual time.
 */
describe("KvmReinstall wait message texts", () => {
  let f: EdisFixture;
  afterEach(() => f.close());

  const port = () => ({ port: f.sim.vps(EDGE1).port });

  it("a wait that ends while the port answers but not yet steadily, and an update that reinstalls but could not see that reinstall end", async () => {
    f = await edisFixture();
    // 4m: the VPS's first boot (from 3m30s of 5m) answers, and its reboot has not come yet.
    const program = f.inputs(EDGE1, { timeoutMinutes: 4 });
    const error = await failureOf(f.up(program));
    const news = (await f.provider.check(error.properties!, { ...program, waitForReady: false, triggers: ["again"] })).inputs;
    const unseen = await failureOf(f.provider.update(EDGE1, error.properties!, news));
    expect([failureText(error, port()), failureText(unseen, port())]).toMatchInlineSnapshot(`
[
  "WAIT_TIMEOUT: KvmReinstall kvm_123456_789012: kvm_123456_789012 is not ready after 4m00s: port <port> answers but not yet steadily; the reinstall goes on at EDIS
  call: TCP 127.0.0.1:<port>
  next: run \`pulumi up\` again to resume waiting (no second reinstall is started), or raise timeoutMinutes; if a firewall in your cloud-init closes the port, set readinessPort or waitForReady: false",
  "TASK_ALREADY_RUNNING: KvmReinstall kvm_123456_789012: a reinstall was sent to kvm_123456_789012 at 2026-11-22T06:00:00.000Z (state records it as still settling); with waitForReady: false this run cannot see it end, so it sends none over it
  call: POST 127.0.0.1:<port>/kvm/v2/set/reinstall
  next: set waitForReady: true (this run then waits for it and reinstalls as declared), or run \`pulumi up\` again once the VPS console shows it finished",
]
`);
  });

  it("a VPS that EDIS reports powered off while its port still answers", async () => {
    f = await edisFixture();
    f.sim.inject({ route: EDIS_ROUTES.power, kind: "status", status: 200, body: { status: "success", data: "server powered off" } });
    await f.up(f.inputs());
    expect(progressForms(f.events, port()).slice(0, 3)).toMatchInlineSnapshot(`
[
  "kvm_123456_789012: reinstall of cloudinit_debian-bookworm accepted by EDIS",
  "kvm_123456_789012: powered off: reinstalling, 5s",
  "kvm_123456_789012: port <port> answers (first boot), 6s",
]
`);
  });
});
