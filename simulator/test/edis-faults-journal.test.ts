import { EDIS_ROUTES } from "pulumi-reinstall-simulator";
import { EDGE1, EDGE2, postForm, probe, session, useEdisSimulator } from "./edis-helpers";
import { httpsRequest, virtualClock } from "./helpers";

const D = 20_000;

describe("EDIS simulator: faults and the journal", () => {
  const clock = virtualClock();
  const sim = useEdisSimulator(clock, { reinstallSeconds: D / 1000 });

  const stoppedPhase = () => clock.t + 0.125 * D;

  it("HTTP 200 with {status: error}: the handler does not run, so nothing is reinstalled", async () => {
    const s = await session(sim(), EDGE1);
    sim().inject({ route: EDIS_ROUTES.reinstall, kind: "status", status: 200, body: { status: "error", message: "Reinstall already in progress." } });
    expect(await s.call("set/reinstall", { image: "debian-bullseye", password: "pw" })).toEqual({
      status: 200,
      body: { status: "error", message: "Reinstall already in progress." },
    });
    expect(sim().vps(EDGE1).reinstalls).toBe(0);
    expect(await s.call("set/reinstall", { image: "debian-bullseye", password: "pw" })).toEqual({ status: 200, body: { status: "success" } });
    expect(sim().vps(EDGE1).reinstalls).toBe(1);
  });

  it("a status fault `after` set/reinstall still starts the reinstall: the client sees a 500 for a running install", async () => {
    const s = await session(sim(), EDGE1);
    sim().inject({ route: EDIS_ROUTES.reinstall, kind: "status", status: 500, when: "after" });
    expect(await s.call("set/reinstall", { image: "cloudinit_debian-trixie", password: "pw" })).toEqual({
      status: 500,
      body: { error: "Internal Server Error", code: 500, message: "Please try again later." },
    });
    expect(sim().vps(EDGE1).reinstalls).toBe(1);
    clock.t = stoppedPhase();
    expect(await probe(sim().vps(EDGE1).port)).toEqual({ error: "ECONNRESET", data: "" });
    expect(
      sim()
        .journal.filter((e) => e.route === EDIS_ROUTES.reinstall)
        .map((e) => e.status),
    ).toEqual([500]);
  });

  it("a 429 `after` set/reinstall: EDIS acted although the answer says too many requests", async () => {
    const s = await session(sim(), EDGE1);
    sim().inject({ route: EDIS_ROUTES.reinstall, kind: "status", status: 429, body: { error: "Too many requests", code: 429 }, when: "after" });
    expect(await s.call("set/reinstall", { image: "debian-bullseye", password: "pw" })).toEqual({
      status: 429,
      body: { error: "Too many requests", code: 429 },
    });
    expect(sim().vps(EDGE1).reinstalls).toBe(1);
  });

  it("latency `before` set/reinstall is a late answer: the reinstall starts after the delay", async () => {
    const s = await session(sim(), EDGE2);
    sim().inject({ route: EDIS_ROUTES.reinstall, kind: "latency", ms: 300 });
    const answer = s.call("set/reinstall", { image: "debian-bullseye", password: "pw" });
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(sim().vps(EDGE2).reinstalls).toBe(0);
    expect(await answer).toEqual({ status: 200, body: { status: "success" } });
    expect(sim().vps(EDGE2).reinstalls).toBe(1);
  });

  it("a reset `after` set/reinstall drops the connection with the reinstall started", async () => {
    const s = await session(sim(), EDGE2);
    sim().inject({ route: EDIS_ROUTES.reinstall, kind: "reset", when: "after" });
    await expect(s.call("set/reinstall", { image: "cloudinit_rocky-9", password: "pw" })).rejects.toThrow();
    expect(sim().vps(EDGE2).reinstalls).toBe(1);
    expect(
      sim()
        .journal.filter((e) => e.route === EDIS_ROUTES.reinstall)
        .map((e) => e.status),
    ).toEqual([0]);
  });

  it("default fault bodies speak EDIS's dialect for the route; skip and times pick the requests", async () => {
    const s = await session(sim(), EDGE1);
    sim().inject({ route: EDIS_ROUTES.images, kind: "status", status: 401 });
    sim().inject({ route: EDIS_ROUTES.power, kind: "status", status: 503, skip: 1, times: 2 });
    sim().inject({ route: EDIS_ROUTES.auth, kind: "status", status: 401 });
    expect(await s.call("get/images")).toEqual({ status: 401, body: { error: "Invalid or expired session signature.", code: 401 } });
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await s.call("get/power")).status);
    expect(statuses).toEqual([200, 503, 503, 200]);
    const auth = await postForm(`${sim().sessionUrl}/kvm/v2/get/auth`, { email: sim().credentials.email, pw: sim().credentials.password });
    expect(auth).toEqual({
      status: 401,
      body: { error: "Unauthorized", code: 401, message: "Invalid WHMCS credentials. Please provide correct credentials." },
    });
    sim().inject({ route: EDIS_ROUTES.power, kind: "status", status: 503 });
    expect(await s.call("get/power")).toEqual({ status: 503, body: { error: "Service Unavailable", code: 503, message: "Please try again later." } });
  });

  it("journals each call with its route, form fields and caller: the email on auth, the kvm_id on per-VPS calls", async () => {
    const s = await session(sim(), EDGE1);
    clock.advance(1000);
    await s.call("set/reinstall", { image: "debian-bullseye", password: "pw+&=", cloudinit_user_data: "#cloud-config\n" });
    await httpsRequest(new URL(`${sim().sessionUrl}/kvm/v2/get/auth`), "POST", { "Content-Type": "application/json" }, JSON.stringify({ email: "a@b" }));
    expect(sim().journal).toEqual([
      {
        at: clock.t - 1000,
        method: "POST",
        route: EDIS_ROUTES.auth,
        path: "/kvm/v2/get/auth",
        query: {},
        body: { email: sim().credentials.email, pw: sim().credentials.password, kvm_id: EDGE1 },
        status: 200,
        credential: sim().credentials.email,
      },
      {
        at: clock.t,
        method: "POST",
        route: EDIS_ROUTES.reinstall,
        path: "/kvm/v2/set/reinstall",
        query: {},
        body: { ...s.credentials, image: "debian-bullseye", password: "pw+&=", cloudinit_user_data: "#cloud-config\n" },
        status: 200,
        credential: EDGE1,
      },
      // Not form-encoded: kept as sent, and no fields were read from it.
      {
        at: clock.t,
        method: "POST",
        route: EDIS_ROUTES.auth,
        path: "/kvm/v2/get/auth",
        query: {},
        body: { email: "a@b" },
        status: 400,
        credential: "anonymous",
      },
    ]);
    expect(sim().count({ route: EDIS_ROUTES.auth })).toBe(2);
    expect(sim().count({ credential: EDGE1 })).toBe(1);
    expect(sim().count({ route: EDIS_ROUTES.reinstall, credential: EDGE2 })).toBe(0);
    sim().reset();
    expect(sim().journal).toEqual([]);
  });
});
