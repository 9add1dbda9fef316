import { failureText, progressForms } from "./support/normalised";
import { failureOf } from "./support/failure-of";
import { SERIALIZED } from "./support/host";
import { EDGE1, closedPort, edisFixture, upWithUnwritableJournal, type EdisFixture } from "./support/edis";
import { EDIS_ROUTES } from "pulumi-reinstall-simulator";

/**
 * The full text of what KvmReinstall tells the user, each distinct message pinned once (issue 11): errors with the
 * call, EDIS's answer and the next step, warnings, and one progress line of each form, from the real provider
 * against the EDIS simulator in virtual time. The VPS's readiness port is a fresh listener each run: `<port>`.
 */
describe("KvmReinstall message texts", () => {
  let f: EdisFixture;
  afterEach(() => f.close());

  const port = () => ({ port: f.sim.vps(EDGE1).port });
  const rotated = "An0ther-Secret!pw";

  it("a reinstall's progress, a changed input's warning, and delete's", async () => {
    f = await edisFixture();
    const { id, outs } = await f.up(f.inputs());
    const progress = progressForms(f.events, port());
    expect(progress).toMatchInlineSnapshot(`
[
  "kvm_123456_789012: reinstall of cloudinit_debian-bookworm accepted by EDIS",
  "kvm_123456_789012: waiting for the old system to go down (port <port> still answers, power on), 5s",
  "kvm_123456_789012: port <port> closed: reinstalling, 35s",
  "kvm_123456_789012: installing (port <port> closed), 36s",
  "kvm_123456_789012: port <port> answers (first boot), 3m30s",
  "kvm_123456_789012: port <port> closed after first boot, 4m15s",
  "kvm_123456_789012: rebooting after first boot (port <port> closed), 4m20s",
  "kvm_123456_789012: port <port> answers (1 in a row), 4m30s",
  "kvm_123456_789012: ready: port <port> answered 3 times in a row, 4m32s",
  "kvm_123456_789012: cloudinit_debian-bookworm ready after 4m32s (4 API calls)",
]
`);
    const news = (await f.provider.check(outs, f.inputs(EDGE1, { password: rotated, image: "cloudinit_debian-trixie" }))).inputs;
    await f.provider.diff(id, outs, news);
    await f.provider.delete(id, outs);
    const after = [...f.warnings, f.events.at(-1)!.message];
    expect(after).toMatchInlineSnapshot(`
[
  "KvmReinstall kvm_123456_789012: this update REINSTALLS kvm_123456_789012 and erases its disk (changed: image, password)",
  "kvm_123456_789012: forgotten; the VPS keeps its operating system",
]
`);
  });

  it("EDIS refusing the reinstall, and refusing the session with no new one to be had", async () => {
    f = await edisFixture();
    f.sim.inject({ route: EDIS_ROUTES.reinstall, kind: "status", status: 400, body: { error: "Invalid parameters provided.", code: 400 } });
    const refused = await failureOf(f.up(f.inputs()));
    f.sim.inject({ route: EDIS_ROUTES.reinstall, kind: "status", status: 401 });
    f.sim.inject({ route: EDIS_ROUTES.auth, kind: "status", status: 503, times: 10 });
    const noSession = await failureOf(f.up(f.inputs()));
    expect([failureText(refused), failureText(noSession)]).toMatchInlineSnapshot(`
[
  "EDIS_API_ERROR: KvmReinstall kvm_123456_789012: EDIS refused the reinstall; nothing was started
  call: POST 127.0.0.1:<port>/kvm/v2/set/reinstall
  API said: HTTP 400 "Invalid parameters provided."
  next: fix the request as EDIS says, then run \`pulumi up\` again",
  "EDIS_API_ERROR: KvmReinstall kvm_123456_789012: EDIS refused the session and a new one could not be had; the call was not sent
  call: POST 127.0.0.1:<port>/kvm/v2/get/auth
  API said: HTTP 503 "Service Unavailable"
  next: EDIS had a problem or is busy: run \`pulumi up\` again",
]
`);
  });

  it("a session EDIS refuses on a read, when a new one cannot be had", async () => {
    f = await edisFixture();
    f.sim.inject({ route: EDIS_ROUTES.images, kind: "status", status: 401 });
    f.sim.inject({ route: EDIS_ROUTES.auth, kind: "status", status: 503, skip: 1, times: 10 });
    expect(failureText(await failureOf(f.provider.check({}, f.inputs())))).toMatchInlineSnapshot(`
"EDIS_API_ERROR: KvmReinstall kvm_123456_789012: EDIS refused the session and a new one could not be had; the call was not sent
  call: POST 127.0.0.1:<port>/kvm/v2/get/auth
  API said: HTTP 503 "Service Unavailable"
  next: EDIS had a problem or is busy: run \`pulumi up\` again"
`);
  });

  it("a reinstall call without a clear answer, and its wait resumed long after", async () => {
    f = await edisFixture();
    f.sim.inject({ route: EDIS_ROUTES.reinstall, kind: "status", status: 502, when: "after" });
    const ambiguous = await failureOf(f.up(f.inputs()));
    f.clock.advance(3600_000);
    const news = (await f.provider.check(ambiguous.properties!, f.inputs())).inputs;
    const stuck = await failureOf(f.provider.update(EDGE1, ambiguous.properties!, news));
    expect([failureText(ambiguous, port()), failureText(stuck, port())]).toMatchInlineSnapshot(`
[
  "AMBIGUOUS_START: KvmReinstall kvm_123456_789012: the reinstall request for kvm_123456_789012 failed without a clear answer: the VPS may or may not be reinstalling
  call: POST 127.0.0.1:<port>/kvm/v2/set/reinstall
  API said: HTTP 502 "Bad Gateway"
  next: run \`pulumi up\` again: it watches the VPS for this reinstall and sends none; if the VPS console (VPS Management Portal) shows that nothing happened, change \`triggers\` to reinstall",
  "WAIT_TIMEOUT: KvmReinstall kvm_123456_789012: kvm_123456_789012 is not ready after 1h30m: the old system never went down (port <port> kept answering); the reinstall goes on at EDIS
  call: TCP 127.0.0.1:<port>
  next: check the VPS console (screenshot in the VPS Management Portal): if it shows the new system, the reinstall ended while nobody watched: set waitForReady: false for one run to record it; if it shows the old one, nothing happened: change \`triggers\` to reinstall",
]
`);
  });

  it("a wait past timeoutMinutes", async () => {
    f = await edisFixture();
    const error = await failureOf(f.up(f.inputs(EDGE1, { timeoutMinutes: 2 })));
    expect(failureText(error, port())).toMatchInlineSnapshot(`
"WAIT_TIMEOUT: KvmReinstall kvm_123456_789012: kvm_123456_789012 is not ready after 2m00s: port <port> has not answered since the reinstall began; the reinstall goes on at EDIS
  call: TCP 127.0.0.1:<port>
  next: run \`pulumi up\` again to resume waiting (no second reinstall is started), or raise timeoutMinutes; if a firewall in your cloud-init closes the port, set readinessPort or waitForReady: false"
`);
  });

  it("a reinstall an interrupted run sent: waited for, or refused with waitForReady: false, and the warning of an update cut off", async () => {
    f = await edisFixture();
    await failureOf(f.up(f.inputs(EDGE1, { timeoutMinutes: 0.5 })));
    const same = await f.restart();
    await same.up(f.inputs(EDGE1, { timeoutMinutes: 30 }));
    await failureOf(f.up(f.inputs(EDGE1, { password: rotated, timeoutMinutes: 0.5 })));
    const other = await f.restart();
    const unseen = await failureOf(other.up(f.inputs(EDGE1, { waitForReady: false })));
    const { outs } = await other.up(f.inputs(EDGE1, { timeoutMinutes: 30 }));
    expect([...same.warnings, ...other.warnings, failureText(unseen)]).toMatchInlineSnapshot(`
[
  "KvmReinstall kvm_123456_789012: an earlier run, interrupted, sent a reinstall of cloudinit_debian-bookworm at 2026-11-22T06:00:00.000Z; waiting for it instead of sending another. To reinstall anyway, change \`triggers\`",
  "KvmReinstall kvm_123456_789012: an earlier run, interrupted, sent a reinstall of cloudinit_debian-bookworm at 2026-11-22T06:04:32.000Z with other inputs than these; waiting for it to end, then reinstalling as declared",
  "TASK_ALREADY_RUNNING: KvmReinstall kvm_123456_789012: a reinstall was sent to kvm_123456_789012 at 2026-11-22T06:04:32.000Z (an earlier run, interrupted, sent it with other inputs); with waitForReady: false this run cannot see it end, so it sends none over it
  call: POST 127.0.0.1:<port>/kvm/v2/set/reinstall
  next: set waitForReady: true (this run then waits for it and reinstalls as declared), or run \`pulumi up\` again once the VPS console shows it finished",
]
`);

    const cut = await failureOf(
      other.provider.update(EDGE1, outs, (await other.provider.check(outs, f.inputs(EDGE1, { password: "Th1rd-Secret!pw", timeoutMinutes: 0.5 }))).inputs),
    );
    expect(cut).toMatchObject({ code: "WAIT_TIMEOUT" });
    const reverted = (await other.provider.check(outs, f.inputs(EDGE1, { timeoutMinutes: 30 }))).inputs;
    await other.provider.diff(EDGE1, outs, reverted);
    expect(other.warnings.at(-1)).toMatchInlineSnapshot(
      `"KvmReinstall kvm_123456_789012: an interrupted run on this machine sent a reinstall with other inputs than these at 2026-11-22T06:13:36.000Z; this update waits for it, then REINSTALLS kvm_123456_789012 as declared and erases its disk"`,
    );
  });

  it("a run killed while its reinstall call was in flight, re-run too late to tell", async () => {
    f = await edisFixture();
    f.sim.inject({ route: EDIS_ROUTES.reinstall, kind: "status", status: 502, when: "after" });
    await failureOf(f.up(f.inputs()));
    f.clock.advance(10 * 60_000);
    const next = await f.restart();
    expect(failureText(await failureOf(next.up(f.inputs())))).toMatchInlineSnapshot(`
"UNOBSERVED_START: KvmReinstall kvm_123456_789012: an earlier run on this machine was killed while its call for a reinstall of cloudinit_debian-bookworm on kvm_123456_789012, sent at 2026-11-22T06:00:00.000Z, had no answer yet; a reinstall EDIS took would have taken the old system down by 2026-11-22T06:02:00.000Z, but this run began at 2026-11-22T06:10:00.000Z, too late to see that, and a fresh system that came up since looks like the old one: this run cannot tell whether that reinstall happened, and sends none
  call: POST 127.0.0.1:<port>/kvm/v2/set/reinstall
  next: check the VPS console (screenshot in the VPS Management Portal): if it shows the new system, the reinstall ended while nobody watched: set waitForReady: false for one run to record it; if it shows nothing happened, change \`triggers\` to reinstall"
`);
    // Declared since with another image: that call was not this declaration's, and the way out is another.
    expect(failureText(await failureOf(next.up(f.inputs(EDGE1, { image: "debian-bullseye" }))))).toMatchInlineSnapshot(`
"UNOBSERVED_START: KvmReinstall kvm_123456_789012: an earlier run on this machine was killed while its call for a reinstall of cloudinit_debian-bookworm with other inputs than these on kvm_123456_789012, sent at 2026-11-22T06:00:00.000Z, had no answer yet; a reinstall EDIS took would have taken the old system down by 2026-11-22T06:02:00.000Z, but this run began at 2026-11-22T06:10:00.000Z, too late to see that, and a fresh system that came up since looks like the old one: this run cannot tell whether that reinstall happened, and sends none
  call: POST 127.0.0.1:<port>/kvm/v2/set/reinstall
  next: check the VPS console (screenshot in the VPS Management Portal): to reinstall as declared, change \`triggers\`; if it shows nothing happened and no reinstall is wanted, this machine's record of that call lapses at 2026-11-23T06:00:00.000Z"
`);
  });

  it("a VPS found down: watched, then reinstalled; or found reinstalling, then waited for", async () => {
    f = await edisFixture();
    const closed = await closedPort();
    const error = await failureOf(f.up(f.inputs(EDGE1, { readinessPort: closed, timeoutMinutes: 20 })));
    const watched = [...progressForms(f.events, { port: closed }), failureText(error, { port: closed })];
    expect(watched).toMatchInlineSnapshot(`
[
  "kvm_123456_789012: port <port> does not answer: a reinstall may be under way (an interrupted run's?); watching it for up to 8m00s before starting one",
  "kvm_123456_789012: installing (port <port> closed), 1s",
  "kvm_123456_789012: nothing is reinstalling; starting the reinstall",
  "kvm_123456_789012: reinstall of cloudinit_debian-bookworm accepted by EDIS",
  "kvm_123456_789012: port <port> closed: reinstalling, 5s",
  "WAIT_TIMEOUT: KvmReinstall kvm_123456_789012: kvm_123456_789012 is not ready after 20m00s: port <port> has not answered since the reinstall began; the reinstall goes on at EDIS
  call: TCP 127.0.0.1:<port>
  next: run \`pulumi up\` again to resume waiting (no second reinstall is started), or raise timeoutMinutes; if a firewall in your cloud-init closes the port, set readinessPort or waitForReady: false",
]
`);
    await f.close();

    f = await edisFixture();
    await f.up(f.inputs(EDGE1, { waitForReady: false }));
    f.clock.advance(60_000);
    const next = await f.restart();
    await next.up(f.inputs());
    expect(next.warnings.map((w) => w.split(String(f.sim.vps(EDGE1).port)).join("<port>"))).toMatchInlineSnapshot(`
[
  "KvmReinstall kvm_123456_789012: port <port> was closed when this run began and then came up: a reinstall was under way (most likely an interrupted run's), so none was started. To reinstall anyway, change \`triggers\`",
]
`);
  });

  it("account, VPS and machine problems: a refused login, a suspended VPS, an unknown one, an unwritable journal", async () => {
    f = await edisFixture();
    const bad = await edisFixture({ env: { EDIS_SESSION_URL: f.sim.sessionUrl, EDIS_EMAIL: f.sim.credentials.email, EDIS_PASSWORD: "wrong-edis-password" } });
    const login = await failureOf(bad.provider.check({}, bad.inputs())).finally(() => bad.close());
    const unknown = await failureOf(f.provider.create({ ...f.inputs(), kvmId: "kvm_999999_999999", __provider: SERIALIZED }));
    const { error: journal } = await upWithUnwritableJournal(f);
    f.sim.suspend(EDGE1);
    const suspended = await failureOf(f.up(f.inputs()));
    const texts = [login, unknown, journal, suspended].map((e) => failureText(e, { pid: process.pid }));
    expect(texts).toMatchInlineSnapshot(`
[
  "CONFIG_ERROR: KvmReinstall kvm_123456_789012: EDIS refused the login of EDIS_EMAIL (environment) and EDIS_PASSWORD (environment)
  call: POST 127.0.0.1:<port>/kvm/v2/get/auth
  API said: HTTP 401 "Unauthorized"
  next: set the client-area login's email in EDIS_EMAIL (environment) and its password in EDIS_PASSWORD (environment), and check that API access is enabled in the VPS Management Portal",
  "INVALID_INPUT: KvmReinstall kvm_999999_999999: no VPS "kvm_999999_999999" in this EDIS account; VPSes: kvm_123456_789012 (edge-1), kvm_123456_789013 (edge-2), kvm_123456_789014 (win-1)
  call: POST 127.0.0.1:<port>/kvm/v2/get/auth
  next: fix kvmId (it reads like kvm_123456_789012, see the VPS Management Portal)",
  "CONFIG_ERROR: KvmReinstall kvm_123456_789012: cannot write the intent journal in <tmp>/reinstall-journal-blocked-<pid> (EEXIST); nothing was sent
  next: make that directory writable, or set PULUMI_REINSTALL_JOURNAL_DIR to a writable directory, then run \`pulumi up\` again",
  "EDIS_API_ERROR: KvmReinstall kvm_123456_789012: VPS kvm_123456_789012 is suspended (suspended: "y")
  call: POST 127.0.0.1:<port>/kvm/v2/get/auth
  next: settle the suspension with EDIS (client area or support), then run \`pulumi up\` again",
]
`);
  });
});
