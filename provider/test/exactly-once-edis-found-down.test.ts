import * as net from "node:net";
import { EDIS_ROUTES } from "pulumi-reinstall-simulator";
import { failureOf } from "./support/failure-of";
import { EDGE1, closedPort, edisFixture, type EdisFixture } from "./support/edis";

/**
 * Exactly once for a VPS found down when a run begins: one merely rebooting, or restarting, is not taken for a
 * reinstall under way, and one that stays down is reinstalled once.
 */
describe("KvmReinstall, exactly once: a VPS found down", () => {
  let f: EdisFixture;
  const servers: net.Server[] = [];
  afterEach(async () => {
    for (const s of servers.splice(0)) {
      s.close();
      (s as unknown as { closeAllConnections?: () => void }).closeAllConnections?.();
    }
    await f.close();
  });

  it("timeoutMinutes shorter than the found-down watch: a VPS that is just down is watched until the deadline, then reinstalled once, and state records that reinstall", async () => {
    f = await edisFixture();
    const port = await closedPort();
    const started = f.clock.now();
    const error = await failureOf(f.up(f.inputs(EDGE1, { readinessPort: port, timeoutMinutes: 5 })));
    expect(error).toMatchObject({ code: "WAIT_TIMEOUT" });
    const sent = f.sim.journal.filter((e) => e.route === EDIS_ROUTES.reinstall);
    expect(sent).toHaveLength(1);
    expect(sent[0].at - started).toBeGreaterThanOrEqual(5 * 60_000);
    expect(Date.parse(error.properties!.reinstalledAt as string)).toBe(sent[0].at);
  });

  it("a VPS that is merely rebooting when create begins (its SSH down for a minute): state does not record a reinstall that was never sent", async () => {
    f = await edisFixture();
    const port = await closedPort();
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

  it("a VPS found down that was only restarting, with a short timeoutMinutes: the watch's timeout does not turn into a recorded reinstall that never happened", async () => {
    f = await edisFixture();
    const port = await closedPort();
    // The VPS is restarting (no reinstall anywhere): SSH drops connections until 3 minutes from now, then is back
    // for good, with no second reboot.
    const backAt = f.clock.now() + 3 * 60_000;
    const s = net.createServer((c) => (f.clock.now() >= backAt ? c.write("SSH-2.0-OpenSSH_9.2\r\n") : c.destroy()));
    servers.push(s);
    await new Promise<void>((resolve) => s.listen(port, "127.0.0.1", () => resolve()));
    const program = f.inputs(EDGE1, { readinessPort: port, timeoutMinutes: 4 });
    const first = await f.up(program).then(
      (r) => ({ ok: true as const, outs: r.outs }),
      (e: Error & { properties?: Record<string, unknown> }) => ({ ok: false as const, error: e }),
    );
    let recorded: Record<string, unknown> | undefined = first.ok ? first.outs : undefined;
    if (!first.ok && first.error.properties) {
      // The engine keeps what the error carried; the next up (unchanged program) resumes it.
      const state = first.error.properties;
      const news = (await f.provider.check(state, program)).inputs;
      recorded = (await f.provider.update(EDGE1, state, news)).outs;
    }
    // State must not claim the declared system was reinstalled unless a set/reinstall was sent.
    expect({ claimsReinstalled: typeof recorded?.readyAt === "string", reinstalls: f.reinstalls() }).not.toEqual({ claimsReinstalled: true, reinstalls: 0 });
  });
});
