import { EDIS_ROUTES } from "pulumi-reinstall-simulator";
import { kvmReinstallProvider } from "../src/edis/kvm-reinstall/provider";
import { readinessSchedule } from "../src/edis/kvm-reinstall/wait";
import type { ProgressEvent } from "../src/progress";
import { hosted, type Props } from "./support/host";
import { failureOf } from "./support/failure-of";
import { EDGE1, edisAccountEnv, edisFixture, type EdisFixture } from "./support/edis";

const iso = (ms: number) => new Date(ms).toISOString();

/**
 * A wait that an earlier up left pending is resumed from what state kept of it: an accepted reinstall whose old
 * system nobody saw go down, or a reinstall found under way whose fresh system was seen rebooting.
 */
describe("KvmReinstall, a pending wait resumed from state", () => {
  let f: EdisFixture;
  afterEach(() => f.close());

  /** The engine's next up (unchanged inputs unless `extra`): update with what the failed up's error carried. */
  const resume = async (state: Props, extra: Props = {}) => f.provider.update(EDGE1, state, (await f.provider.check(state, f.inputs(EDGE1, extra))).inputs);

  /**
   * Up 1 sends the reinstall, EDIS accepts it, and the wait times out (15 s) while the old system still answers: state
   * keeps it accepted, never seen going down. Up 2 (inputs changed by `extra` only) resumes at `downBy + offsetMs`,
   * downBy being the call plus the two minutes a reinstall takes to bring the old system down, in the provider's time
   * scale. It sends nothing.
   */
  async function resumedAfterAcceptance(timeScale: number, offsetMs: number, extra: Props = {}) {
    f = await edisFixture({ timeScale });
    const cut = await failureOf(f.up(f.inputs(EDGE1, { timeoutMinutes: 0.25 })));
    expect(cut).toMatchObject({ code: "WAIT_TIMEOUT" });
    const state = cut.properties!;
    expect(state).toMatchObject({ __waitPending: true, __accepted: true });
    expect(state).not.toHaveProperty("downSeenAt");
    const sentAt = f.sim.journal.find((e) => e.route === EDIS_ROUTES.reinstall)!.at;
    expect(state.reinstalledAt).toBe(iso(sentAt));
    f.clock.advance(sentAt + readinessSchedule.downWithinMs * timeScale + offsetMs - f.clock.now());
    const began = f.clock.now();
    const { outs } = await resume(state, extra);
    expect(outs).toMatchObject({ reinstalledAt: iso(sentAt) });
    expect(f.reinstalls()).toBe(1);
    return { sentAt, began, outs };
  }

  it.each([
    ["at time scale 1, exactly at downBy", 1],
    ["at time scale 0.5, exactly at downBy (one minute after the call)", 0.5],
  ])("resumed %s: taken as gone down at the call, only its coming up is awaited", async (_when, timeScale) => {
    const { sentAt, outs } = await resumedAfterAcceptance(timeScale, 0);
    expect(outs).toMatchObject({ downSeenAt: iso(sentAt), readyAt: expect.any(String) });
  });

  it.each([
    ["exactly at downBy", 0, true],
    ["just before downBy", -1, false],
  ])(
    "resumed %s with waitForReady: false: the accepted reinstall is recorded, as gone down at the call only from downBy on",
    async (_when, offsetMs, goneDown) => {
      const { sentAt, outs } = await resumedAfterAcceptance(1, offsetMs, { waitForReady: false });
      expect(outs.downSeenAt).toBe(goneDown ? iso(sentAt) : undefined);
      expect(outs).toMatchObject({ waitForReady: false });
      expect(outs).not.toHaveProperty("readyAt");
    },
  );

  it("resumed just before downBy: the old system is still to be seen going down, at the first check", async () => {
    const { began, outs } = await resumedAfterAcceptance(1, -1);
    expect(outs).toMatchObject({ downSeenAt: iso(began + readinessSchedule.firstCheckMs), readyAt: expect.any(String) });
  });

  it("a reinstall found under way, stopped after its fresh system was seen rebooting: state keeps the wait, and the next up finishes it without sending one", async () => {
    f = await edisFixture();
    // Someone else's reinstall (another machine, the VPS Management Portal): this fixture's provider sends it and does not wait.
    await f.up(f.inputs(EDGE1, { waitForReady: false }));
    f.clock.advance(60_000); // installing: the port is closed
    const stop = new AbortController();
    const events: ProgressEvent[] = [];
    const other = await hosted(
      kvmReinstallProvider,
      f.clock,
      edisAccountEnv(f.sim),
      {},
      {
        stopping: { signal: stop.signal, run: (work) => work() },
        progress: (e) => {
          events.push(e);
          if (/rebooting after first boot/.test(e.message)) stop.abort("SIGINT");
        },
      },
    );
    const foundAt = f.clock.now();
    const error = await failureOf(other.up(f.inputs()));
    expect(events.map((e) => e.message)).toContainEqual(expect.stringMatching(/does not answer: a reinstall may be under way/));
    expect(error).toMatchObject({ code: "INTERRUPTED" });
    expect(error.message).toContain(`the provider was told to stop (SIGINT) while waiting for ${EDGE1} to come up`);
    // A fresh system's reboot was seen: a reinstall is under way, and state must keep waiting for it.
    expect(error.properties).toMatchObject({ __waitPending: true, reinstalledAt: iso(foundAt), downSeenAt: iso(foundAt) });
    const { outs } = await resume(error.properties!);
    expect(outs).toMatchObject({ reinstalledAt: iso(foundAt), readyAt: expect.any(String) });
    expect(f.reinstalls()).toBe(1);
  });
});
