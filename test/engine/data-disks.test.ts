import * as fs from "node:fs";
import { OVH_ROUTES, startOvhSimulator, type OvhSimulator } from "pulumi-reinstall-simulator";
import { captureProgram, type Registration } from "../../harness/capture";
import { startRecordingEngine, type RecordingEngine } from "../../harness/engine";
import { startProviderHost, type ProviderHost } from "../../harness/host";
import { packedInstall, type PackedInstall } from "../../harness/pack";
import { throwawaySshKey } from "../../harness/ssh-key";

type Props = Record<string, unknown>;

/** The SCALE-7 of OVH's hardware example: disk group 1 (2× SSD 480 GB) and disk group 2 (2× NVMe 1920 GB). */
const SCALE7 = "ns3001234.ip-51-68-1.eu";
const system = { diskGroupId: 1, partitioning: { layout: [{ fileSystem: "ext4", mountPoint: "/", raidLevel: 1 }] } };

jest.setTimeout(120_000);

/**
 * Keeping a data disk group through @pulumi/pulumi's dynamic provider host, as `pulumi preview` and `pulumi up`
 * run the packed provider: the system group is reinstalled, the data group is left as it was.
 */
describe("keeping a data disk group through the dynamic provider host", () => {
  let install: PackedInstall;
  let ovh: OvhSimulator;
  let engine: RecordingEngine;
  let web: Registration;
  const hosts: ProviderHost[] = [];

  async function fresh(): Promise<ProviderHost> {
    const host = await startProviderHost(install.program("ovh-debian"), engine.address, {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      NODE_EXTRA_CA_CERTS: process.env.NODE_EXTRA_CA_CERTS,
      PULUMI_REINSTALL_TIME_SCALE: "0.05",
      PULUMI_REINSTALL_JOURNAL_DIR: `${install.dir}/journal`,
    });
    hosts.push(host);
    const c = ovh.credentials;
    await host.configure({ "ovh:endpoint": ovh.endpoint, "ovh:applicationKey": c.applicationKey, "ovh:applicationSecret": c.applicationSecret, "ovh:consumerKey": c.consumerKey });
    return host;
  }

  /** The example's web-1 on SCALE-7 with this storage instead of its diskGroupId. */
  const declaring = (storage: Props[]): Props => {
    const { diskGroupId: _group, ...inputs } = web.inputs;
    return { ...inputs, serviceName: SCALE7, storage };
  };
  const urn = () => web.inputs.__urn as string;

  beforeAll(async () => {
    if (!process.env.NODE_EXTRA_CA_CERTS) throw new Error("NODE_EXTRA_CA_CERTS is not set: run the tests with `make test`");
    install = packedInstall(["ovh-debian"]);
    [ovh, engine] = await Promise.all([startOvhSimulator({ installSeconds: 6 }), startRecordingEngine()]);
    [web] = captureProgram(install.program("ovh-debian"), "ovh-debian", { sshPublicKey: throwawaySshKey() });
  }, 180_000);

  afterAll(async () => {
    for (const h of hosts) h.stop();
    await Promise.all([ovh?.close(), engine?.close()]);
    if (install) fs.rmSync(install.dir, { recursive: true, force: true });
  });

  it("preview: keeping the group the OS goes on fails, naming storage[1].diskGroupId and the group that can be kept", async () => {
    const host = await fresh();
    const checked = await host.check(urn(), {}, declaring([system, { diskGroupId: 1, erase: false }]));
    expect(checked.failures).toEqual([
      {
        property: "storage[1].diskGroupId",
        reason: "disk group 1 is where the OS is installed (storage[0]), and OVH always erases it; disk groups that can be kept or erased: 2 (2 X Disk NVME 1920 GB, JBOD)",
      },
    ]);
    expect(ovh.count({ route: OVH_ROUTES.reinstall })).toBe(0);
  });

  it("up: reinstalls disk group 1 and keeps disk group 2", async () => {
    const storage = [system, { diskGroupId: 2, erase: false }];
    const host = await fresh();
    const checked = await host.check(urn(), {}, declaring(storage));
    expect(checked.failures).toEqual([]);
    const created = await host.create(urn(), checked.inputs);

    expect(created).toMatchObject({ id: SCALE7, properties: { storage, taskStatus: "done", installedOs: "debian12_64" } });
    const posts = ovh.journal.filter((e) => e.route === OVH_ROUTES.reinstall);
    expect(posts.map((p) => (p.body as Props).storage)).toEqual([storage]);
    expect(ovh.server(SCALE7)).toMatchObject({ os: "debian12_64", disks: { installedOn: 1, erased: [1], kept: [2] } });
  });
});
