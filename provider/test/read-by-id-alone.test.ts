import { ovhFixture, SCALE7, type OvhFixture } from "./support/ovh";

describe("DedicatedServerInstall read given an id and no recorded outputs", () => {
  let f: OvhFixture;
  afterEach(() => f.close());

  it("reads the server the id names: the OS it runs", async () => {
    f = await ovhFixture();
    const read = await f.provider.read(SCALE7, {});
    expect(read).toEqual({ id: SCALE7, props: { installedOs: "debian11_64" } });
  });
});
