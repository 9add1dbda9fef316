import { failureOf } from "./support/failure-of";
import { EDGE1, ROOT_PASSWORD, edisFixture, type EdisFixture } from "./support/edis";
import { everythingIn, expectNoneOf } from "./support/secrets";
import { EDIS_ROUTES } from "pulumi-reinstall-simulator";

const cloudConfig = "#cloud-config\nwrite_files:\n  - path: /etc/deploy-token\n    content: s3cr3t-deploy-token\n";

describe("KvmReinstall when things go wrong", () => {
  let f: EdisFixture;
  afterEach(() => f.close());

  it.each<[string, number, unknown, RegExp]>([
    ["400 {error, code}", 400, { error: "Invalid parameters provided.", code: 400 }, /HTTP 400 "Invalid parameters provided\."/],
    ["403 {error, code}", 403, { error: "Access to this resource is denied.", code: 403 }, /HTTP 403 "Access to this resource is denied\."/],
    ["200 {status: error, error}", 200, { status: "error", error: "Image is being updated, try later" }, /HTTP 200 "Image is being updated, try later"/],
    ["200 {status: error, message}", 200, { status: "error", message: "VPS is locked by another task" }, /HTTP 200 "VPS is locked by another task"/],
    [
      "400 {status: error, error_code}",
      400,
      { status: "error", error_code: "QUOTA_EXCEEDED", msg: "Too many reinstalls today" },
      /HTTP 400 QUOTA_EXCEEDED "Too many reinstalls today"/,
    ],
  ])("turns a refusal shaped %s into a clear message, once", async (_shape, status, body, said) => {
    f = await edisFixture();
    f.sim.inject({ route: EDIS_ROUTES.reinstall, kind: "status", status, body });
    const error = await failureOf(f.up(f.inputs()));
    expect(error).toMatchObject({ code: "EDIS_API_ERROR" });
    expect(error.message).toMatch(
      /^KvmReinstall kvm_123456_789012: EDIS refused the reinstall; nothing was started\n {2}call: POST 127\.0\.0\.1:\d+\/kvm\/v2\/set\/reinstall/,
    );
    expect(error.message).toMatch(said);
    expect(f.reinstalls()).toBe(1);
  });

  it.each<[string, Parameters<EdisFixture["sim"]["inject"]>[0]]>([
    ["a reset connection", { route: EDIS_ROUTES.reinstall, kind: "reset" }],
    ["a 502 after EDIS acted", { route: EDIS_ROUTES.reinstall, kind: "status", status: 502, when: "after" }],
    ["a 500 that is not JSON", { route: EDIS_ROUTES.reinstall, kind: "status", status: 500, body: "<html>Bad Gateway</html>" }],
    ["an answer slower than the request timeout", { route: EDIS_ROUTES.reinstall, kind: "latency", ms: 4_000, when: "after" }],
    [
      "a 503 whose words are about the session",
      { route: EDIS_ROUTES.reinstall, kind: "status", status: 503, body: { error: "session backend timeout" }, when: "after" },
    ],
    ["a 200 that is not JSON", { route: EDIS_ROUTES.reinstall, kind: "status", status: 200, text: "Notice: Undefined index <br>", when: "after" }],
    ["a 200 without a status", { route: EDIS_ROUTES.reinstall, kind: "status", status: 200, body: { data: [] }, when: "after" }],
  ])("never repeats a reinstall after %s, and says to look at the console first", async (_what, fault) => {
    f = await edisFixture();
    f.sim.inject(fault);
    const error = await failureOf(f.up(f.inputs()));
    expect(error).toMatchObject({ code: "AMBIGUOUS_START" });
    expect(error.message).toMatch(
      /failed without a clear answer: the VPS may or may not be reinstalling[\s\S]*next: run `pulumi up` again: it watches the VPS for this reinstall and sends none/,
    );
    expect(f.reinstalls()).toBe(1);
  });

  it.each<[string, Record<string, unknown>]>([
    ['"ok"', { status: "ok" }],
    ['"Success"', { status: "Success" }],
    ['"pending"', { status: "pending" }],
    ['"Error", in another case than the documented "error"', { status: "Error", message: "Reinstall queued" }],
  ])("takes a 2xx whose status is %s for an ambiguous answer, never for a refusal: the reinstall may have started", async (_status, body) => {
    f = await edisFixture();
    f.sim.inject({ route: EDIS_ROUTES.reinstall, kind: "status", status: 200, body, when: "after" });
    const error = await failureOf(f.up(f.inputs()));
    expect(error).toMatchObject({ code: "AMBIGUOUS_START" });
    expect(error.message).toMatch(/may or may not be reinstalling/);
    expect(error.message).not.toMatch(/nothing was started/);
    expect(f.sim.vps(EDGE1).reinstalls).toBe(1);
    expect(f.reinstalls()).toBe(1);
  });

  it("reports a refusal that merely mentions expiry once, without a new session or a second set/reinstall", async () => {
    f = await edisFixture();
    f.sim.inject({ route: EDIS_ROUTES.reinstall, kind: "status", status: 200, body: { status: "error", message: "Image license expired" } });
    const error = await failureOf(f.up(f.inputs()));
    expect(error).toMatchObject({ code: "EDIS_API_ERROR" });
    expect(error.message).toMatch(/EDIS refused the reinstall; nothing was started[\s\S]*HTTP 200 "Image license expired"/);
    expect(f.reinstalls()).toBe(1);
    expect(f.sim.count({ route: EDIS_ROUTES.auth })).toBe(1);
  });

  it.each<[string, Parameters<EdisFixture["sim"]["inject"]>[0]]>([
    ["a 401", { route: EDIS_ROUTES.reinstall, kind: "status", status: 401 }],
    [
      "a refusal about the session",
      { route: EDIS_ROUTES.reinstall, kind: "status", status: 200, body: { status: "error", message: "Session expired. Please re-authenticate." } },
    ],
  ])("answers %s on set/reinstall with a new session and exactly one more call", async (_what, fault) => {
    f = await edisFixture();
    f.sim.inject(fault);
    const { outs } = await f.up(f.inputs());
    expect(outs.readyAt).toEqual(expect.any(String));
    expect(f.sim.journal.filter((e) => e.route === EDIS_ROUTES.reinstall).map((e) => e.status)).toEqual([fault.kind === "status" ? fault.status : 0, 200]);
    expect(f.sim.count({ route: EDIS_ROUTES.auth })).toBe(2);
    expect(f.sim.vps(EDGE1).reinstalls).toBe(1);
  });

  it.each<[string, Parameters<EdisFixture["sim"]["inject"]>[0], string]>([
    ["a reset after EDIS acted", { route: EDIS_ROUTES.reinstall, kind: "reset", when: "after" }, "AMBIGUOUS_START"],
    ["a 502 after EDIS acted", { route: EDIS_ROUTES.reinstall, kind: "status", status: 502, when: "after" }, "AMBIGUOUS_START"],
    ["a timeout", { route: EDIS_ROUTES.reinstall, kind: "latency", ms: 4_000, when: "after" }, "AMBIGUOUS_START"],
    [
      "a refusal that quotes the password",
      { route: EDIS_ROUTES.reinstall, kind: "status", status: 400, body: { status: "error", error: `password ${ROOT_PASSWORD} is too weak` } },
      "EDIS_API_ERROR",
    ],
  ])("leaves no secret reachable from the error after %s: not its cause chain, hidden properties, message or stack", async (_what, fault, code) => {
    f = await edisFixture();
    f.sim.inject(fault);
    const error = await failureOf(f.up(f.inputs(EDGE1, { cloudInitUserData: cloudConfig })));
    expect(error).toMatchObject({ code });
    const sent = f.sim.journal.find((e) => e.route === EDIS_ROUTES.reinstall)!.body as Record<string, string>;
    const secrets = { password: ROOT_PASSWORD, cloudInit: "s3cr3t-deploy-token", signature: sent.signature, accountPassword: f.sim.credentials.password };
    expectNoneOf(secrets, everythingIn(error));
    expectNoneOf(secrets, JSON.stringify([f.events, f.warnings]));
  });

  it("renews an expired session in the middle of the wait, and carries on", async () => {
    f = await edisFixture();
    let expired = false;
    const original = f.events.push.bind(f.events);
    f.events.push = (...events) => {
      if (!expired && events.some((e) => e.message.includes("waiting for the old system"))) {
        expired = true;
        f.sim.expireSessions();
      }
      return original(...events);
    };
    const { outs } = await f.up(f.inputs());
    expect(expired).toBe(true);
    expect(outs.readyAt).toEqual(expect.any(String));
    expect(f.sim.journal.filter((e) => e.route === EDIS_ROUTES.power).map((e) => e.status)).toContain(401);
    expect(f.sim.count({ route: EDIS_ROUTES.auth })).toBe(2);
    expect(f.reinstalls()).toBe(1);
  });

  it("a wait that times out keeps the reinstall in state, and the next update resumes without reinstalling", async () => {
    f = await edisFixture();
    const program = f.inputs(EDGE1, { timeoutMinutes: 2 });
    const error = await failureOf(f.up(program));
    expect(error).toMatchObject({ code: "WAIT_TIMEOUT", id: EDGE1 });
    expect(error.message).toMatch(
      /not ready after 2m\d\ds: port \d+ has not answered since the reinstall began; the reinstall goes on at EDIS[\s\S]*`pulumi up` again to resume waiting/,
    );
    const state = error.properties!;
    expect(state).toMatchObject({ reinstalledAt: expect.any(String), downSeenAt: expect.any(String), apiHost: f.sim.apiHost });
    expect(state.readyAt).toBeUndefined();

    const news = (await f.provider.check(state, { ...program, timeoutMinutes: 30 })).inputs;
    expect(await f.provider.diff(EDGE1, state, news)).toMatchObject({ changes: true, replaces: [] });
    const resumed = await f.provider.update(EDGE1, state, news);
    expect(resumed.outs).toMatchObject({ reinstalledAt: state.reinstalledAt, downSeenAt: state.downSeenAt, readyAt: expect.any(String) });
    expect(f.reinstalls()).toBe(1);
  });

  it("hands the engine an interrupted wait's state, secrets included, without showing them when the error is printed", async () => {
    f = await edisFixture();
    const error = await failureOf(f.up(f.inputs(EDGE1, { timeoutMinutes: 2, cloudInitUserData: cloudConfig })));
    expect(error).toMatchObject({ code: "WAIT_TIMEOUT", id: EDGE1 });
    expect(error.properties).toMatchObject({ password: ROOT_PASSWORD, cloudInitUserData: cloudConfig });
    expectNoneOf({ password: ROOT_PASSWORD, cloudInit: "s3cr3t-deploy-token" }, everythingIn(error));
  });

  it("turning waitForReady on after an unwaited reinstall changes state only: no wait for a down long past", async () => {
    f = await edisFixture();
    const program = f.inputs(EDGE1, { waitForReady: false });
    const { outs } = await f.up(program);
    const before = f.sim.journal.length;
    const on = (await f.provider.check(outs, { ...program, waitForReady: true })).inputs;
    const updated = await f.provider.update(EDGE1, outs, on);
    const later = (await f.provider.check(updated.outs, { ...program, waitForReady: true, timeoutMinutes: 10 })).inputs;
    expect((await f.provider.update(EDGE1, updated.outs, later)).outs).toMatchObject({ waitForReady: true, timeoutMinutes: 10 });
    expect(f.sim.journal.length - before).toBe(0);
    expect(f.reinstalls()).toBe(1);
  });

  it("names the EDIS login when it is refused, and a suspended VPS", async () => {
    f = await edisFixture();
    const bad = await edisFixture({ env: { EDIS_SESSION_URL: f.sim.sessionUrl, EDIS_EMAIL: f.sim.credentials.email, EDIS_PASSWORD: "wrong-edis-password" } });
    try {
      const error = await failureOf(bad.provider.check({}, bad.inputs()));
      expect(error).toMatchObject({ code: "CONFIG_ERROR" });
      expect(error.message).toMatch(
        /EDIS refused the login of EDIS_EMAIL \(environment\) and EDIS_PASSWORD \(environment\)[\s\S]*HTTP 401 "Unauthorized"[\s\S]*next: set the client-area login's email in EDIS_EMAIL \(environment\) and its password in EDIS_PASSWORD \(environment\)/,
      );
      expectNoneOf({ password: "wrong-edis-password" }, everythingIn(error));
    } finally {
      await bad.close();
    }
    f.sim.suspend(EDGE1);
    expect((await failureOf(f.up(f.inputs()))).message).toMatch(/VPS kvm_123456_789012 is suspended/);
    expect(f.reinstalls()).toBe(0);
  });

  it('names the EDIS login when get/auth answers 400, EDIS\'s "Invalid credentials or missing parameters.", and does not try it again', async () => {
    f = await edisFixture();
    f.sim.inject({ route: EDIS_ROUTES.auth, kind: "status", status: 400 });
    const error = await failureOf(f.provider.check({}, f.inputs()));
    expect(error).toMatchObject({ code: "CONFIG_ERROR" });
    expect(error.message).toMatch(
      /EDIS refused the login of EDIS_EMAIL \(environment\) and EDIS_PASSWORD \(environment\)[\s\S]*HTTP 400 "Invalid credentials or missing parameters\."[\s\S]*next: set the client-area login's email in EDIS_EMAIL \(environment\) and its password in EDIS_PASSWORD \(environment\)/,
    );
    expect(f.sim.count({ route: EDIS_ROUTES.auth })).toBe(1);
    expectNoneOf({ password: f.sim.credentials.password }, everythingIn(error));
  });

  it("keeps the password and cloud-init data out of everything that is not a secret output", async () => {
    f = await edisFixture();
    const inputs = f.inputs(EDGE1, { cloudInitUserData: cloudConfig });
    const { outs } = await f.up(inputs);
    const { password: _p, cloudInitUserData: _c, ...plain } = outs;
    for (const text of [JSON.stringify(plain), JSON.stringify(f.events)]) {
      expect(text).not.toContain(ROOT_PASSWORD);
      expect(text).not.toContain("s3cr3t-deploy-token");
    }
    f.sim.inject({ route: EDIS_ROUTES.reinstall, kind: "status", status: 400, body: { error: "Invalid parameters provided.", code: 400 } });
    const news = (await f.provider.check(outs, { ...inputs, triggers: ["again"] })).inputs;
    const error = await failureOf(f.provider.update(EDGE1, outs, news));
    expect(error).toMatchObject({ code: "EDIS_API_ERROR" });
    for (const text of [error.message, JSON.stringify(error), String(error.stack)]) {
      expect(text).not.toContain(ROOT_PASSWORD);
      expect(text).not.toContain("s3cr3t-deploy-token");
    }
  });
});
