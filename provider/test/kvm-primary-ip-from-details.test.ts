import { EDIS_ROUTES } from "pulumi-reinstall-simulator";
import { EDGE1, edisFixture, withoutPrimaryIpAtLogin, type EdisFixture } from "./support/edis";

/**
 * When EDIS's login answer gives no `primary_ip`, the VPS's address is the first IPv4 of get/details, without its
 * mask: the simulator's get/details lists `127.0.0.1/32`, and only `127.0.0.1` is where the VPS's port answers.
 */
describe("KvmReinstall: the address from get/details", () => {
  let f: EdisFixture;
  beforeEach(async () => {
    f = await edisFixture();
    await withoutPrimaryIpAtLogin(f);
  });
  afterEach(() => f.close());

  it("records the first IPv4 without its mask, and refresh reports it so", async () => {
    const { id, outs } = await f.up(f.inputs(EDGE1, { waitForReady: false }));
    expect(f.sim.count({ route: EDIS_ROUTES.details })).toBeGreaterThan(0);
    expect(outs).toMatchObject({ primaryIp: "127.0.0.1" });
    expect((await f.provider.read(id, outs)).props).toMatchObject({ primaryIp: "127.0.0.1" });
  });

  it("watches readiness on that address: its port answers before the reinstall, goes down, and answers again", async () => {
    const { outs } = await f.up(f.inputs());
    expect(f.reinstalls()).toBe(1);
    expect(outs).toMatchObject({ primaryIp: "127.0.0.1", downSeenAt: expect.any(String), readyAt: expect.any(String) });
    expect(f.events.map((e) => e.message)).toContainEqual(expect.stringMatching(/ready: port \d+ answered 3 times in a row/));
  });
});
