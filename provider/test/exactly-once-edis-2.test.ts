import * as net from "node:net";
import { AUTH, EDGE1, SET_REINSTALL, edisFixture, type EdisFixture } from "./support/edis";
import { failureOf } from "./support/ovh";
import { everythingIn, expectNoneOf } from "./support/secrets";

/** A port nothing listens on yet. */
async function freePort(): Promise<number> {
  const server = net.createServer().listen(0, "127.0.0.1");
  await new Promise((resolve) => server.once("listening", resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Found in a second review: sequences that led to two reinstalls at once, state that lied, or a run stuck. */
describe("KvmReinstall, exactly once: the edges found in a second review", () => {
  let f: EdisFixture;
  afterEach(() => f.close());

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
    expect({ claimed: outs.password, onVps: f.sim.vps(EDGE1).password, reinstalls: f.reinstalls() }).toEqual({ claimed: rotated, onVps: rotated, reinstalls: 2 });
  });

  it("an ambiguous start that did nothing: the way out the error names (change `triggers`) reinstalls, instead of waiting again for a reinstall that never came", async () => {
    f = await edisFixture();
    // EDIS never got the call (a 502 from a proxy before it): nothing happened, but the answer proves nothing.
    f.sim.inject({ route: SET_REINSTALL, kind: "status", status: 502 });
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
    f.sim.inject({ route: SET_REINSTALL, kind: "status", status: 401 });
    f.sim.inject({ route: AUTH, kind: "status", status: 503, skip: 1, times: 10 });
    const error = await failureOf(f.up(f.inputs()));
    expect(f.sim.vps(EDGE1).reinstalls).toBe(0); // none accepted
    expect(f.sim.count({ route: SET_REINSTALL })).toBe(1);
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
    const sent = f.sim.journal.filter((e) => e.route === SET_REINSTALL).map((e) => e.at);
    // README: "A change made while state still records a reinstall settling waits for that one first."
    const overlapping = sent.length > 1 && sent[1] - sent[0] < 300_000;
    expect({ sent: sent.length, overlapping }).toEqual({ sent: sent.length, overlapping: false });
  });

  it("a VPS that is merely rebooting when create begins (its SSH down for a minute): state does not record a reinstall that was never sent", async () => {
    f = await edisFixture();
    const port = await freePort();
    let ssh: net.Server | undefined;
    // The VPS's SSH comes back on its own (a reboot, an sshd restart) shortly after the provider first probes it.
    const push = f.events.push.bind(f.events);
    f.events.push = (...events) => {
      if (!ssh && events.some((e) => /does not answer: a reinstall may be under way/.test(e.message))) {
        ssh = net.createServer((socket) => socket.end("SSH-2.0-OpenSSH_9.2\r\n")).listen(port, "127.0.0.1");
      }
      return push(...events);
    };
    try {
      const outcome = await f.up(f.inputs(EDGE1, { readinessPort: port })).then(
        ({ outs }) => ({ recorded: typeof outs.reinstalledAt === "string" }),
        () => ({ recorded: false }),
      );
      // The promise: state never claims an install that did not happen.
      expect({ sent: f.reinstalls(), recorded: outcome.recorded }).not.toEqual({ sent: 0, recorded: true });
    } finally {
      await new Promise((resolve) => (ssh ? ssh.close(resolve) : resolve(undefined)));
    }
  });

  it("EDIS quoting one line of the cloud-init data back in a refusal: the secret on that line does not reach the error", async () => {
    f = await edisFixture();
    const secretLine = "  - echo 'db-password: Sup3r-S3cret-db-pw' > /etc/app.env";
    const userData = `#cloud-config\nruncmd:\n${secretLine}\n  - reboot\n`;
    f.sim.inject({ route: SET_REINSTALL, kind: "status", status: 400, body: { status: "error", message: `cloud-init user data rejected at line 3: ${secretLine.trim()}` } });
    const error = await failureOf(f.up(f.inputs(EDGE1, { cloudInitUserData: userData })));
    expectNoneOf({ cloudInitSecret: "Sup3r-S3cret-db-pw" }, everythingIn(error));
  });
});
