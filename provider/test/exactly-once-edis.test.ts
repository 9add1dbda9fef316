import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import * as util from "node:util";
import { createRuntime } from "../src/runtime";
import { kvmReinstallProvider } from "../src/edis/kvm-reinstall/provider";
import { SERIALIZED } from "./support/host";
import { failureOf } from "./support/failure-of";
import { EDGE1, ROOT_PASSWORD, edisFixture, type EdisFixture } from "./support/edis";
import { everythingIn, expectNoneOf } from "./support/secrets";
import { EDIS_ROUTES } from "pulumi-reinstall-simulator";

/**
 * The sequences three hostile reviews tried against "never two reinstalls, never state that lies, never a run
 * stuck, never a secret out": each is held here.
 */
const ROTATED = "An0ther-Secret!pw";

describe("KvmReinstall, exactly once: the edges", () => {
  let f: EdisFixture;
  afterEach(() => f.close());

  it("same machine, run SIGKILLed after EDIS accepted: a re-run after the journal's short expiry does not reinstall again", async () => {
    f = await edisFixture();
    // Run 1 is cut off after EDIS accepted (stand-in for SIGKILL: the engine drops the pending create).
    await failureOf(f.up(f.inputs(EDGE1, { timeoutMinutes: 0.5 })));
    // The README: "On the machine that sent it, the journal prevents this." The user re-runs an hour later.
    f.clock.advance(3600_000);
    const next = await f.restart();
    await next.up(f.inputs());
    expect(f.reinstalls()).toBe(1);
  });

  it("an odd 2xx ({status: 'queued'}) after EDIS acted is ambiguous, as the README says, not a refusal", async () => {
    f = await edisFixture();
    f.sim.inject({ route: EDIS_ROUTES.reinstall, kind: "status", status: 200, body: { status: "queued", message: "reinstall queued" }, when: "after" });
    const error = await failureOf(f.up(f.inputs()));
    expect(error).toMatchObject({ code: "AMBIGUOUS_START" });
  });

  it("an odd 2xx after EDIS acted, then the next up: no second reinstall", async () => {
    f = await edisFixture();
    f.sim.inject({ route: EDIS_ROUTES.reinstall, kind: "status", status: 200, body: { status: "Success" }, when: "after" });
    const error = await failureOf(f.up(f.inputs()));
    // The engine keeps whatever the error carried; a plain error means no state, so the next up creates again.
    const state = error.properties!;
    const { outs } = await f.provider.update(EDGE1, state, (await f.provider.check(state, f.inputs())).inputs);
    expect(outs).toMatchObject({ readyAt: expect.any(String) });
    expect(f.reinstalls()).toBe(1);
  });

  it("a password changed between a killed run and the re-run: the interrupted reinstall ends first, then the declared one is sent", async () => {
    f = await edisFixture();
    await failureOf(f.up(f.inputs(EDGE1, { timeoutMinutes: 0.5 })));
    const next = await f.restart();
    const rotated = "An0ther-Secret!pw";
    const { outs } = await next.up(f.inputs(EDGE1, { password: rotated }));
    // The interrupted reinstall is seen through, then the one declared is sent: never both at once, never one for the other.
    expect([outs.password, f.sim.vps(EDGE1).password, f.reinstalls()]).toEqual([rotated, rotated, 2]);
    expect(next.warnings).toEqual([expect.stringMatching(/with other inputs than these; waiting for it to end, then reinstalling as declared/)]);
  });

  it("two KvmReinstall resources on the same VPS in one up: one reinstall, not two", async () => {
    f = await edisFixture();
    const results = await Promise.allSettled([f.up(f.inputs(EDGE1)), f.up(f.inputs(EDGE1, { triggers: { name: "b" } }))]);
    expect(results.map((r) => r.status)).toContain("fulfilled");
    expect(f.reinstalls()).toBe(1);
  });

  it("Ctrl-C during the look-ups that precede set/reinstall: nothing is sent", async () => {
    f = await edisFixture();
    const controller = new AbortController();
    const runtime = createRuntime({
      clock: f.clock,
      env: {
        PULUMI_REINSTALL_JOURNAL_DIR: fs.mkdtempSync(path.join(os.tmpdir(), "attack-journal-")),
        EDIS_SESSION_URL: f.sim.sessionUrl,
        EDIS_EMAIL: f.sim.credentials.email,
        EDIS_PASSWORD: f.sim.credentials.password,
      },
      progress: () => undefined,
      warn: () => undefined,
      requestTimeoutMs: 3_000,
      stopping: { signal: controller.signal, run: (work) => work() },
    });
    const provider = kvmReinstallProvider(runtime);
    await provider.configure({ config: { get: () => undefined, require: () => "" } } as never);
    const checked = await provider.check({}, { ...f.inputs(), __provider: SERIALIZED });
    const created = provider.create({ ...checked.inputs, __provider: SERIALIZED });
    controller.abort("SIGINT"); // arrives while the session and the details are fetched
    await failureOf(created);
    expect(f.reinstalls()).toBe(0);
  });

  it("the root password does not reach an inspected ambiguous-start error (its cause is got's RequestError)", async () => {
    f = await edisFixture();
    f.sim.inject({ route: EDIS_ROUTES.reinstall, kind: "reset" });
    const error = await failureOf(f.up(f.inputs()));
    expect(util.inspect(error, { depth: 8 })).not.toContain(ROOT_PASSWORD);
  });

  it("an ambiguous start resumed long after the reinstall ended: never taken for ready unseen, and the way out records it without a second reinstall", async () => {
    f = await edisFixture();
    f.sim.inject({ route: EDIS_ROUTES.reinstall, kind: "status", status: 502, when: "after" });
    const error = await failureOf(f.up(f.inputs()));
    expect(error).toMatchObject({ code: "AMBIGUOUS_START" });
    f.clock.advance(3600_000); // the user re-runs after lunch; the reinstall ended long ago
    const state = error.properties!;
    const news = (await f.provider.check(state, f.inputs())).inputs;
    // The old system and a fresh one look alike on the wire: the wait says what to look at instead of guessing.
    const stuck = await failureOf(f.provider.update(EDGE1, state, news));
    expect(stuck.message).toMatch(
      /the old system never went down[\s\S]*if it shows the new system, the reinstall ended while nobody watched: set waitForReady: false for one run to record it/,
    );
    const seen = stuck.properties!;
    const { outs } = await f.provider.update(EDGE1, seen, (await f.provider.check(seen, f.inputs(EDGE1, { waitForReady: false }))).inputs);
    expect(outs).toMatchObject({ waitForReady: false, reinstalledAt: state.reinstalledAt });
    expect(outs).not.toHaveProperty("__waitPending");
    expect(f.reinstalls()).toBe(1);
  });

  it("get/power down from the moment EDIS accepted, the re-run long after the reinstall ended: the accepted reinstall is waited for as gone down, not reinstalled nor left stuck", async () => {
    f = await edisFixture();
    f.sim.inject({ route: EDIS_ROUTES.power, kind: "status", status: 503, times: 1_000 });
    const error = await failureOf(f.up(f.inputs(EDGE1, { timeoutMinutes: 0.5 })));
    expect(error.properties).toMatchObject({ __waitPending: true, __accepted: true });
    expect(error.properties).not.toHaveProperty("downSeenAt");
    f.sim.clearFaults();
    f.clock.advance(3600_000);
    const state = error.properties!;
    const { outs } = await f.provider.update(EDGE1, state, (await f.provider.check(state, f.inputs())).inputs);
    expect(outs).toMatchObject({ readyAt: expect.any(String), downSeenAt: state.reinstalledAt });
    expect(f.reinstalls()).toBe(1);
  });

  it("a deliberate password change right after a timed-out (or Ctrl-C'd) wait, while the VPS still reinstalls: the reinstall asked for is sent, or state does not claim it", async () => {
    f = await edisFixture();
    const first = await failureOf(f.up(f.inputs(EDGE1, { timeoutMinutes: 1.5 })));
    expect(first).toMatchObject({ code: "WAIT_TIMEOUT" });
    expect(f.sim.vps(EDGE1).portOpen).toBe(false); // still reinstalling
    const state = first.properties!;
    const rotated = "An0ther-Secret!pw";
    const news = (await f.provider.check(state, f.inputs(EDGE1, { password: rotated }))).inputs;
    expect(await f.provider.diff(EDGE1, state, news)).toMatchObject({ changes: true });
    const { outs } = await f.provider.update(EDGE1, state, news);
    expect(outs.password).toBe(f.sim.vps(EDGE1).password);
  });

  it("an odd 2xx after EDIS acted whose words mention the session is not taken for a session refusal: set/reinstall is not sent again", async () => {
    f = await edisFixture();
    f.sim.inject({
      route: EDIS_ROUTES.reinstall,
      kind: "status",
      status: 200,
      body: { status: "accepted", message: "reinstall scheduled, session closed" },
      when: "after",
    });
    await failureOf(f.up(f.inputs())).catch(() => undefined);
    expect(f.reinstalls()).toBe(1);
  });

  it("a reinstall with other inputs found in the journal, whose wait is cut off: the next up does not record the new password as installed", async () => {
    f = await edisFixture();
    // Run 1 (old password) is cut off after EDIS accepted; the engine drops the pending create (SIGKILL).
    await failureOf(f.up(f.inputs(EDGE1, { timeoutMinutes: 0.5 })));
    // Run 2, same machine, a rotated password: it waits for run 1's reinstall first, and is cut off (timeout, Ctrl-C).
    const rotated = "An0ther-Secret!pw";
    const next = await f.restart();
    const cut = await failureOf(next.up(f.inputs(EDGE1, { password: rotated, timeoutMinutes: 1 })));
    expect(cut).toMatchObject({ code: "WAIT_TIMEOUT" });
    // Run 3: unchanged inputs; the engine calls update with what run 2's error carried.
    const state = cut.properties ?? {};
    const news = (await next.provider.check(state, f.inputs(EDGE1, { password: rotated }))).inputs;
    const { outs } = await next.provider.update(EDGE1, state, news);
    // State must not claim the rotated password unless a reinstall with it was sent.
    expect({ claimed: outs.password, onVps: f.sim.vps(EDGE1).password, reinstalls: f.reinstalls() }).toEqual({
      claimed: rotated,
      onVps: rotated,
      reinstalls: 2,
    });
  });

  it("an ambiguous start that did nothing: the way out the error names (change `triggers`) reinstalls, instead of waiting again for a reinstall that never came", async () => {
    f = await edisFixture();
    // EDIS never got the call (a 502 from a proxy before it): nothing happened, but the answer proves nothing.
    f.sim.inject({ route: EDIS_ROUTES.reinstall, kind: "status", status: 502 });
    const ambiguous = await failureOf(f.up(f.inputs(EDGE1, { timeoutMinutes: 10 })));
    expect(ambiguous).toMatchObject({ code: "AMBIGUOUS_START" });
    expect(ambiguous.message).toMatch(/if the VPS console .* shows that nothing happened, change `triggers` to reinstall/);
    expect(f.sim.vps(EDGE1).reinstalls).toBe(0); // none accepted
    // The console shows the old system. The user does as told: changes triggers.
    const state = ambiguous.properties!;
    const news = (await f.provider.check(state, f.inputs(EDGE1, { timeoutMinutes: 10, triggers: ["console showed nothing"] }))).inputs;
    const outcome = await f.provider.update(EDGE1, state, news).then(
      (r) => ({ ok: true, readyAt: typeof r.outs?.readyAt, triggers: r.outs?.triggers }),
      (e: Error & { properties?: Record<string, unknown> }) => ({ ok: false, error: e.message.split("\n")[0], triggers: e.properties?.triggers }),
    );
    expect(outcome).toEqual({ ok: true, readyAt: "string", triggers: ["console showed nothing"] });
    expect(f.sim.vps(EDGE1).reinstalls).toBe(1);
  });

  it("a session refusal on set/reinstall, then a failed renewal: nothing was sent, so state does not get a pending wait for a reinstall", async () => {
    f = await edisFixture();
    // set/reinstall answers 401 (a refusal: nothing ran); the renewal that follows meets an outage of get/auth.
    f.sim.inject({ route: EDIS_ROUTES.reinstall, kind: "status", status: 401 });
    f.sim.inject({ route: EDIS_ROUTES.auth, kind: "status", status: 503, skip: 1, times: 10 });
    const error = await failureOf(f.up(f.inputs()));
    expect(f.sim.vps(EDGE1).reinstalls).toBe(0); // none accepted
    expect(f.sim.count({ route: EDIS_ROUTES.reinstall })).toBe(1);
    // What was known: no reinstall ran. Not "may or may not be reinstalling", and no pending wait in state.
    expect({ code: (error as { code?: string }).code, pending: error.properties?.__waitPending }).toEqual({ code: "EDIS_API_ERROR", pending: undefined });
  });

  it("a change with waitForReady: false while state records a reinstall still settling: the second set/reinstall is not sent while the first runs", async () => {
    f = await edisFixture();
    const first = await failureOf(f.up(f.inputs(EDGE1, { timeoutMinutes: 0.5 })));
    expect(first).toMatchObject({ code: "WAIT_TIMEOUT" });
    expect(f.sim.vps(EDGE1).portOpen).toBe(false); // still reinstalling
    const state = first.properties!;
    const news = (await f.provider.check(state, f.inputs(EDGE1, { password: "An0ther-Secret!pw", waitForReady: false }))).inputs;
    await f.provider.update(EDGE1, state, news).catch(() => undefined);
    const sent = f.sim.journal.filter((e) => e.route === EDIS_ROUTES.reinstall).map((e) => e.at);
    // README: "A change made while state still records a reinstall settling waits for that one first."
    const overlapping = sent.length > 1 && sent[1] - sent[0] < 300_000;
    expect({ sent: sent.length, overlapping }).toEqual({ sent: sent.length, overlapping: false });
  });

  it("EDIS quoting one line of the cloud-init data back in a refusal: the secret on that line does not reach the error", async () => {
    f = await edisFixture();
    const secretLine = "  - echo 'db-password: Sup3r-S3cret-db-pw' > /etc/app.env";
    const userData = `#cloud-config\nruncmd:\n${secretLine}\n  - reboot\n`;
    f.sim.inject({
      route: EDIS_ROUTES.reinstall,
      kind: "status",
      status: 400,
      body: { status: "error", message: `cloud-init user data rejected at line 3: ${secretLine.trim()}` },
    });
    const error = await failureOf(f.up(f.inputs(EDGE1, { cloudInitUserData: userData })));
    expectNoneOf({ cloudInitSecret: "Sup3r-S3cret-db-pw" }, everythingIn(error));
  });

  it("an update whose set/reinstall never reached EDIS (process killed mid-call), then reverted: later ups fail at once naming the way out, not each after waiting timeoutMinutes, and the way out reinstalls once", async () => {
    f = await edisFixture();
    const a = f.inputs(EDGE1, { timeoutMinutes: 10 });
    const { outs: stateA } = await f.up(a);
    f.clock.advance(60 * 60_000);
    // Update to a rotated password: the call dies before EDIS gets it (a proxy's 502 stands in), and the provider
    // host is SIGKILLed meanwhile: the engine keeps the OLD state. The journal holds the unsent request.
    f.sim.inject({ route: EDIS_ROUTES.reinstall, kind: "status", status: 502 });
    const b = (await f.provider.check(stateA, f.inputs(EDGE1, { password: ROTATED, timeoutMinutes: 10 }))).inputs;
    await failureOf(f.provider.update(EDGE1, stateA, b));
    expect(f.sim.vps(EDGE1).reinstalls).toBe(1); // only A's
    // The user reverts the change. Each later up, an hour apart:
    const next = await f.restart();
    const attempt = async () => {
      f.clock.advance(60 * 60_000);
      const news = (await next.provider.check(stateA, a)).inputs;
      const diff = await next.provider.diff(EDGE1, stateA, news);
      if (!diff.changes) return "no change";
      return next.provider.update(EDGE1, stateA, news).then(
        () => "ok",
        (e: Error & { code?: string }) => String(e.code),
      );
    };
    const outcomes = [await attempt(), await attempt(), await attempt()];
    expect(outcomes).not.toContain("WAIT_TIMEOUT");
    // Begun long after that call, no run can tell whether it happened: each says so at once and sends nothing.
    expect(outcomes).toEqual(["UNOBSERVED_START", "UNOBSERVED_START", "UNOBSERVED_START"]);
    expect(f.sim.vps(EDGE1).reinstalls).toBe(1);
    // The console shows A's system, not the rotated one; the user takes the way out the error names: change `triggers`.
    const changed = (await next.provider.check(stateA, f.inputs(EDGE1, { timeoutMinutes: 10, triggers: ["after the killed update"] }))).inputs;
    const { outs } = await next.provider.update(EDGE1, stateA, changed);
    expect(outs).toMatchObject({ password: ROOT_PASSWORD, readyAt: expect.any(String) });
    expect(f.sim.vps(EDGE1).reinstalls).toBe(2);
  });

  it("waitForReady: false after an interrupted run with other inputs: once that reinstall has long ended, `pulumi up` again works, as the error says", async () => {
    f = await edisFixture();
    await failureOf(f.up(f.inputs(EDGE1, { timeoutMinutes: 0.5 })));
    const next = await f.restart();
    const program = f.inputs(EDGE1, { image: "debian-bullseye", waitForReady: false });
    const error = await failureOf(next.up(program));
    expect(error.message).toContain("run `pulumi up` again once the VPS console shows it finished");
    // The console shows it finished (it took 5 minutes); the user runs up again an hour later.
    f.clock.advance(60 * 60_000);
    expect(f.sim.vps(EDGE1).portOpen).toBe(true);
    const again = await next.up(program).then(
      () => "ok",
      (e: Error & { code?: string }) => String(e.code),
    );
    expect(again).toBe("ok");
  });
});
