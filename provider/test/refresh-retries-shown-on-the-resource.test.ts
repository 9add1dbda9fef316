import { OVH_ROUTES } from "pulumi-reinstall-simulator";
import { ovhFixture, SCALE7, type OvhFixture } from "./support/ovh";

describe("DedicatedServerInstall refresh through a transient failure", () => {
  let f: OvhFixture;
  afterEach(() => f.close());

  it("shows the retry of its read on the resource being refreshed, and reads through it", async () => {
    f = await ovhFixture();
    const { id, outs } = await f.up({ serviceName: SCALE7, templateName: "debian12_64" });
    f.events.length = 0;
    f.sim.inject({ route: OVH_ROUTES.server, kind: "status", status: 503 });

    const read = await f.provider.read(id, outs);

    expect(read.props).toMatchObject({ taskStatus: "done", installedOs: "debian12_64" });
    expect(f.events).toEqual([
      expect.objectContaining({
        resource: `DedicatedServerInstall ${SCALE7}`,
        message: expect.stringMatching(new RegExp(`^GET /dedicated/server/${SCALE7}: HTTP 503, retry 1/`)),
      }),
    ]);
  });
});
