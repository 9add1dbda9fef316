import { EDIS_ROUTES, startEdisSimulator, type EdisSimulator } from "pulumi-reinstall-simulator";
import { VirtualClock } from "../src/clock";
import { EdisApi } from "../src/edis/api";
import { EDGE1, ROOT_PASSWORD, WIN1, edisConnection } from "./support/edis";
import { failureOf } from "./support/failure-of";

/**
 * EDIS calls as the provider makes them (EdisApi, one per resource, over one client and one login cache per
 * credential) against the simulator, in virtual time: the scheduler decides when each goes, and the simulator's
 * journal shows the order they arrived in.
 */
let sim: EdisSimulator | undefined;
afterEach(() => sim?.close());

async function setUp(perMinute: number, requestTimeoutMs = 3_000) {
  const clock = new VirtualClock();
  sim = await startEdisSimulator({ now: () => clock.now() });
  const { client, sessions } = edisConnection(sim, clock, { perMinute, requestTimeoutMs });
  return { clock, sim, sessions, api: (owner: string) => new EdisApi(client, sessions, clock, undefined, owner) };
}

/** The per-VPS calls the simulator received, in order: route and VPS. */
const arrivals = (s: EdisSimulator) =>
  s.journal.filter((e) => e.route !== EDIS_ROUTES.auth).map((e) => [e.route.replace("POST /kvm/v2/", ""), (e.body as Record<string, string>).kvm_id]);

describe("EDIS calls in the credential's request budget", () => {
  it("resources take turns: a VPS whose reads come later is not served after another's backlog", async () => {
    const { sim, sessions, api } = await setUp(1);
    // Logged in to both first: from then on, each read waits a minute for its slot.
    await sessions.get(EDGE1);
    await sessions.get(WIN1);
    const [a, b] = [api(EDGE1), api(WIN1)];
    await Promise.all([...Array.from({ length: 4 }, () => a.images(EDGE1)), ...Array.from({ length: 2 }, () => b.images(WIN1))]);
    expect(arrivals(sim).map(([, kvmId]) => kvmId)).toEqual([EDGE1, WIN1, EDGE1, WIN1, EDGE1, EDGE1]);
  });

  it("get/power, which tells that a reinstall is under way, overtakes the queued reads", async () => {
    const { sim, sessions, api } = await setUp(1);
    await sessions.get(EDGE1);
    const vps = api(EDGE1);
    const reads = Array.from({ length: 3 }, () => vps.images(EDGE1));
    await Promise.all([...reads, vps.power(EDGE1)]);
    expect(arrivals(sim).map(([route]) => route)).toEqual(["get/power", "get/images", "get/images", "get/images"]);
  });

  it("a set/reinstall still waiting for its slot when the provider is told to stop is never sent", async () => {
    const { sim, sessions, api } = await setUp(1);
    await sessions.get(EDGE1);
    const stop = new AbortController();
    const sending: string[] = [];
    const reinstall = api(EDGE1).reinstall(
      EDGE1,
      { image: "cloudinit_debian-bookworm", password: ROOT_PASSWORD },
      { sending: (apiHost) => sending.push(apiHost), refused: () => undefined },
      stop.signal,
    );
    stop.abort("SIGINT");
    const error = await failureOf(reinstall);
    expect(error).toMatchObject({ code: "INTERRUPTED", refused: true });
    expect(error.message).toMatch(/told to stop \(SIGINT\) while the request waited for the credential's request budget; it was not sent/);
    expect(sending).toEqual([sim.apiHost]);
    expect(sim.count({ route: EDIS_ROUTES.reinstall })).toBe(0);
    expect(sim.vps(EDGE1).reinstalls).toBe(0);
  });

  it("a read near its caller's deadline gets what is left of it (at least 5 s), not the usual request timeout", async () => {
    // A usual timeout of 30 s: an answer that takes 5.5 s comes in time, unless the deadline cuts the attempt short.
    const { clock, sim, sessions, api } = await setUp(60, 30_000);
    await sessions.get(EDGE1);
    sim.inject({ route: EDIS_ROUTES.power, kind: "latency", ms: 5_500, times: 2 });
    const vps = api(EDGE1);
    const [nearDeadline, noDeadline] = await Promise.allSettled([vps.power(EDGE1, { deadline: clock.now() + 1_000 }), vps.power(EDGE1)]);
    expect(nearDeadline).toMatchObject({ status: "rejected", reason: { code: "NETWORK_ERROR", network: { code: "ETIMEDOUT" } } });
    expect(noDeadline).toEqual({ status: "fulfilled", value: "on" });
    expect(sim.count({ route: EDIS_ROUTES.power })).toBe(2);
  });
});
