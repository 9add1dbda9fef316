import { ovhFixture, SCALE7, type OvhFixture } from "./support/ovh";

/**
 * OVH's endOfInstall is a date: the last day a template installs (the simulator refuses it from the day after). A
 * preview compares it with today's date, whatever the hour: on that day the template passes, and the day after it
 * fails, naming the templates the server can still install.
 */
describe("DedicatedServerInstall, a template on the last day of its endOfInstall", () => {
  let f: OvhFixture;
  afterEach(() => f.close());

  const lastDay = Date.parse("2028-07-04T00:00:00Z"); // debian12_64's and proxmox8_64's endOfInstall
  const check = async (templateName: string) => (await f.provider.check({}, { serviceName: SCALE7, templateName })).failures ?? [];

  it("on its last day (noon, the same day in UTC and in Paris): the preview passes it, lists it as installable today, and OVH installs it", async () => {
    f = await ovhFixture();
    f.clock.advance(lastDay + 12 * 3600_000 - f.clock.now());
    expect(await check("debian12_64")).toEqual([]);
    expect(await check("debian10_64")).toEqual([
      {
        property: "templateName",
        reason: `template debian10_64 is no longer installable: OVH ended its installation on 2024-06-30 (endOfInstall); templates ${SCALE7} can install today: debian12_64, debian13_64, ubuntu2404-server_64, alma9_64, proxmox8_64, win2022core-std_64, byolinux_64, nutanix-ce_64`,
      },
    ]);
    const { outs } = await f.up({ serviceName: SCALE7, templateName: "debian12_64" });
    expect(outs).toMatchObject({ taskStatus: "done", installedOs: "debian12_64" });
    expect(f.installPosts()).toBe(1);
  });

  it("the day after: the preview fails it, naming its last day", async () => {
    f = await ovhFixture();
    f.clock.advance(lastDay + 24 * 3600_000 - f.clock.now());
    expect(await check("debian12_64")).toEqual([
      {
        property: "templateName",
        reason: `template debian12_64 is no longer installable: OVH ended its installation on 2028-07-04 (endOfInstall); templates ${SCALE7} can install today: debian13_64, ubuntu2404-server_64, alma9_64, win2022core-std_64, byolinux_64, nutanix-ce_64`,
      },
    ]);
  });
});
