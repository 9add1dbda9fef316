import { OVH_ROUTES } from "pulumi-reinstall-simulator";
import { ovhFixture, SCALE7, type OvhFixture, type Props } from "./support/ovh";

/**
 * A server's hardware specifications (its disk groups) are read only for inputs that need them: a disk group or
 * storage to check. Each test previews a server of its own, so the process-wide memo starts empty for it.
 */
describe("DedicatedServerInstall check: the hardware specifications are read only when the inputs need them", () => {
  let f: OvhFixture;
  beforeAll(async () => {
    f = await ovhFixture();
  });
  afterAll(() => f.close());
  afterEach(() => expect(f.installPosts()).toBe(0));

  let servers = 0;
  /** Checks `extra` on a fresh copy of SCALE7 `times` times; what they found, and the server reads they cost. */
  const previews = async (times: number, extra: Props) => {
    const serviceName = `ns300${++servers}00.ip-51-68-9.eu`;
    f.sim.cloneServer(SCALE7, serviceName);
    const failures = [];
    for (let i = 0; i < times; i++) failures.push((await f.provider.check({}, { serviceName, templateName: "debian12_64", ...extra })).failures);
    const reads = (route: string) => f.sim.journal.filter((e) => e.route === route && e.path.includes(serviceName)).length;
    return { failures, hardware: reads(OVH_ROUTES.hardware), compatible: reads(OVH_ROUTES.compatibleTemplates) };
  };

  it("reads none for inputs that name no disk group and no storage, still checking the server's templates", async () => {
    expect(await previews(2, { customHostname: "web-1" })).toEqual({ failures: [[], []], hardware: 0, compatible: 1 });
  });

  it("reads them once per server and process for a disk group, and fails one the server lacks with its groups", async () => {
    const { failures, hardware } = await previews(3, { diskGroupId: 3 });
    expect(hardware).toBe(1);
    expect(failures[2]).toEqual([{ property: "diskGroupId", reason: expect.stringMatching(/^the server has no disk group 3; disk groups: 1 \(.*\), 2 \(/) }]);
  });

  it("reads them for storage, whose disk counts are checked against the group", async () => {
    const { failures, hardware } = await previews(1, { storage: [{ partitioning: { disks: 9 } }] });
    expect(hardware).toBe(1);
    expect(failures[0]).toEqual([{ property: "storage[0].partitioning.disks", reason: expect.stringMatching(/is 9, but disk group 1 has \d+ disks/) }]);
  });

  it("reads none for storage sent by install/start, which fails without looking at the disks", async () => {
    const { failures, hardware } = await previews(1, { installApi: "install/start", storage: [{ partitioning: { disks: 9 } }] });
    expect(hardware).toBe(0);
    expect(failures[0]).toContainEqual({ property: "storage", reason: expect.stringMatching(/only sent by installApi "reinstall"/) });
  });
});
