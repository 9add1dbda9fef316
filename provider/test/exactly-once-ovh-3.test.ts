import { ovhFixture, failureOf, sshPublicKey, SCALE7, REINSTALL, type OvhFixture } from "./support/ovh";

/** Found in a third review of the journal-based diff and the purged-task fix. */
const inputs = (extra: Record<string, unknown> = {}) => ({ serviceName: SCALE7, templateName: "debian12_64", userMetadata: { sshKey: SSH_KEY }, ...extra });
const SSH_KEY = sshPublicKey("attack3@example");
const posted = (f: OvhFixture) => f.sim.journal.filter((e) => e.route === REINSTALL).length;

describe("DedicatedServerInstall, exactly once: the edges found in a third review", () => {
  let f: OvhFixture | undefined;
  afterEach(async () => {
    await f?.close();
    f = undefined;
  });

  it("an update refused with TaskAlreadyExists (nothing started), then reverted: no change shown and no install posted", async () => {
    f = await ovhFixture();
    const a = inputs();
    const { outs: stateA } = await f.up(a);
    // Update to another template: OVH refuses it outright (another, non-reinstall task holds the server).
    f.sim.inject({ route: REINSTALL, kind: "status", status: 400, body: { class: "Client::BadRequest::TaskAlreadyExists", message: "A task is already running" } });
    const b = (await f.provider.check(stateA, inputs({ templateName: "ubuntu2404-server_64" }))).inputs;
    const refused = await failureOf(f.provider.update(SCALE7, stateA, b));
    expect(refused.message).toContain("OVH refused the install request; nothing was started");
    const before = posted(f);
    // The user gives up on the change; state still records A, and the server runs A.
    f.clock.advance(60 * 60_000);
    const reverted = (await f.provider.check(stateA, a)).inputs;
    const diff = await f.provider.diff(SCALE7, stateA, reverted);
    if (diff.changes) await f.provider.update(SCALE7, stateA, reverted);
    expect({ changes: diff.changes, newPosts: posted(f) - before, warnings: f.warnings.filter((w) => w.includes("interrupted run")) }).toEqual({ changes: false, newPosts: 0, warnings: [] });
  });

  it("a state left waiting on a task OVH has since purged, inputs unchanged: the next up resolves it instead of failing on that task forever", async () => {
    f = await ovhFixture();
    const cut = await failureOf(f.up(inputs({ timeoutMinutes: 1 })));
    expect(cut).toMatchObject({ code: "WAIT_TIMEOUT" });
    const state = cut.properties!;
    // Months later: the install ended long ago and OVH purged the task (404 from then on).
    f.clock.advance(90 * 24 * 3600_000);
    f.sim.purgeTasks(SCALE7);
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
