import { EDIS_ROUTES, EDIS_IMAGES } from "pulumi-reinstall-simulator";
import { EDGE1, EDGE2, login, postForm, session, WIN1, useEdisSimulator } from "./edis-helpers";
import { httpsRequest, virtualClock } from "./helpers";

const AUTH_MISSING = { error: "Invalid credentials or missing parameters.", code: 400, message: "Please check your input and try again." };
const AUTH_REJECTED = { error: "Unauthorized", code: 401, message: "Invalid WHMCS credentials. Please provide correct credentials." };
const BAD_SESSION = { status: 401, body: { error: "Invalid or expired session signature.", code: 401 } };
const DENIED = { status: 403, body: { error: "Access to this resource is denied.", code: 403 } };
const INVALID = { status: 400, body: { error: "Invalid parameters provided.", code: 400 } };
const UNKNOWN = { status: 404, body: { status: "error", error: "Unknown endpoint" } };

describe("EDIS simulator: sessions, signatures and suspension", () => {
  const clock = virtualClock();
  const sim = useEdisSimulator(clock, { sessionSeconds: 600 });

  const auth = (fields: Record<string, string>) => postForm(`${sim().sessionUrl}/kvm/v2/get/auth`, fields);
  const { email, password } = { email: "sim@edis.example", password: "simEdisPw+&=0001" };

  it("get/auth answers an object keyed by kvm_id, with api_host and a 50-character signature per VPS", async () => {
    expect(sim().credentials).toEqual({ email, password });
    const one = await auth({ email, pw: password, kvm_id: EDGE1 });
    expect(one.status).toBe(200);
    expect(one.body).toEqual({
      data: {
        [EDGE1]: {
          api_host: sim().apiHost,
          api_rdns: "dns-api.edis.at",
          kvm_id: EDGE1,
          valid_until: Math.floor(clock.now() / 1000) + 600,
          signature: expect.stringMatching(/^[0-9a-f]{50}$/),
          suspended: "n",
          description: "edge-1",
          lps: "01",
          lps_ispremium: false,
          primary_ip: "127.0.0.1",
        },
      },
      status: "success",
    });
    expect(sim().apiHost).toMatch(/^127\.0\.0\.1:\d+$/);
    expect(sim().apiHost).not.toBe(new URL(sim().sessionUrl).host);

    const all = await login(sim());
    expect(Object.keys(all)).toEqual([EDGE1, EDGE2, WIN1]);
    expect(Object.values(all).map((e) => e.description)).toEqual(["edge-1", "edge-2", "win-1"]);
    expect(new Set(Object.values(all).map((e) => e.signature)).size).toBe(3);
    expect((await auth({ email, pw: password, kvm_id: "kvm_999999_000000" })).body).toEqual({ data: {}, status: "success" });
  });

  it("get/auth: missing fields (or `password` instead of `pw`) are the 400, wrong ones the 401", async () => {
    expect(await auth({ email })).toEqual({ status: 400, body: AUTH_MISSING });
    expect(await auth({ email, password })).toEqual({ status: 400, body: AUTH_MISSING });
    expect(await auth({ email, pw: "" })).toEqual({ status: 400, body: AUTH_MISSING });
    expect(await auth({ email, pw: "wrong" })).toEqual({ status: 401, body: AUTH_REJECTED });
    expect(await auth({ email: "someone@else.example", pw: password })).toEqual({ status: 401, body: AUTH_REJECTED });
    // `+ & =` in the password must be percent-encoded (docs/api/edis.md#form-encoding); sent raw, the form splits it apart.
    const raw = `email=${email}&pw=${password}`;
    const unencoded = await httpsRequest(new URL(`${sim().sessionUrl}/kvm/v2/get/auth`), "POST", { "Content-Type": "application/x-www-form-urlencoded" }, raw);
    expect(unencoded).toEqual({ status: 401, body: AUTH_REJECTED });
    // A JSON body carries no form fields: the documented encoding is the only one served (docs/api/edis.md#form-encoding).
    const json = await httpsRequest(
      new URL(`${sim().sessionUrl}/kvm/v2/get/auth`),
      "POST",
      { "Content-Type": "application/json" },
      JSON.stringify({ email, pw: password }),
    );
    expect(json).toEqual({ status: 400, body: AUTH_MISSING });
  });

  it("per-VPS calls with a valid session answer on api_host: images, power, details", async () => {
    const s = await session(sim(), EDGE1);
    expect(await s.call("get/images")).toEqual({ status: 200, body: { data: EDIS_IMAGES, status: "success" } });
    expect(EDIS_IMAGES).toHaveLength(23);
    expect(await s.call("get/power")).toEqual({ status: 200, body: { status: "success", data: "server powered on", traffic_suspended: false } });
    expect(await s.call("get/details")).toEqual({
      status: 200,
      body: {
        status: "success",
        data: {
          hw: { ram: "2048", disk: "40", cpu_set_cores: "2", drive_boost: false },
          suspended: "n",
          ip: { ipv4: ["127.0.0.1/32"], ipv4_gw: "127.0.0.1", ipv4_nm: "255.255.255.255", ipv6_gw: "", ipv6_64: "" },
          hostname: "edge-1.edis.example",
        },
      },
    });
  });

  it("a session expires once the clock passes valid_until; a new auth works again", async () => {
    const s = await session(sim(), EDGE1);
    clock.t = s.entry.valid_until * 1000;
    expect((await s.call("get/power")).status).toBe(200);
    clock.advance(1000);
    expect(await s.call("get/power")).toEqual(BAD_SESSION);
    expect(await (await session(sim(), EDGE1)).call("get/power")).toMatchObject({ status: 200 });
  });

  it("expireSessions() invalidates every signature issued so far, not the ones issued after", async () => {
    const before = await session(sim(), EDGE1);
    sim().expireSessions();
    expect(await before.call("get/images")).toEqual(BAD_SESSION);
    expect((await (await session(sim(), EDGE1)).call("get/images")).status).toBe(200);
  });

  it("a signature only works for its own kvm_id and with its own valid_until; forged ones never", async () => {
    const s = await session(sim(), EDGE1);
    const api = `https://${s.entry.api_host}/kvm/v2/get/power`;
    expect(await postForm(api, { ...s.credentials, kvm_id: EDGE2 })).toEqual(BAD_SESSION);
    expect(await postForm(api, { ...s.credentials, valid_until: String(s.entry.valid_until + 1) })).toEqual(BAD_SESSION);
    expect(await postForm(api, { ...s.credentials, signature: "x".repeat(50) })).toEqual(BAD_SESSION);
    expect(await postForm(api, { signature: s.credentials.signature, kvm_id: EDGE1 })).toEqual(INVALID);
    expect(await postForm(api, s.credentials)).toMatchObject({ status: 200 });
  });

  it("a suspended VPS: auth says so, per-VPS calls answer 403, other VPSes are untouched", async () => {
    sim().suspend(EDGE2);
    const all = await login(sim());
    expect([all[EDGE1].suspended, all[EDGE2].suspended]).toEqual(["n", "y"]);
    expect(await (await session(sim(), EDGE2)).call("get/images")).toEqual(DENIED);
    expect((await (await session(sim(), EDGE1)).call("get/images")).status).toBe(200);
    sim().reset();
    expect((await login(sim(), EDGE2))[EDGE2].suspended).toBe("n");
  });

  it("each host serves only its own routes; unknown routes answer loudly and are journaled", async () => {
    const s = await session(sim(), EDGE1);
    expect(await postForm(`${sim().sessionUrl}/kvm/v2/get/images`, s.credentials)).toEqual(UNKNOWN);
    expect(await postForm(`https://${sim().apiHost}/kvm/v2/get/auth`, { email, pw: password })).toEqual(UNKNOWN);
    expect(await s.call("reinstall", { image: "debian-bullseye", password: "pw" })).toEqual(UNKNOWN);
    expect(await httpsRequest(new URL(`${sim().sessionUrl}/kvm/v2/get/auth`), "GET", {}, "")).toEqual(UNKNOWN);
    expect(sim().journal.map((e) => [e.route, e.status, e.credential])).toEqual([
      [EDIS_ROUTES.auth, 200, email],
      ["UNKNOWN POST /kvm/v2/get/images", 404, EDGE1],
      ["UNKNOWN POST /kvm/v2/get/auth", 404, email],
      ["UNKNOWN POST /kvm/v2/reinstall", 404, EDGE1],
      ["UNKNOWN GET /kvm/v2/get/auth", 404, "anonymous"],
    ]);
    expect(sim().vps(EDGE1).reinstalls).toBe(0);
  });
});
