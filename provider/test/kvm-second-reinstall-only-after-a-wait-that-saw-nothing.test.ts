import { EDIS_ROUTES, type EdisSimOptions } from "pulumi-reinstall-simulator";
import { kvmReinstallProvider } from "../src/edis/kvm-reinstall/provider";
import { hosted, type Props } from "./support/host";
import { failureOf } from "./support/failure-of";
import { EDGE1, edisAccountEnv, edisFixture, type EdisFixture } from "./support/edis";

const iso = (ms: number) => new Date(ms).toISOString();

/**
 * A reinstall whose start was ambiguous is left in state as a pending wait. An update that reinstalls (`triggers`
 * changed, as the error says to do when the console shows nothing happened) first resumes that wait; only when it
 * timed out having never seen the old system go down, more than the two minutes (times the time scale) a reinstall
 * takes to bring it down after the call, does a second set/reinstall go. Any other outcome is the answer, and
 * nothing more is sent.
 */
describe("KvmReinstall: a second set/reinstall only after a resumed wait that saw nothing of the first", () => {
  let f: EdisFixture;
  afterEach(() => f.close());

  /**
   * Up 1's set/reinstall gets a 502 (`when`: before EDIS acted, or after): an ambiguous start, kept in state as a
   * pending wait. Returns that state and when the call went out.
   */
  async function ambiguousStart(options: EdisSimOptions & { timeScale?: number; when?: "before" | "after" } = {}) {
    const { timeScale = 1, when = "before", ...sim } = options;
    f = await edisFixture({ ...sim, timeScale });
    f.sim.inject({ route: EDIS_ROUTES.reinstall, kind: "status", status: 502, when });
    const error = await failureOf(f.up(f.inputs(EDGE1, { timeoutMinutes: 10 })));
    expect(error).toMatchObject({ code: "AMBIGUOUS_START" });
    const state = error.properties!;
    expect(state).toMatchObject({ __waitPending: true });
    expect(state).not.toHaveProperty("__accepted");
    const sentAt = f.sim.journal.find((e) => e.route === EDIS_ROUTES.reinstall)!.at;
    expect(state.reinstalledAt).toBe(iso(sentAt));
    return { state, sentAt };
  }

  /** The next up with `triggers` changed: an update that reinstalls, over the pending wait. */
  async function reinstallOver(state: Props, timeoutMinutes: number) {
    const news = (await f.provider.check(state, f.inputs(EDGE1, { timeoutMinutes, triggers: ["the console showed nothing"] }))).inputs;
    return f.provider.update(EDGE1, state, news).then(
      () => undefined,
      (e: Error & { code?: string; properties?: Props }) => e,
    );
  }

  /** set/reinstall calls made, and reinstalls EDIS carried out. */
  const sent = () => ({ calls: f.reinstalls(), accepted: f.sim.vps(EDGE1).reinstalls });

  it("EDIS answering 500 on get/power while the wait is resumed: the update fails with that answer and sends nothing more", async () => {
    const { state } = await ambiguousStart();
    f.clock.advance(3 * 60_000); // long past the two minutes: only the kind of failure decides now
    f.sim.inject({ route: EDIS_ROUTES.power, kind: "status", status: 500, times: 1_000 });
    const error = await reinstallOver(state, 5);
    expect(error).toMatchObject({ code: "EDIS_API_ERROR" });
    expect(error!.message).toMatch(/EDIS answered HTTP 500\n\s+call: POST \S+\/kvm\/v2\/get\/power/);
    expect(sent()).toEqual({ calls: 1, accepted: 0 });
  });

  it("the old system seen going down, then the wait timed out (the VPS not up yet): the reinstall is kept in state, not sent again", async () => {
    // A reinstall of 20 minutes: the old system goes down 2 minutes after the call, and is not up 3 minutes after it.
    const { state, sentAt } = await ambiguousStart({ reinstallSeconds: 1_200, when: "after" });
    const error = await reinstallOver(state, 3);
    expect(error).toMatchObject({ code: "WAIT_TIMEOUT" });
    expect(error!.properties).toMatchObject({ reinstalledAt: iso(sentAt), downSeenAt: expect.any(String), __waitPending: true });
    expect(sent()).toEqual({ calls: 1, accepted: 1 });
  });

  it.each([
    ["at time scale 1, timed out one minute after the call", 1, 0, 1, false],
    ["at time scale 1, timed out exactly two minutes after the call", 1, 0, 2, false],
    ["at time scale 1, timed out just over two minutes after the call", 1, 1, 2, true],
    ["at time scale 0.5, timed out exactly one minute after the call", 0.5, 0, 1, false],
    ["at time scale 0.5, timed out just over one minute after the call", 0.5, 1, 1, true],
  ])("never seen going down, %s: sent again only past the two minutes (scaled)", async (_when, timeScale, delayMs, timeoutMinutes, again) => {
    const { state, sentAt } = await ambiguousStart({ timeScale });
    f.clock.advance(sentAt + delayMs - f.clock.now());
    const error = await reinstallOver(state, timeoutMinutes);
    if (!again) {
      expect(error).toMatchObject({ code: "WAIT_TIMEOUT" });
      expect(error!.message).toContain("the old system never went down");
      expect(error!.properties).toMatchObject({ reinstalledAt: iso(sentAt), __waitPending: true });
    }
    expect(sent()).toEqual(again ? { calls: 2, accepted: 1 } : { calls: 1, accepted: 0 });
  });

  it("a stop already signalled when set/reinstall is about to go (the look-ups before it do not look at it): INTERRUPTED, saying nothing was sent", async () => {
    f = await edisFixture();
    const stop = new AbortController();
    const host = await hosted(kvmReinstallProvider, f.clock, edisAccountEnv(f.sim), {}, { stopping: { signal: stop.signal, run: (work) => work() } });
    stop.abort("SIGTERM");
    const error = await failureOf(host.up(f.inputs()));
    expect(error).toMatchObject({ code: "INTERRUPTED" });
    expect(error.message).toBe(
      `KvmReinstall ${EDGE1}: the provider was told to stop (SIGTERM) while about to reinstall ${EDGE1}; nothing was sent\n  next: run \`pulumi up\` again: it resumes from what is recorded in state and starts no second reinstall`,
    );
    expect(f.reinstalls()).toBe(0);
  });
});
