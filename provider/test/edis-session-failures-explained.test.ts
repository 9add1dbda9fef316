import { EDIS_ROUTES, startEdisSimulator, type EdisSimulator } from "pulumi-reinstall-simulator";
import { VirtualClock } from "../src/clock";
import { EdisApi } from "../src/edis/api";
import { EdisClient, type EdisCall, type EdisPostOptions } from "../src/edis/client";
import { EDGE1, edisConnection, edisFixture, type EdisFixture } from "./support/edis";
import { failureOf } from "./support/failure-of";
import { everythingIn, expectNoneOf } from "./support/secrets";

const UNKNOWN = "kvm_999999_999999";

/** An account entry of get/auth as EDIS sends one (docs/api/edis.md#auth-sessions), with the description given. */
const entry = (sim: EdisSimulator, kvmId: string, description: string | null) => ({
  api_host: sim.apiHost,
  kvm_id: kvmId,
  valid_until: 1_900_000_000,
  signature: `sig-${kvmId}`,
  suspended: "n",
  description,
});

describe("KvmReinstall: a kvm id the account lacks, and refusals that are not about the session", () => {
  let f: EdisFixture;
  beforeAll(async () => {
    f = await edisFixture();
  });
  afterAll(() => f.close());
  afterEach(() => f.sim.clearFaults());

  /** Preview of a kvm id the account lacks: its failures. */
  const unknownAtPreview = async () => (await f.provider.check({}, f.inputs(EDGE1, { kvmId: UNKNOWN }))).failures;
  /** `up` of the fixture's VPS: its outcome, and the EDIS calls it made from its first set/reinstall on. */
  async function up() {
    const before = f.sim.journal.length;
    const outcome = await f.up(f.inputs()).catch((error: unknown) => error as Error);
    const calls = f.sim.journal.slice(before);
    return { outcome, fromTheReinstall: calls.slice(calls.findIndex((e) => e.route === EDIS_ROUTES.reinstall)).map((e) => [e.route, e.status]) };
  }

  it("the account's VPSes are listed, each with its description when it has one", async () => {
    // get/auth for the unknown id answers no entry (the simulator's own answer); the list that follows is this one.
    const data = Object.fromEntries(
      [entry(f.sim, "kvm_111111_000001", "web"), entry(f.sim, "kvm_111111_000002", ""), entry(f.sim, "kvm_111111_000003", null)].map((e) => [e.kvm_id, e]),
    );
    f.sim.inject({ route: EDIS_ROUTES.auth, kind: "status", status: 200, skip: 1, body: { status: "success", data } });
    const before = f.sim.journal.length;
    expect(await unknownAtPreview()).toEqual([
      { property: "kvmId", reason: `no VPS "${UNKNOWN}" in this EDIS account; VPSes: kvm_111111_000001 (web), kvm_111111_000002, kvm_111111_000003` },
    ]);
    expect(
      f.sim.journal
        .slice(before)
        .filter((e) => e.route === EDIS_ROUTES.auth)
        .map((e) => (e.body as Record<string, string>).kvm_id),
    ).toEqual([UNKNOWN, undefined]);
  });

  it.each<[string, Parameters<EdisFixture["sim"]["inject"]>[0]]>([
    [
      "an account with no VPS (PHP's [] for an empty map)",
      { route: EDIS_ROUTES.auth, kind: "status", status: 200, times: 2, body: { status: "success", data: [] } },
    ],
    ["a list that cannot be read", { route: EDIS_ROUTES.auth, kind: "status", status: 503, skip: 1 }],
  ])("%s: the message names the kvm id, and no list", async (_what, fault) => {
    f.sim.inject(fault);
    expect(await unknownAtPreview()).toEqual([{ property: "kvmId", reason: `no VPS "${UNKNOWN}" in this EDIS account` }]);
  });

  it("a refusal without words, not a 401, is not taken for an expired session: reported, with no new login and no second set/reinstall", async () => {
    f.sim.inject({ route: EDIS_ROUTES.reinstall, kind: "status", status: 400, body: { status: "error" } });
    const { outcome, fromTheReinstall } = await up();
    expect(outcome).toMatchObject({
      code: "EDIS_API_ERROR",
      message: expect.stringMatching(/EDIS refused the reinstall; nothing was started\n.*\n {2}API said: HTTP 400\n/),
    });
    expect(fromTheReinstall).toEqual([[EDIS_ROUTES.reinstall, 400]]);
  });

  it("a 401 without words is: one new login, and set/reinstall sent once more with its session", async () => {
    f.sim.inject({ route: EDIS_ROUTES.reinstall, kind: "status", status: 401, body: {} });
    const { outcome, fromTheReinstall } = await up();
    expect(outcome).toMatchObject({ outs: { readyAt: expect.any(String) } });
    expect(fromTheReinstall.slice(0, 3)).toEqual([
      [EDIS_ROUTES.reinstall, 401],
      [EDIS_ROUTES.auth, 200],
      [EDIS_ROUTES.reinstall, 200],
    ]);
    expect(fromTheReinstall.filter(([route]) => route === EDIS_ROUTES.reinstall)).toHaveLength(2);
  });
});

/**
 * Every failure of a login the provider's own parts raise is a ReinstallError with a next step. Anything else (a
 * bug's TypeError, whose words may hold what it was handed) still leaves an error that says the call was not sent and
 * what to do, and keeps nothing of it. The client is the real one against the simulator; only the renewal's login throws.
 */
describe("EDIS sessions: a renewal that fails outside the error family", () => {
  const clock = new VirtualClock();
  let sim: EdisSimulator;
  beforeAll(async () => {
    sim = await startEdisSimulator({ now: () => clock.now() });
  });
  afterAll(() => sim.close());

  class RenewalThrows extends EdisClient {
    logins = 0;
    override post(call: EdisCall, options?: EdisPostOptions): Promise<Record<string, unknown>> {
      if (call.url.endsWith("/get/auth") && ++this.logins > 1) return Promise.reject(new TypeError(`cannot read 'signature' of ${call.form.pw}`));
      return super.post(call, options);
    }
  }

  it("says the call was not sent and to run `pulumi up` again, with no cause and no word of the foreign error", async () => {
    const { client, sessions } = edisConnection(sim, clock, { Client: RenewalThrows });
    const api = new EdisApi(client, sessions, clock);
    sim.inject({ route: EDIS_ROUTES.images, kind: "status", status: 401 });
    const error = await failureOf(api.images(EDGE1));

    expect(client.logins).toBe(2);
    expect(error).toMatchObject({ code: "EDIS_API_ERROR", refused: true, next: "run `pulumi up` again" });
    expect(error.cause).toBeUndefined();
    expect(error.message.replace(/:\d+\//, ":<port>/")).toBe(
      [
        "EDIS refused the session and a new one could not be had; the call was not sent",
        "  call: POST 127.0.0.1:<port>/kvm/v2/get/auth",
        "  next: run `pulumi up` again",
      ].join("\n"),
    );
    expectNoneOf({ foreign: "cannot read", accountPassword: sim.credentials.password }, everythingIn(error));
  });
});
