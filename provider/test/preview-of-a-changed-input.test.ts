import { SERIALIZED } from "./support/host";
import { ovhFixture, SCALE7, type OvhFixture, type Props } from "./support/ovh";
import { throwawaySshKey } from "../../harness/ssh-key";

const SSH_KEY = throwawaySshKey();
const program = (extra: Props = {}): Props => ({
  serviceName: SCALE7,
  templateName: "debian12_64",
  userMetadata: { sshKey: SSH_KEY },
  ...extra,
  __provider: SERIALIZED,
});

describe("DedicatedServerInstall preview of a resource in state", () => {
  let f: OvhFixture;
  afterEach(() => f.close());

  it("an input changed since the last up is checked against the live API; declared as before, nothing is asked", async () => {
    f = await ovhFixture();
    await f.up(program());
    const olds = (await f.provider.check({}, program())).inputs;

    const before = f.sim.journal.length;
    expect(await f.provider.check(olds, program())).toMatchObject({ failures: [] });
    expect(f.sim.journal.length).toBe(before);

    const changed = await f.provider.check(olds, program({ templateName: "debian10_64" }));
    expect(changed.failures).toEqual([
      { property: "templateName", reason: expect.stringContaining("template debian10_64 is no longer installable: OVH ended its installation on") },
    ]);
    expect(f.sim.journal.length).toBeGreaterThan(before);
  });
});
