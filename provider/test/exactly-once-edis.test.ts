import * as fs from "node:fs";
import * as net from "node:net";
import * as os from "node:os";
import * as path from "node:path";
import * as util from "node:util";
import { createRuntime } from "../src/runtime";
import { kvmReinstallProvider } from "../src/edis/kvm-reinstall/provider";
import { SERIALIZED } from "./support/host";
import { failureOf } from "./support/ovh";
import { EDGE1, ROOT_PASSWORD, SET_REINSTALL, edisFixture, type EdisFixture } from "./support/edis";

/** Found in review: sequences that must not lead to a second set/reinstall, to state that lies, or to a stuck run. */
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
    f.sim.inject({ route: SET_REINSTALL, kind: "status", status: 200, body: { status: "queued", message: "reinstall queued" }, when: "after" });
    const error = await failureOf(f.up(f.inputs()));
    expect(error).toMatchObject({ code: "AMBIGUOUS_START" });
  });

  it("an odd 2xx after EDIS acted, then the next up: no second reinstall", async () => {
    f = await edisFixture();
    f.sim.inject({ route: SET_REINSTALL, kind: "status", status: 200, body: { status: "Success" }, when: "after" });
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
      env: { PULUMI_REINSTALL_JOURNAL_DIR: fs.mkdtempSync(path.join(os.tmpdir(), "attack-journal-")), EDIS_SESSION_URL: f.sim.sessionUrl, EDIS_EMAIL: f.sim.credentials.email, EDIS_PASSWORD: f.sim.credentials.password },
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
    f.sim.inject({ route: SET_REINSTALL, kind: "reset" });
    const error = await failureOf(f.up(f.inputs()));
    expect(util.inspect(error, { depth: 8 })).not.toContain(ROOT_PASSWORD);
  });

  it("an ambiguous start resumed long after the reinstall ended: never taken for ready unseen, and the way out records it without a second reinstall", async () => {
    f = await edisFixture();
    f.sim.inject({ route: SET_REINSTALL, kind: "status", status: 502, when: "after" });
    const error = await failureOf(f.up(f.inputs()));
    expect(error).toMatchObject({ code: "AMBIGUOUS_START" });
    f.clock.advance(3600_000); // the user re-runs after lunch; the reinstall ended long ago
    const state = error.properties!;
    const news = (await f.provider.check(state, f.inputs())).inputs;
    // The old system and a fresh one look alike on the wire: the wait says what to look at instead of guessing.
    const stuck = await failureOf(f.provider.update(EDGE1, state, news));
    expect(stuck.message).toMatch(/the old system never went down[\s\S]*if it shows the new system, the reinstall ended while nobody watched: set waitForReady: false for one run to record it/);
    const seen = stuck.properties!;
    const { outs } = await f.provider.update(EDGE1, seen, (await f.provider.check(seen, f.inputs(EDGE1, { waitForReady: false }))).inputs);
    expect(outs).toMatchObject({ waitForReady: false, reinstalledAt: state.reinstalledAt });
    expect(outs).not.toHaveProperty("__waitPending");
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

  it("timeoutMinutes shorter than the found-down watch: a VPS that is just down is watched until the deadline, then reinstalled once, and state records that reinstall", async () => {
    f = await edisFixture();
    const server = net.createServer().listen(0, "127.0.0.1");
    await new Promise((resolve) => server.once("listening", resolve));
    const { port } = server.address() as net.AddressInfo;
    await new Promise((resolve) => server.close(resolve));
    const started = f.clock.now();
    const error = await failureOf(f.up(f.inputs(EDGE1, { readinessPort: port, timeoutMinutes: 5 })));
    expect(error).toMatchObject({ code: "WAIT_TIMEOUT" });
    const sent = f.sim.journal.filter((e) => e.route === SET_REINSTALL);
    expect(sent).toHaveLength(1);
    expect(sent[0].at - started).toBeGreaterThanOrEqual(5 * 60_000);
    expect(Date.parse(error.properties!.reinstalledAt as string)).toBe(sent[0].at);
  });

  it("an odd 2xx after EDIS acted whose words mention the session is not taken for a session refusal: set/reinstall is not sent again", async () => {
    f = await edisFixture();
    f.sim.inject({ route: SET_REINSTALL, kind: "status", status: 200, body: { status: "accepted", message: "reinstall scheduled, session closed" }, when: "after" });
    await failureOf(f.up(f.inputs())).catch(() => undefined);
    expect(f.reinstalls()).toBe(1);
  });
});
