import { EDIS_ROUTES } from "pulumi-reinstall-simulator";
import { EDGE1, session, useEdisSimulator } from "./edis-helpers";
import { virtualClock } from "./helpers";

const BAD_SESSION = { status: 401, body: { error: "Invalid or expired session signature.", code: 401 } };

describe("EDIS simulator: sessions that lapse right before a call", () => {
  const clock = virtualClock();
  const sim = useEdisSimulator(clock, { sessionSeconds: 90 });

  it("expireSessionsBefore(route) refuses the next call to that route for its session, and only that one; other routes pass until then", async () => {
    const s = await session(sim(), EDGE1);
    sim().expireSessionsBefore(EDIS_ROUTES.reinstall);
    expect((await s.call("get/power")).status).toBe(200);
    expect(await s.call("set/reinstall", { image: "cloudinit_debian-bookworm", password: "Rt+&=9correct-horse" })).toEqual(BAD_SESSION);
    expect(sim().vps(EDGE1).reinstalls).toBe(0);
    const renewed = await session(sim(), EDGE1);
    expect((await renewed.call("set/reinstall", { image: "cloudinit_debian-bookworm", password: "Rt+&=9correct-horse" })).status).toBe(200);
    expect(sim().vps(EDGE1).reinstalls).toBe(1);
  });

  it("`times` arms it for that many arrivals, each revoking the sessions issued before it", async () => {
    sim().expireSessionsBefore(EDIS_ROUTES.power, 2);
    expect(await (await session(sim(), EDGE1)).call("get/power")).toEqual(BAD_SESSION);
    expect(await (await session(sim(), EDGE1)).call("get/power")).toEqual(BAD_SESSION);
    expect((await (await session(sim(), EDGE1)).call("get/power")).status).toBe(200);
  });

  it("reset() disarms it", async () => {
    sim().expireSessionsBefore(EDIS_ROUTES.power);
    sim().reset();
    expect((await (await session(sim(), EDGE1)).call("get/power")).status).toBe(200);
  });
});
