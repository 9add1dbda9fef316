import { EDIS_ROUTES, type JournalEntry } from "pulumi-reinstall-simulator";
import { EdisApi } from "../src/edis/api";
import { EDGE1, edisConnection, edisFixture, type EdisFixture } from "./support/edis";
import { failureOf } from "./support/failure-of";
import { everythingIn, expectNoneOf } from "./support/secrets";

/** Short enough to expire many times over one wait: the provider renews a minute before valid_until. */
const SESSION_SECONDS = 90;

/** The session fields every per-VPS call sends back (docs/api/edis.md#auth-sessions). */
interface SentSession {
  signature: string;
  valid_until: string;
}

const perVps = (sim: EdisFixture["sim"]) => sim.journal.filter((e) => e.route !== EDIS_ROUTES.auth);
const sessionOf = (entry: JournalEntry) => entry.body as SentSession;
const sentTo = (sim: EdisFixture["sim"], route: string) => sim.journal.filter((e) => e.route === route);

/** The sessions per-VPS calls used, in the order they were first used. */
function sessionsUsed(entries: readonly JournalEntry[]): { signature: string; validUntilMs: number }[] {
  const seen = new Map<string, number>();
  for (const e of entries) seen.set(sessionOf(e).signature, seen.get(sessionOf(e).signature) ?? Number(sessionOf(e).valid_until) * 1000);
  return [...seen].map(([signature, validUntilMs]) => ({ signature, validUntilMs }));
}

describe("KvmReinstall: EDIS sessions as in production", () => {
  let f: EdisFixture;
  afterEach(() => f?.close());

  it("a wait that outlives several sessions renews each before its valid_until: no call is refused, the reinstall is sent once", async () => {
    // 20 minutes of reinstall; the old system stays up for the first 2, read with get/power every 10 s.
    f = await edisFixture({ sessionSeconds: SESSION_SECONDS, reinstallSeconds: 1200 });
    const { outs } = await f.up(f.inputs(EDGE1, { timeoutMinutes: 60 }));

    expect(outs.readyAt).toEqual(expect.any(String));
    const waitedMs = Date.parse(String(outs.readyAt)) - Date.parse(String(outs.reinstalledAt));
    expect(waitedMs).toBeGreaterThan(5 * SESSION_SECONDS * 1000);
    expect(f.reinstalls()).toBe(1);
    expect(f.sim.vps(EDGE1).reinstalls).toBe(1);

    const calls = perVps(f.sim);
    expect(calls.filter((e) => e.status !== 200)).toEqual([]);
    const logins = sentTo(f.sim, EDIS_ROUTES.auth);
    const used = sessionsUsed(calls);
    // Each login's session was used, and there were renewals during the wait, not only at the start.
    expect(used).toHaveLength(logins.length);
    expect(logins.filter((l) => l.at > Date.parse(String(outs.reinstalledAt))).length).toBeGreaterThanOrEqual(2);
    // Each renewal came while the session before it was still valid, and every call went out inside its session's life.
    const renewedInTime = logins.slice(1).map((login, i) => login.at < used[i].validUntilMs);
    expect(renewedInTime).toEqual(renewedInTime.map(() => true));
    expect(calls.filter((e) => e.at > Number(sessionOf(e).valid_until) * 1000)).toEqual([]);
  });

  it("a session revoked just before set/reinstall: EDIS refuses it (nothing ran), the provider logs in again and sends it once more with the new session", async () => {
    f = await edisFixture();
    f.sim.expireSessionsBefore(EDIS_ROUTES.reinstall);
    const { outs } = await f.up(f.inputs());

    expect(outs.readyAt).toEqual(expect.any(String));
    const sent = sentTo(f.sim, EDIS_ROUTES.reinstall);
    expect(sent.map((e) => e.status)).toEqual([401, 200]);
    // Resent with the session of the second login: the first one's signature is no longer valid at EDIS.
    expect(sessionOf(sent[1]).signature).not.toBe(sessionOf(sent[0]).signature);
    expect(f.sim.count({ route: EDIS_ROUTES.auth })).toBe(2);
    expect(sentTo(f.sim, EDIS_ROUTES.auth)[1].at).toBeLessThanOrEqual(sent[1].at);
    expect(f.sim.vps(EDGE1).reinstalls).toBe(1);
  });

  it("a session revoked before set/reinstall and again before its one resend: two refusals, no third call, and the error says nothing was started", async () => {
    f = await edisFixture();
    f.sim.expireSessionsBefore(EDIS_ROUTES.reinstall, 2);
    const error = await failureOf(f.up(f.inputs()));

    expect(sentTo(f.sim, EDIS_ROUTES.reinstall).map((e) => e.status)).toEqual([401, 401]);
    expect(f.sim.vps(EDGE1).reinstalls).toBe(0);
    expect(error).toMatchObject({ code: "EDIS_API_ERROR" });
    expect(error.message).toMatch(/EDIS refused the reinstall; nothing was started[\s\S]*HTTP 401 "Invalid or expired session signature\."/);
    // Nothing ran, so no wait is left pending in state for the next up.
    expect(error.properties?.__waitPending).toBeUndefined();
  });

  it("a session revoked before set/reinstall, then the login refused (the password changed meanwhile): the call is not resent, and the error names the setting", async () => {
    f = await edisFixture();
    f.sim.expireSessionsBefore(EDIS_ROUTES.reinstall);
    // The first login (at preview) passes; the renewal is refused as a wrong password is.
    f.sim.inject({ route: EDIS_ROUTES.auth, kind: "status", status: 401, skip: 1, times: 5 });
    const error = await failureOf(f.up(f.inputs()));

    expect(sentTo(f.sim, EDIS_ROUTES.reinstall).map((e) => e.status)).toEqual([401]);
    expect(f.sim.vps(EDGE1).reinstalls).toBe(0);
    expect(error).toMatchObject({ code: "CONFIG_ERROR" });
    expect(error.message).toMatch(/EDIS refused the session and a new one could not be had; the call was not sent[\s\S]*EDIS_PASSWORD \(environment\)/);
    expect(error.properties?.__waitPending).toBeUndefined();
  });

  it("a session serves calls until a minute before its valid_until; from that very moment a call goes out with a new one", async () => {
    f = await edisFixture({ sessionSeconds: SESSION_SECONDS });
    const { client, sessions } = edisConnection(f.sim, f.clock);
    const api = new EdisApi(client, sessions, f.clock);
    await api.images(EDGE1);
    const [first] = sessionsUsed(perVps(f.sim));
    const renewFrom = first.validUntilMs - 60_000;
    f.clock.advance(renewFrom - 1 - f.clock.now());
    await api.images(EDGE1);
    f.clock.advance(1);
    await api.images(EDGE1);

    const logins = sentTo(f.sim, EDIS_ROUTES.auth).map((e) => e.at);
    expect(logins).toEqual([first.validUntilMs - SESSION_SECONDS * 1000, renewFrom]);
    const signatures = perVps(f.sim).map((e) => sessionOf(e).signature);
    expect(signatures.slice(0, 2)).toEqual([first.signature, first.signature]);
    expect(signatures[2]).not.toBe(first.signature);
  });

  describe("session signatures never leave the provider's memory", () => {
    /** Every signature EDIS issued in this test (each login's session was used: see the renewal test), by name for the report. */
    const signatures = () => Object.fromEntries(sessionsUsed(perVps(f.sim)).map((s, i) => [`signature ${i + 1}`, s.signature]));
    const reported = () => JSON.stringify([f.events, f.warnings]);

    it("not in the outputs the engine stores, nor in check's inputs, progress or warnings, over a wait of many sessions", async () => {
      f = await edisFixture({ sessionSeconds: SESSION_SECONDS, reinstallSeconds: 1200 });
      const checked = await f.provider.check({}, f.inputs(EDGE1, { timeoutMinutes: 60 }));
      const { outs } = await f.up(f.inputs(EDGE1, { timeoutMinutes: 60 }));

      expect(Object.keys(signatures()).length).toBeGreaterThanOrEqual(3);
      expectNoneOf(signatures(), JSON.stringify([outs, checked]));
      expectNoneOf(signatures(), reported());
    });

    it("not in a failed wait's error, its cause chain or the state it carries, after renewals and connections reset under calls that carried them", async () => {
      f = await edisFixture({ sessionSeconds: SESSION_SECONDS, reinstallSeconds: 1200 });
      // Every get/power after the first few is reset mid-call: got's errors hold the form, signature included.
      f.sim.inject({ route: EDIS_ROUTES.power, kind: "reset", skip: 4, times: 1000 });
      const error = await failureOf(f.up(f.inputs(EDGE1, { timeoutMinutes: 2 })));

      expect(error.properties).toMatchObject({ kvmId: EDGE1, __waitPending: true });
      expect(sentTo(f.sim, EDIS_ROUTES.power).filter((e) => e.status === 0).length).toBeGreaterThan(0);
      expect(Object.keys(signatures()).length).toBeGreaterThanOrEqual(2);
      expectNoneOf(signatures(), everythingIn(error));
      expectNoneOf(signatures(), JSON.stringify(error.properties));
      expectNoneOf(signatures(), reported());
    });

    it("not in the error of a refused session whose renewal was refused too", async () => {
      f = await edisFixture();
      f.sim.expireSessionsBefore(EDIS_ROUTES.reinstall);
      f.sim.inject({ route: EDIS_ROUTES.auth, kind: "status", status: 401, skip: 1, times: 5 });
      const error = await failureOf(f.up(f.inputs()));

      expect(error).toMatchObject({ code: "CONFIG_ERROR" });
      expectNoneOf({ ...signatures(), accountPassword: f.sim.credentials.password }, everythingIn(error));
      expectNoneOf(signatures(), reported());
    });
  });
});
