import { EDIS_ROUTES } from "pulumi-reinstall-simulator";
import { EDGE1, edisFixture, withNoKnownIpv4, type EdisFixture } from "./support/edis";
import { failureOf } from "./support/failure-of";

/**
 * A VPS EDIS knows no IPv4 address of can still be reinstalled with waitForReady: false. State records what is known,
 * and no address: an undefined one is a property the dynamic provider host cannot send (support/sent-by-host.ts). The
 * create would fail there after set/reinstall went out, the engine would record nothing, and every later up would
 * fail the same way (the intent journal refusing a second reinstall).
 */
describe("a KvmReinstall that does not wait, on a VPS with no known IPv4", () => {
  let f: EdisFixture;
  beforeEach(async () => {
    f = await edisFixture();
    await withNoKnownIpv4(f);
  });
  afterEach(() => f.close());

  it("is recorded without an address, and its next up is a no-op", async () => {
    const program = f.inputs(EDGE1, { waitForReady: false });

    const { id, outs } = await f.up(program);

    expect(f.reinstalls()).toBe(1);
    expect(outs).toMatchObject({ kvmId: EDGE1, image: "cloudinit_debian-bookworm", apiHost: expect.any(String), reinstalledAt: expect.any(String) });
    expect(outs).not.toHaveProperty("primaryIp");
    const news = (await f.provider.check(outs, program)).inputs;
    expect(await f.provider.diff(id, outs, news)).toMatchObject({ changes: false, replaces: [] });
    expect(f.reinstalls()).toBe(1);
  });

  it("is kept in state without an address when its reinstall call has no clear answer", async () => {
    f.sim.inject({ route: EDIS_ROUTES.reinstall, kind: "status", status: 502, when: "after" });

    const ambiguous = await failureOf(f.up(f.inputs(EDGE1, { waitForReady: false })));

    expect(ambiguous).toMatchObject({ code: "AMBIGUOUS_START", id: EDGE1 });
    expect(ambiguous.properties).toMatchObject({ kvmId: EDGE1, reinstalledAt: expect.any(String), __waitPending: true });
    expect(ambiguous.properties).not.toHaveProperty("primaryIp");
  });
});
