import { OVH_ROUTES, startOvhSimulator, type OvhSimulator } from "pulumi-reinstall-simulator";
import { raw, rejection, requireTrustedCa, signedClient } from "./helpers";

/** OVH's clock runs 10 minutes ahead of this machine's, as it does for a laptop whose clock drifted. */
const DRIFT_MS = 10 * 60_000;
const QUERY_TIME_OUT = { status: 400, body: { errorCode: "QUERY_TIME_OUT", httpCode: "400 Bad Request", message: "Query out of time" } };

describe("OVH simulator on its own clock, timestamp checks on", () => {
  const ovhClock = { now: () => Date.now() + DRIFT_MS };
  const machine = { now: Date.now };
  let sim: OvhSimulator;
  beforeAll(async () => {
    requireTrustedCa();
    sim = await startOvhSimulator({ now: ovhClock.now, checkTimestamps: true });
  });
  afterEach(() => sim.reset());
  afterAll(() => sim.close());

  it("/auth/time tells its own clock, not the machine's", async () => {
    const { body } = await raw(sim, machine, "GET", "/1.0/auth/time", { sign: false });
    const told = (body as number) * 1000;
    // Whole seconds, read a moment apart: somewhere in the second before or after OVH's now.
    expect(told).toBeGreaterThan(Date.now() + DRIFT_MS - 2_000);
    expect(told).toBeLessThanOrEqual(ovhClock.now());
  });

  it("refuses a request signed on the machine's clock, uncorrected, with OVH's legacy auth body; the same request on OVH's time passes", async () => {
    expect(await raw(sim, machine, "GET", "/1.0/dedicated/server")).toEqual(QUERY_TIME_OUT);
    // Four minutes ahead of OVH's time is outside the window too.
    expect(await raw(sim, { now: () => ovhClock.now() + 4 * 60_000 }, "GET", "/1.0/dedicated/server")).toEqual(QUERY_TIME_OUT);
    expect(await raw(sim, ovhClock, "GET", "/1.0/dedicated/server")).toEqual({ status: 200, body: expect.arrayContaining(["ns3001234.ip-51-68-1.eu"]) });
    // Refused before any handler: the journal shows the refusals, and nothing else happened.
    expect(sim.journal.map((e) => e.status)).toEqual([400, 400, 200]);
  });

  it("node-ovh corrects its timestamps by /auth/time, once, and is never refused", async () => {
    const ovh = signedClient(sim);
    expect(await ovh.requestPromised("GET", "/dedicated/server")).toContain("ns3001234.ip-51-68-1.eu");
    expect(await ovh.requestPromised("GET", "/dedicated/server/ns3001234.ip-51-68-1.eu")).toMatchObject({ name: "ns3001234.ip-51-68-1.eu" });
    expect(sim.count({ route: OVH_ROUTES.authTime })).toBe(1);
    expect(sim.journal.map((e) => e.status)).toEqual([200, 200, 200]);
  });

  it("node-ovh told a wrong server time (its offset off by the drift) is refused with QUERY_TIME_OUT's status and message", async () => {
    sim.inject({ route: OVH_ROUTES.authTime, kind: "status", status: 200, body: Math.floor(Date.now() / 1000) });
    expect(await rejection(signedClient(sim).requestPromised("GET", "/dedicated/server"))).toEqual({ error: 400, message: "Query out of time" });
  });
});
