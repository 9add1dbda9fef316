import { adoptNotice } from "../src/ovh/dedicated-server-install/adopt-install";
import { unknownValue } from "../src/unknowns";
import { SERIALIZED } from "./support/host";
import { ADVANCE1, ovhFixture, SCALE7, type OvhFixture, type Props } from "./support/ovh";
import { throwawaySshKey } from "../../harness/ssh-key";

const SSH_KEY = throwawaySshKey();
/** SCALE7 runs debian11_64 as delivered, ADVANCE1 debian12_64. */
const declared = (extra: Props = {}): Props => ({
  serviceName: SCALE7,
  templateName: "debian11_64",
  userMetadata: { sshKey: SSH_KEY },
  adopt: true,
  ...extra,
  __provider: SERIALIZED,
});

describe("DedicatedServerInstall with adopt: the preview adopts on a create only (a new resource, or a replacement on another server)", () => {
  let f: OvhFixture;
  afterEach(() => f.close());

  it("a new resource whose server is not known until another resource is created: the preview says it adopts", async () => {
    f = await ovhFixture();
    const checked = await f.provider.check({}, declared({ serviceName: unknownValue, templateName: "debian12_64" }));
    expect(checked.failures).toEqual([]);
    expect(f.warnings).toEqual([expect.stringContaining(`: ${adoptNotice}`)]);
  });

  it("a resource in state whose templateName changes, adopt left in: an update that reinstalls, neither said to adopt nor held to what the server runs", async () => {
    f = await ovhFixture();
    await f.up(declared());
    const olds = (await f.provider.check({}, declared())).inputs;
    f.warnings.length = 0;

    const checked = await f.provider.check(olds, declared({ templateName: "debian12_64" }));
    expect(checked.failures).toEqual([]);
    expect(f.warnings).toEqual([]);
  });

  it("a replacement on another server: said to adopt, and held to what that server runs", async () => {
    f = await ovhFixture();
    const olds = (await f.provider.check({}, declared({ serviceName: ADVANCE1, templateName: "debian12_64" }))).inputs;
    f.warnings.length = 0;

    const checked = await f.provider.check(olds, declared({ templateName: "debian12_64" }));
    expect(checked.failures).toEqual([{ property: "templateName", reason: expect.stringContaining(`adopt: ${SCALE7} runs debian11_64, not debian12_64`) }]);
    expect(f.warnings).toEqual([`DedicatedServerInstall ${SCALE7}: ${adoptNotice}`]);
  });
});
