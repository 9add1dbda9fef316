import { withNoKnownIpv4 } from "../../provider/test/support/edis";
import { useEdisInterruptions } from "./edis-interruptions";

jest.setTimeout(90_000);

/**
 * A KvmReinstall that does not wait, on a VPS EDIS knows no IPv4 address of, through @pulumi/pulumi's own dynamic
 * provider host: what create and read return crosses google.protobuf.Struct there, which refuses an undefined property.
 */
describe("KvmReinstall through the dynamic provider host, on a VPS with no known IPv4", () => {
  const t = useEdisInterruptions();

  it("a reinstall that does not wait is recorded without an address; the next preview shows no change, and a refresh no address", async () => {
    await withNoKnownIpv4({ sim: t.edis }, t.kvmId);
    const host = await t.world.host(t.world.machine());
    const inputs = { ...t.world.registration.inputs, waitForReady: false };
    const checked = await host.check(t.world.urn, {}, inputs);
    expect(checked.failures).toEqual([]);

    const created = await host.create(t.world.urn, checked.inputs);

    expect(created.properties).toMatchObject({ kvmId: t.kvmId, reinstalledAt: expect.any(String) });
    expect(created.properties).not.toHaveProperty("primaryIp");
    expect(t.reinstalls()).toBe(1);
    const again = await host.check(t.world.urn, checked.inputs, inputs);
    expect(await host.diff(t.world.urn, created.id, created.properties, again.inputs)).toEqual({ changes: "none", replaces: [] });
    const refreshed = await host.read(t.world.urn, created.id, created.properties);
    expect(refreshed.properties).toMatchObject({ kvmId: t.kvmId, powerState: "on" });
    expect(refreshed.properties).not.toHaveProperty("primaryIp");
    expect(t.reinstalls()).toBe(1);
  });
});
