import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { EDIS_ROUTES } from "pulumi-reinstall-simulator";
import { IntentJournal } from "../src/intent-journal";
import { EDGE1, edisFixture, type EdisFixture } from "./support/edis";
import { failureOf } from "./support/failure-of";

/**
 * Review of the 401 resend (sessions.ts withSession, start-reinstall.ts sendReinstall). The intent journal is written
 * once, before the first try; when EDIS refuses the session, the renewal can take a minute of login retries before
 * the resend goes out. A run killed after that resend must take the reinstall as sent when the resend went, not
 * when the refused try went: otherwise it gives up watching before the old system goes down, and sends a second one.
 */
describe("review: KvmReinstall, a set/reinstall resent after a refused session", () => {
  let f: EdisFixture;
  afterEach(() => f.close());

  it("killed after a resend that came a minute after the refused try: the next run waits for that reinstall and sends none", async () => {
    // The old system stops 90 s after EDIS takes the call (0.1 of 900 s): within the two minutes a reinstall is given.
    f = await edisFixture({ reinstallSeconds: 900 });
    f.sim.expireSessionsBefore(EDIS_ROUTES.reinstall);
    // The renewal's login answers 503 five times: read retries wait 2+4+8+16+30 s before the sixth one gets a session.
    f.sim.inject({ route: EDIS_ROUTES.auth, kind: "status", status: 503, skip: 1, times: 5 });
    // The resend reaches EDIS, which acts; its answer is lost (a 502 after acting) and the run is killed.
    f.sim.inject({ route: EDIS_ROUTES.reinstall, kind: "status", status: 502, when: "after", skip: 1 });
    expect(await failureOf(f.up(f.inputs()))).toMatchObject({ code: "AMBIGUOUS_START" });
    const sent = f.sim.journal.filter((e) => e.route === EDIS_ROUTES.reinstall);
    expect(sent.map((e) => e.status)).toEqual([401, 502]);
    expect(sent[1].at - sent[0].at).toBeGreaterThanOrEqual(60_000);
    expect(f.sim.vps(EDGE1).reinstalls).toBe(1);

    const next = await f.restart();
    const { outs } = await next.up(f.inputs(EDGE1, { timeoutMinutes: 30 }));

    expect(outs.readyAt).toEqual(expect.any(String));
    expect(f.sim.vps(EDGE1).reinstalls).toBe(1);
    expect(f.reinstalls()).toBe(2);
  });
});

describe("review: KvmReinstall, a run killed while it renews a refused session", () => {
  let f: EdisFixture;
  let dir: string;
  afterEach(async () => {
    await f.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("the intent journal holds no reinstall for the VPS then: the refused try did nothing, so the next run has none to wait for", async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "review-journal-"));
    f = await edisFixture({
      env: (sim) => ({
        EDIS_SESSION_URL: sim.sessionUrl,
        EDIS_EMAIL: sim.credentials.email,
        EDIS_PASSWORD: sim.credentials.password,
        PULUMI_REINSTALL_JOURNAL_DIR: dir,
      }),
    });
    f.sim.expireSessionsBefore(EDIS_ROUTES.reinstall);
    // The renewal's login hangs: the run is still renewing when it is killed (here: when the simulator goes away).
    f.sim.inject({ route: EDIS_ROUTES.auth, kind: "hang", skip: 1 });
    const run = failureOf(f.up(f.inputs()));
    while (f.sim.count({ route: EDIS_ROUTES.auth }) < 2) await new Promise((resolve) => setTimeout(resolve, 20));

    expect(f.sim.journal.filter((e) => e.route === EDIS_ROUTES.reinstall).map((e) => e.status)).toEqual([401]);
    expect(new IntentJournal(dir).read(`edis_${EDGE1}`, f.clock.now())).toBeUndefined();
    await f.sim.close();
    await run;
  });
});
