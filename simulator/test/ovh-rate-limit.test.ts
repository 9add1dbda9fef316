import { OVH_ROUTES, startOvhSimulator, type OvhSimulator } from "pulumi-reinstall-simulator";
import { raw, rejection, requireTrustedCa, SCALE, signedClient, virtualClock } from "./helpers";

describe("OVH simulator: requestsPerMinute", () => {
  const clock = virtualClock();
  let sim: OvhSimulator;
  beforeAll(async () => {
    requireTrustedCa();
    sim = await startOvhSimulator({ now: clock.now, requestsPerMinute: 3 });
  });
  afterEach(() => sim.reset());
  afterAll(() => sim.close());

  it("answers OVH's 429 to a consumer key's requests past the limit in the trailing 60 s, and journals it", async () => {
    const get = () => raw(sim, clock, "GET", `/1.0/dedicated/server/${SCALE}`);
    for (let i = 0; i < 3; i++) expect((await get()).status).toBe(200);
    expect(await get()).toEqual({ status: 429, body: { class: "Client::TooManyRequests", message: "Too many requests" } });
    expect(sim.journal.map((e) => [e.route, e.status])).toEqual([...Array(3).fill([OVH_ROUTES.server, 200]), [OVH_ROUTES.server, 429]]);
    expect(sim.journal.filter((e) => e.status === 429)).toHaveLength(1);
    // 60 s after the three (the refused ones do not count), the window has room for three again.
    clock.advance(59_999);
    expect((await get()).status).toBe(429);
    clock.advance(1);
    for (let i = 0; i < 3; i++) expect((await get()).status).toBe(200);
    expect((await get()).status).toBe(429);
  });

  it("node-ovh sees the status and message; /auth/time, which carries no consumer key, is not limited", async () => {
    const ovh = signedClient(sim);
    for (let i = 0; i < 3; i++) await ovh.requestPromised("GET", "/dedicated/server");
    expect(await rejection(ovh.requestPromised("GET", "/dedicated/server"))).toEqual({ error: 429, message: "Too many requests" });
    expect(sim.count({ route: OVH_ROUTES.authTime })).toBe(1);
    expect((await raw(sim, clock, "GET", "/1.0/auth/time", { sign: false })).status).toBe(200);
  });

  it("a throttled request reaches neither the handler nor an injected fault", async () => {
    for (let i = 0; i < 3; i++) await raw(sim, clock, "GET", "/1.0/dedicated/server");
    sim.inject({ route: OVH_ROUTES.reinstall, kind: "status", status: 500 });
    const post = await raw(sim, clock, "POST", `/1.0/dedicated/server/${SCALE}/reinstall`, { body: { operatingSystem: "debian12_64" } });
    expect(post.status).toBe(429);
    expect(sim.server(SCALE).taskIds).toEqual([]);
    clock.advance(60_000);
    expect((await raw(sim, clock, "POST", `/1.0/dedicated/server/${SCALE}/reinstall`, { body: { operatingSystem: "debian12_64" } })).status).toBe(500);
  });

  it("counts each consumer key on its own", async () => {
    for (let i = 0; i < 3; i++) await raw(sim, clock, "GET", "/1.0/dedicated/server");
    // Another consumer key of the same application: its own budget (the simulator then refuses it as unknown, after the limit let it in).
    const other = await raw(sim, clock, "GET", "/1.0/dedicated/server", { headers: { "X-Ovh-Consumer": "another-consumer-key" } });
    expect(other.status).toBe(403);
  });
});

describe("OVH simulator: no requestsPerMinute", () => {
  it("never answers 429, as before", async () => {
    requireTrustedCa();
    const clock = virtualClock();
    const sim = await startOvhSimulator({ now: clock.now });
    try {
      for (let i = 0; i < 100; i++) expect((await raw(sim, clock, "GET", "/1.0/dedicated/server")).status).toBe(200);
    } finally {
      await sim.close();
    }
  });
});
