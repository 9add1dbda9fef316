import * as net from "node:net";
import { EDGE1, SET_REINSTALL, edisFixture, type EdisFixture } from "./support/edis";
import { failureOf } from "./support/ovh";

/** A port nothing listens on yet. */
async function freePort(): Promise<number> {
  const server = net.createServer().listen(0, "127.0.0.1");
  await new Promise((resolve) => server.once("listening", resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

const ROTATED = "An0ther-Secret!pw";

/** Found in a third review of the journal-based diff, neverStarted and rebootSeen. */
describe("KvmReinstall, exactly once: the edges found in a third review", () => {
  let f: EdisFixture;
  const servers: net.Server[] = [];
  afterEach(async () => {
    for (const s of servers.splice(0)) {
      s.close();
      (s as unknown as { closeAllConnections?: () => void }).closeAllConnections?.();
    }
    await f.close();
  });

  it("a VPS found down that was only restarting, with a short timeoutMinutes: the watch's timeout does not turn into a recorded reinstall that never happened", async () => {
    f = await edisFixture();
    const port = await freePort();
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

  it("an update whose set/reinstall never reached EDIS (process killed mid-call), then reverted: later ups do not each wait timeoutMinutes and fail for a day", async () => {
    f = await edisFixture();
    const a = f.inputs(EDGE1, { timeoutMinutes: 10 });
    const { outs: stateA } = await f.up(a);
    f.clock.advance(60 * 60_000);
    // Update to a rotated password: the call dies before EDIS gets it (a proxy's 502 stands in), and the provider
    // host is SIGKILLed meanwhile: the engine keeps the OLD state. The journal holds the unsent request.
    f.sim.inject({ route: SET_REINSTALL, kind: "status", status: 502 });
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
