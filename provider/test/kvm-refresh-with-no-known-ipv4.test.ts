import { EDGE1, edisFixture, withNoKnownIpv4, type EdisFixture } from "./support/edis";

/**
 * `pulumi refresh` of a KvmReinstall whose VPS EDIS knows no IPv4 address of (no primary_ip at login, none in
 * get/details): what read returns goes to the engine through the dynamic provider host, which cannot send an
 * undefined property (support/sent-by-host.ts). The refresh reports what EDIS says now: no address.
 */
describe("a refresh of a KvmReinstall on a VPS with no known IPv4", () => {
  let f: EdisFixture;
  beforeEach(async () => {
    f = await edisFixture();
  });
  afterEach(() => f.close());

  it("reports the VPS without an address, in properties the host can send", async () => {
    await withNoKnownIpv4(f);
    const { id, outs } = await f.up(f.inputs(EDGE1, { waitForReady: false }));

    const refreshed = (await f.provider.read(id, outs)).props!;

    expect(refreshed).toMatchObject({ kvmId: EDGE1, apiHost: f.sim.apiHost, powerState: "on" });
    expect(refreshed).not.toHaveProperty("primaryIp");
  });

  it("no longer reports the address state recorded once EDIS gives none", async () => {
    const { id, outs } = await f.up(f.inputs());
    expect(outs).toMatchObject({ primaryIp: "127.0.0.1" });
    await withNoKnownIpv4(f);
    const refresh = await f.restart();

    const refreshed = (await refresh.provider.read(id, outs)).props!;

    expect(refreshed).toMatchObject({ kvmId: EDGE1, readyAt: outs.readyAt, powerState: "on" });
    expect(refreshed).not.toHaveProperty("primaryIp");
  });
});
