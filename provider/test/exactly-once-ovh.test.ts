import { OVH_ROUTES, startOvhSimulator } from "pulumi-reinstall-simulator";
import { VirtualClock } from "../src/clock";
import { dedicatedServerInstallProvider } from "../src/ovh/dedicated-server-install/provider";
import { hosted, SERIALIZED } from "./support/host";
import { failureOf } from "./support/failure-of";
import { applicationKeyEnv, ovhFixture, SCALE7, type OvhFixture } from "./support/ovh";
import { stoppableProvider } from "./support/stoppable";
import { throwawaySshKey } from "../../harness/ssh-key";
import { everythingIn, expectNoneOf } from "./support/secrets";

/**
 * The sequences three hostile reviews tried against "never a second install, never state that lies, never a run
 * stuck, never a secret out": each is held here.
 */
const SSH_KEY = throwawaySshKey("review@example");
const inputs = (extra: Record<string, unknown> = {}) => ({ serviceName: SCALE7, templateName: "debian12_64", userMetadata: { sshKey: SSH_KEY }, ...extra });
const posted = (f: OvhFixture) => f.sim.journal.filter((e) => e.route === OVH_ROUTES.reinstall).length;
const accepted = (f: OvhFixture) =>
  f.sim.journal.filter((e) => e.route === OVH_ROUTES.reinstall && e.status !== undefined && e.status >= 200 && e.status < 300).length;

describe("DedicatedServerInstall, exactly once: the edges", () => {
  let f: OvhFixture | undefined;
  afterEach(async () => {
    await f?.close();
    f = undefined;
  });

  it("an unconfirmed start whose task OVH carried out late is adopted by the next up even if that up comes more than a day later", async () => {
    f = await ovhFixture();
    const program = inputs();
    f.sim.inject({ route: OVH_ROUTES.reinstall, kind: "status", status: 504, body: { message: "Gateway Timeout" } });
    const error = await failureOf(f.up(program));
    expect(error).toMatchObject({ code: "AMBIGUOUS_START" });
    // The lost request is carried out after all, after the run's three look-ups.
    const late = f.sim.startInstall(SCALE7, "debian12_64");
    // The user comes back after the weekend. State still says: an install request of ours got no answer.
    f.clock.advance(48 * 3600_000);
    const state = error.properties!;
    const { outs } = await f.provider.update(SCALE7, state, (await f.provider.check(state, program)).inputs);
    expect(outs).toMatchObject({ taskId: late });
    expect(f.sim.count({ route: OVH_ROUTES.reinstall })).toBe(1);
  });

  it("OVH's clock a few minutes ahead of ours: a finished install of an interrupted run is not repeated", async () => {
    const clock = new VirtualClock();
    const skewMs = 3 * 60_000;
    const sim = await startOvhSimulator({ installSeconds: 660, now: () => clock.now() + skewMs });
    const host = await hosted(dedicatedServerInstallProvider, clock, { OVH_ENDPOINT: sim.endpoint, ...applicationKeyEnv(sim) });
    try {
      // A run posted the install and was SIGKILLed; the engine dropped the pending create.
      sim.startInstall(SCALE7, "debian12_64");
      // The install ends (11 min); the user re-runs a minute later.
      clock.advance(12 * 60_000);
      await host.up(inputs());
      expect(sim.count({ route: OVH_ROUTES.reinstall })).toBe(0);
    } finally {
      await sim.close();
    }
  });

  it("a user who changes customHostname between a killed run and the re-run does not get state claiming the new hostname", async () => {
    f = await ovhFixture();
    // Run 1: cut off while the install runs (stand-in for SIGKILL: the engine drops the pending create, state is discarded).
    await failureOf(f.up(inputs({ customHostname: "old.example.com", timeoutMinutes: 1 })));
    // Run 2, new inputs: a fresh create.
    const { outs } = await f.up(inputs({ customHostname: "new.example.com" }));
    const installedHostname = f.sim.server(SCALE7).hostname;
    // Either it installs what is declared, or it must not claim so.
    expect(outs.customHostname).toBe(installedHostname);
  });

  it("Ctrl-C during the look-ups that precede the install POST: no POST goes out", async () => {
    f = await ovhFixture();
    const controller = new AbortController();
    const provider = await stoppableProvider(f, controller);
    const checked = await provider.check({}, { ...inputs(), __provider: SERIALIZED });
    const created = provider.create({ ...checked.inputs, __provider: SERIALIZED });
    // SIGINT arrives while the provider reads the template and the task list, before it posts.
    controller.abort("SIGINT");
    const error = await failureOf(created);
    expect(f.sim.count({ route: OVH_ROUTES.reinstall })).toBe(0);
    expect(error).toMatchObject({ code: "INTERRUPTED" });
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
    const [a, b] = [
      "urn:pulumi:dev::p::pulumi-nodejs:dynamic/ovh:DedicatedServerInstall::a",
      "urn:pulumi:dev::p::pulumi-nodejs:dynamic/ovh:DedicatedServerInstall::b",
    ];
    const results = await Promise.allSettled([f.up(inputs({ __urn: a })), f.up(inputs({ __urn: b, triggers: ["b"] }))]);
    expect(results.map((r) => r.status)).toEqual(["fulfilled", "rejected"]);
    expect(String((results[1] as PromiseRejectedResult).reason)).toContain(
      `${SCALE7} is already declared by ${a}: one machine can have only one DedicatedServerInstall, or it would be erased twice`,
    );
    expect(accepted(f)).toBe(1);
  });

  /** The state an install's timed-out wait left, months later, once OVH has purged the task (404 from then on). */
  const purgedWaitState = async (fixture: OvhFixture) => {
    const cut = await failureOf(fixture.up(inputs({ timeoutMinutes: 1 })));
    expect(cut).toMatchObject({ code: "WAIT_TIMEOUT" });
    fixture.clock.advance(90 * 24 * 3600_000);
    fixture.sim.purgeTasks(SCALE7);
    return cut.properties!;
  };

  it("a state left waiting on a task OVH has since purged: changing triggers installs, instead of failing on that task forever", async () => {
    f = await ovhFixture();
    const state = await purgedWaitState(f);
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
      route: OVH_ROUTES.reinstall,
      kind: "status",
      status: 400,
      body: { class: "Client::BadRequest::CustomizationInvalidFormat", message: `[customizations.sshKey] Given data (${SSH_KEY}) is not a valid key` },
    });
    const error = await failureOf(f.up(inputs()));
    expectNoneOf({ sshKey: SSH_KEY.split(" ")[1] }, everythingIn(error));
  });

  it("an update refused with TaskAlreadyExists (nothing started), then reverted: no change shown and no install posted", async () => {
    f = await ovhFixture();
    const a = inputs();
    const { outs: stateA } = await f.up(a);
    // Update to another template: OVH refuses it outright (another, non-reinstall task holds the server).
    f.sim.inject({
      route: OVH_ROUTES.reinstall,
      kind: "status",
      status: 400,
      body: { class: "Client::BadRequest::TaskAlreadyExists", message: "A task is already running" },
    });
    const b = (await f.provider.check(stateA, inputs({ templateName: "ubuntu2404-server_64" }))).inputs;
    const refused = await failureOf(f.provider.update(SCALE7, stateA, b));
    expect(refused.message).toContain("OVH refused the install request; nothing was started");
    const before = posted(f);
    // The user gives up on the change; state still records A, and the server runs A.
    f.clock.advance(60 * 60_000);
    const reverted = (await f.provider.check(stateA, a)).inputs;
    const diff = await f.provider.diff(SCALE7, stateA, reverted);
    if (diff.changes) await f.provider.update(SCALE7, stateA, reverted);
    expect({ changes: diff.changes, newPosts: posted(f) - before, warnings: f.warnings.filter((w) => w.includes("interrupted run")) }).toEqual({
      changes: false,
      newPosts: 0,
      warnings: [],
    });
  });

  it("a state left waiting on a task OVH has since purged, inputs unchanged: the next up resolves it instead of failing on that task forever", async () => {
    f = await ovhFixture();
    const state = await purgedWaitState(f);
    const news = (await f.provider.check(state, inputs({ timeoutMinutes: 1 }))).inputs;
    const attempt = () =>
      f!.provider.update(SCALE7, state, news).then(
        () => "resolved",
        (e: Error) => e.message.split("\n")[0],
      );
    // The engine retries the resource (its init error) at every up, with the same state.
    expect([await attempt(), await attempt()]).toEqual(["resolved", "resolved"]);
  });
});
