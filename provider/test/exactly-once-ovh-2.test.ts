import { ovhFixture, failureOf, sshPublicKey, SCALE7, REINSTALL, type OvhFixture } from "./support/ovh";
import { everythingIn, expectNoneOf } from "./support/secrets";

/** Found in a second review: sequences that led to a second install, state that lied, a stuck run, or a leak. */
const inputs = (extra: Record<string, unknown> = {}) => ({ serviceName: SCALE7, templateName: "debian12_64", userMetadata: { sshKey: SSH_KEY }, ...extra });
const SSH_KEY = sshPublicKey("attack2@example");
const accepted = (f: OvhFixture) => f.sim.journal.filter((e) => e.route === REINSTALL && e.status !== undefined && e.status >= 200 && e.status < 300).length;

describe("DedicatedServerInstall, exactly once: the edges found in a second review", () => {
  let f: OvhFixture | undefined;
  afterEach(async () => {
    await f?.close();
    f = undefined;
  });

  it("an update SIGKILLed after its POST, then the change reverted: the next up does not leave the server on the reverted-away template while state claims the declared one", async () => {
    f = await ovhFixture();
    const a = inputs();
    const { outs: stateA } = await f.up(a);
    // Update to another template; the provider host is SIGKILLed while it waits (the engine keeps the OLD state).
    const b = (await f.provider.check(stateA, inputs({ templateName: "ubuntu2404-server_64", timeoutMinutes: 1 }))).inputs;
    await failureOf(f.provider.update(SCALE7, stateA, b));
    // "Oops, wrong template": the user reverts and runs up again.
    const reverted = (await f.provider.check(stateA, a)).inputs;
    const diff = await f.provider.diff(SCALE7, stateA, reverted);
    f.clock.advance(15 * 60_000);
    // Either this up does something about it, or the server runs what state says.
    expect({ changes: diff.changes, os: f.sim.server(SCALE7).os }).not.toEqual({ changes: false, os: "ubuntu2404-server_64" });
  });

  it("two resources on the same server in one up (different triggers): the second fails at preview, one install", async () => {
    f = await ovhFixture();
    const [a, b] = ["urn:pulumi:dev::p::pulumi-nodejs:dynamic/ovh:DedicatedServerInstall::a", "urn:pulumi:dev::p::pulumi-nodejs:dynamic/ovh:DedicatedServerInstall::b"];
    const results = await Promise.allSettled([f.up(inputs({ __urn: a })), f.up(inputs({ __urn: b, triggers: ["b"] }))]);
    expect(results.map((r) => r.status)).toEqual(["fulfilled", "rejected"]);
    expect(String((results[1] as PromiseRejectedResult).reason)).toContain(`${SCALE7} is already declared by ${a}: one machine can have only one DedicatedServerInstall, or it would be erased twice`);
    expect(accepted(f)).toBe(1);
  });

  it("a state left waiting on a task OVH has since purged: changing triggers installs, instead of failing on that task forever", async () => {
    f = await ovhFixture();
    const cut = await failureOf(f.up(inputs({ timeoutMinutes: 1 })));
    expect(cut).toMatchObject({ code: "WAIT_TIMEOUT" });
    const state = cut.properties!;
    // Months later: the install ended long ago and OVH purged the task (404 from then on).
    f.clock.advance(90 * 24 * 3600_000);
    f.sim.purgeTasks(SCALE7);
    const news = (await f.provider.check(state, inputs({ triggers: ["again"] }))).inputs;
    const outcome = await f.provider.update(SCALE7, state, news).then(
      () => "installed",
      (e: Error) => e.message.split("\n")[0],
    );
    expect(outcome).toBe("installed");
  });

  it("OVH quoting a customization back in a refusal: the SSH key from userMetadata does not reach the error", async () => {
    f = await ovhFixture();
    f.sim.inject({
      route: REINSTALL,
      kind: "status",
      status: 400,
      body: { class: "Client::BadRequest::CustomizationInvalidFormat", message: `[customizations.sshKey] Given data (${SSH_KEY}) is not a valid key` },
    });
    const error = await failureOf(f.up(inputs()));
    expectNoneOf({ sshKey: SSH_KEY.split(" ")[1] }, everythingIn(error));
  });
});
