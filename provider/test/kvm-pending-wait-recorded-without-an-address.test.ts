import { EDIS_ROUTES } from "pulumi-reinstall-simulator";
import { EDGE1, edisFixture, withNoKnownIpv4, type EdisFixture } from "./support/edis";
import { failureOf } from "./support/failure-of";

/**
 * A reinstall sent with waitForReady: false while EDIS knew no IPv4 address of the VPS, whose call had no clear
 * answer, is kept in state as a pending wait without an address. Resumed with waitForReady: true, the wait is watched
 * where EDIS says the VPS is now; with no address still, the update fails at once, as a start would, instead of
 * probing no address until its timeout.
 */
describe("a KvmReinstall's pending wait recorded without an address, resumed with waitForReady: true", () => {
  let f: EdisFixture;
  let pending: Record<string, unknown>;
  beforeEach(async () => {
    f = await edisFixture();
    await withNoKnownIpv4(f);
    f.sim.inject({ route: EDIS_ROUTES.reinstall, kind: "status", status: 502, when: "after" });
    pending = (await failureOf(f.up(f.inputs(EDGE1, { waitForReady: false })))).properties!;
    expect(pending).toMatchObject({ __waitPending: true });
    expect(pending).not.toHaveProperty("primaryIp");
  });
  afterEach(() => f.close());

  it("fails at once, naming the missing address, when EDIS still gives none", async () => {
    const news = (await f.provider.check(pending, f.inputs())).inputs;

    const error = await failureOf(f.provider.update(EDGE1, pending, news));

    expect(error).toMatchObject({ code: "EDIS_API_ERROR", message: expect.stringContaining("EDIS reports no IPv4 address for kvm_123456_789012") });
    expect(error.id).toBeUndefined();
    expect(f.reinstalls()).toBe(1);
  });

  it("watches the address EDIS gives now, and records it", async () => {
    f.sim.clearFaults();
    const news = (await f.provider.check(pending, f.inputs())).inputs;

    const { outs } = await f.provider.update(EDGE1, pending, news);

    expect(outs).toMatchObject({ primaryIp: "127.0.0.1", reinstalledAt: pending.reinstalledAt, readyAt: expect.any(String) });
    expect(f.reinstalls()).toBe(1);
  });
});
