import { OVH_ROUTES } from "pulumi-reinstall-simulator";
import { ovhFixture, SCALE7, SERIALIZED, type OvhFixture } from "./support/ovh";
import { throwawaySshKey } from "../../harness/ssh-key";

/**
 * The look-ups a preview makes (templates, the server, its disks) are shared by every resource of the provider, so a
 * retry of one is shown under "OVH API", not under a resource it may not be for.
 */
describe("DedicatedServerInstall: a retried look-up at preview", () => {
  let f: OvhFixture;
  afterEach(() => f.close());

  it("shows its retry under OVH API, naming the call, and the check passes", async () => {
    f = await ovhFixture();
    f.sim.inject({ route: OVH_ROUTES.template, kind: "status", status: 503, times: 1 });
    const checked = await f.provider.check(
      {},
      { serviceName: SCALE7, templateName: "debian12_64", userMetadata: { sshKey: throwawaySshKey() }, __provider: SERIALIZED },
    );
    expect(checked.failures ?? []).toEqual([]);
    expect(f.events.filter((e) => e.message.includes("retry"))).toEqual([
      { resource: "OVH API", urn: undefined, message: "GET /dedicated/installationTemplate/debian12_64: HTTP 503, retry 1/5 in 2 s", elapsedSeconds: 0 },
    ]);
  });
});
