import { hosted } from "./support/host";
import { unknownValue } from "../src/unknowns";
import { applicationKeyEnv, ovhFixture, SCALE7, SERIALIZED, type OvhFixture, type Props } from "./support/ovh";
import { dedicatedServerInstallProvider } from "../src/ovh/dedicated-server-install/provider";
import { throwawaySshKey } from "../../harness/ssh-key";

const SSH_KEY = throwawaySshKey("unchanged-preview@example");
const program: Props = { serviceName: SCALE7, templateName: "debian12_64", userMetadata: { sshKey: SSH_KEY } };

/**
 * OVH allows about 60 requests a minute. A preview of a stack whose installs are declared as they were checked last
 * time sends none: a new provider process (nothing cached) checks and diffs it without a request. A changed input
 * is checked against OVH again, which shows the count would see a request.
 */
describe("DedicatedServerInstall: a preview of an unchanged stack", () => {
  let f: OvhFixture;
  afterEach(() => f.close());

  it("sends OVH no request from a fresh provider; a changed input is checked against OVH", async () => {
    f = await ovhFixture();
    await f.up(program);
    const olds = (await f.provider.check({}, { ...program, __provider: SERIALIZED })).inputs;
    const next = await hosted(dedicatedServerInstallProvider, f.clock, { OVH_ENDPOINT: f.sim.endpoint, ...applicationKeyEnv(f.sim) });
    const before = f.sim.journal.length;

    const checked = await next.provider.check(olds, { ...program, __provider: SERIALIZED });
    expect(checked.failures ?? []).toEqual([]);
    expect(await next.provider.diff(SCALE7, olds, checked.inputs)).toMatchObject({ changes: false });
    expect(f.sim.journal.length).toBe(before);

    const changed = await next.provider.check(olds, { ...program, templateName: "debian13_64", __provider: SERIALIZED });
    expect(changed.failures ?? []).toEqual([]);
    expect(f.sim.journal.length).toBeGreaterThan(before);
  });

  it("is checked against OVH when an input is unknown at preview, though the known ones are as they were", async () => {
    f = await ovhFixture();
    const olds = (await f.provider.check({}, { ...program, __provider: SERIALIZED })).inputs;
    const next = await hosted(dedicatedServerInstallProvider, f.clock, { OVH_ENDPOINT: f.sim.endpoint, ...applicationKeyEnv(f.sim) });
    const before = f.sim.journal.length;
    const checked = await next.provider.check(olds, { ...program, customHostname: unknownValue, __provider: SERIALIZED });
    expect(checked.failures ?? []).toEqual([]);
    expect(f.sim.journal.length).toBeGreaterThan(before);
  });
});
