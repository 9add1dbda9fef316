import { readinessSchedule } from "../src/edis/kvm-reinstall/wait";
import { failureOf } from "./support/failure-of";
import { EDGE1, closedPort, edisFixture, phaseStartMs, upWithUnwritableJournal, type EdisFixture } from "./support/edis";
import { EDIS_ROUTES } from "pulumi-reinstall-simulator";

describe("KvmReinstall never sends a second reinstall while one is under way", () => {
  let f: EdisFixture;
  afterEach(() => f.close());

  it("a run cut off after EDIS accepted leaves a journal entry; the next run on the same machine waits for that reinstall and sends none", async () => {
    f = await edisFixture();
    const program = f.inputs(EDGE1, { timeoutMinutes: 0.5 });
    const cutOff = await failureOf(f.up(program));
    expect(cutOff).toMatchObject({ code: "WAIT_TIMEOUT" });
    // The engine dropped the create (as after a SIGKILL): the next run starts from nothing but this machine.
    const next = await f.restart();
    const { outs } = await next.up({ ...program, timeoutMinutes: 30 });
    expect(outs).toMatchObject({ readyAt: expect.any(String), reinstalledAt: cutOff.properties!.reinstalledAt });
    expect(f.reinstalls()).toBe(1);
    expect(next.warnings).toEqual([
      expect.stringMatching(
        /an earlier run, interrupted, sent a reinstall of cloudinit_debian-bookworm at .*; waiting for it instead of sending another\. To reinstall anyway, change `triggers`/,
      ),
    ]);
  });

  it("the journal does not stand in the way of a reinstall that state already records", async () => {
    f = await edisFixture();
    const program = f.inputs(EDGE1, { timeoutMinutes: 0.5 });
    const state = (await failureOf(f.up(program))).properties!;
    // That reinstall ends (5 minutes) while its journal entry still lives (the wait's 30 s plus the 8-minute window).
    f.clock.advance(5 * 60_000);
    expect(f.sim.vps(EDGE1).portOpen).toBe(true);
    const rotated = (await f.provider.check(state, { ...program, password: "An0ther-Secret!pw", timeoutMinutes: 30 })).inputs;
    await f.provider.update(EDGE1, state, rotated);
    expect(f.reinstalls()).toBe(2);
  });

  it("a reinstall of another image, declared after an interrupted run sent one: waits for that one to end, then sends the declared one", async () => {
    f = await edisFixture();
    await failureOf(f.up(f.inputs(EDGE1, { timeoutMinutes: 0.5 })));
    const next = await f.restart();
    const { outs } = await next.up(f.inputs(EDGE1, { image: "debian-bullseye" }));
    expect(outs).toMatchObject({ image: "debian-bullseye", readyAt: expect.any(String) });
    const sent = f.sim.journal.filter((e) => e.route === EDIS_ROUTES.reinstall);
    expect(sent.map((e) => (e.body as { image: string }).image)).toEqual(["cloudinit_debian-bookworm", "debian-bullseye"]);
    // The second went out only once the first had brought its system up.
    expect(sent[1].at - sent[0].at).toBeGreaterThanOrEqual(270_000);
    expect(f.sim.vps(EDGE1).image).toBe("debian-bullseye");
  });

  it("with waitForReady off, sends nothing over a reinstall an interrupted run sent with other inputs", async () => {
    f = await edisFixture();
    await failureOf(f.up(f.inputs(EDGE1, { timeoutMinutes: 0.5 })));
    const next = await f.restart();
    const error = await failureOf(next.up(f.inputs(EDGE1, { image: "debian-bullseye", waitForReady: false })));
    expect(error).toMatchObject({ code: "TASK_ALREADY_RUNNING" });
    expect(error.message).toMatch(/with waitForReady: false this run cannot see it end, so it sends none over it[\s\S]*set waitForReady: true/);
    expect(f.reinstalls()).toBe(1);
  });

  it("without a journal entry (another machine, or waitForReady off), a VPS found reinstalling (its port closed) is waited for instead of reinstalled again", async () => {
    f = await edisFixture();
    await f.up(f.inputs(EDGE1, { waitForReady: false }));
    f.clock.advance(60_000);
    expect(f.sim.vps(EDGE1).portOpen).toBe(false);
    const next = await f.restart();
    const { outs } = await next.up(f.inputs());
    expect(outs).toMatchObject({ readyAt: expect.any(String) });
    expect(f.reinstalls()).toBe(1);
    expect(next.warnings).toEqual([expect.stringMatching(/was closed when this run began and then came up: a reinstall was under way .*none was started/)]);
  });

  it("a VPS found reinstalling whose first boot answers before the watch window ends, and whose final reboot comes after it, is waited for to the end and not reinstalled again", async () => {
    // A slow reinstall (15 minutes): first boot from 10m30s, final reboot from 12m45s, up for good from 13m30s.
    const seconds = 900;
    f = await edisFixture({ reinstallSeconds: seconds });
    await f.up(f.inputs(EDGE1, { waitForReady: false }));
    const sentAt = f.sim.journal.find((e) => e.route === EDIS_ROUTES.reinstall)!.at;
    // The next run finds it installing (port closed), so that its watch window ends a minute into the first boot.
    const windowEnd = sentAt + phaseStartMs("first-boot", seconds) + 60_000;
    f.clock.advance(windowEnd - readinessSchedule.underWayWithinMs.linux - f.clock.now());
    expect(f.sim.vps(EDGE1).portOpen).toBe(false);
    const next = await f.restart();
    const { outs } = await next.up(f.inputs());
    expect(f.reinstalls()).toBe(1);
    expect(Date.parse(outs.readyAt as string)).toBeGreaterThanOrEqual(sentAt + phaseStartMs("up", seconds));
    // What the watch saw on each side of its window's end: the first boot's answer before it, the reboot after it.
    const seenAt = (pattern: RegExp) => Date.parse(outs.reinstalledAt as string) + next.events.find((e) => pattern.test(e.message))!.elapsedSeconds * 1000;
    expect(seenAt(/answers \(first boot\)/)).toBeLessThan(windowEnd);
    expect(seenAt(/rebooting after first boot/)).toBeGreaterThan(windowEnd);
  });

  // A dry run's time scale shortens the window as it shortens the reinstall it waits for.
  it.each([
    [1, "8m00s"],
    [0.5, "4m00s"],
  ])("a VPS found down whose port never answers is reinstalled once, after watching it for the reinstall window (time scale %s)", async (timeScale, shown) => {
    f = await edisFixture({ timeScale });
    const port = await closedPort();
    const error = await failureOf(f.up(f.inputs(EDGE1, { readinessPort: port, timeoutMinutes: 20 })));
    expect(error).toMatchObject({ code: "WAIT_TIMEOUT" });
    const posts = f.sim.journal.filter((e) => e.route === EDIS_ROUTES.reinstall);
    expect(posts).toHaveLength(1);
    const window = readinessSchedule.underWayWithinMs.linux * timeScale;
    const waited = posts[0].at - f.sim.journal[0].at;
    expect(waited).toBeGreaterThanOrEqual(window);
    expect(waited).toBeLessThan(window + 60_000);
    expect(f.events.map((e) => e.message)).toEqual(
      expect.arrayContaining([
        expect.stringMatching(new RegExp(`does not answer: a reinstall may be under way .*; watching it for up to ${shown} before starting one`)),
        expect.stringMatching(/nothing is reinstalling; starting the reinstall/),
      ]),
    );
  });
});

describe("KvmReinstall's intent journal", () => {
  it("sends nothing when the journal cannot be written, and says where and what to do", async () => {
    const f = await edisFixture();
    try {
      const { error, blocked } = await upWithUnwritableJournal(f);
      expect(error).toMatchObject({ code: "CONFIG_ERROR" });
      expect(error.message).toContain(`cannot write the intent journal in ${blocked} (EEXIST); nothing was sent`);
      expect(error.message).toContain("set PULUMI_REINSTALL_JOURNAL_DIR to a writable directory");
      expect(f.reinstalls()).toBe(0);
    } finally {
      await f.close();
    }
  });
});
