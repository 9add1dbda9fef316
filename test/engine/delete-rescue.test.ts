import * as fs from "node:fs";
import { BOOT_OPTIONS, OVH_ROUTES, startOvhSimulator, type OvhSimulator } from "pulumi-reinstall-simulator";
import { captureProgram, type Registration } from "../../harness/capture";
import { startRecordingEngine, type RecordingEngine } from "../../harness/engine";
import { hostEnv, startProviderHost, type ProviderHost } from "../../harness/host";
import { packedInstall, type PackedInstall } from "../../harness/pack";
import { throwawaySshKey } from "../../harness/ssh-key";

type Props = Record<string, unknown>;

jest.setTimeout(120_000);

/**
 * Delete through @pulumi/pulumi's dynamic provider host, as `pulumi destroy` runs it: a fresh host gets Configure,
 * then Delete with the resource's state. Without onDelete it forgets; with it, the server is set to boot the
 * declared rescue and rebooted once, and the Delete RPC answers only once the reboot task is done.
 */
describe("delete through the dynamic provider host: forget by default, rescue and reboot when asked", () => {
  let install: PackedInstall;
  let ovh: OvhSimulator;
  let engine: RecordingEngine;
  let web: Registration;
  const hosts: ProviderHost[] = [];
  const rescue = BOOT_OPTIONS.find((b) => b.kernel === "rescue12-customer")!;

  async function fresh(): Promise<ProviderHost> {
    const host = await startProviderHost(install.program("ovh-debian"), engine.address, hostEnv(`${install.dir}/journal`));
    hosts.push(host);
    const c = ovh.credentials;
    await host.configure({ "ovh:endpoint": ovh.endpoint, "ovh:applicationKey": c.applicationKey, "ovh:applicationSecret": c.applicationSecret, "ovh:consumerKey": c.consumerKey });
    return host;
  }

  /** A server of its own (a copy of ADVANCE-1), declared as the program declares web-1, plus `extra`. */
  let servers = 0;
  const declared = (extra: Props = {}): Props => {
    const serviceName = `ns300${++servers}88.ip-51-68-8.eu`;
    ovh.cloneServer("ns3005678.ip-51-68-2.eu", serviceName);
    const { diskGroupId: _group, ...inputs } = web.inputs;
    return { ...inputs, serviceName, ...extra };
  };

  /** One `up` of a new resource in a fresh host: its state. */
  async function up(inputs: Props): Promise<Props> {
    const host = await fresh();
    const checked = await host.check(urn(), {}, inputs);
    expect(checked.failures).toEqual([]);
    return (await host.create(urn(), checked.inputs)).properties;
  }

  const urn = () => web.inputs.__urn as string;
  const routesSince = (from: number) => ovh.journal.slice(from).map((e) => e.route);

  beforeAll(async () => {
    if (!process.env.NODE_EXTRA_CA_CERTS) throw new Error("NODE_EXTRA_CA_CERTS is not set: run the tests with `make test`");
    install = packedInstall(["ovh-debian"]);
    [ovh, engine] = await Promise.all([startOvhSimulator({ installSeconds: 6, rebootSeconds: 4 }), startRecordingEngine()]);
    [web] = captureProgram(install.program("ovh-debian"), "ovh-debian", { sshPublicKey: throwawaySshKey() });
  }, 180_000);

  afterAll(async () => {
    for (const h of hosts) h.stop();
    await Promise.all([ovh?.close(), engine?.close()]);
    if (install) fs.rmSync(install.dir, { recursive: true, force: true });
  });

  it("without onDelete, Delete sends no request at all", async () => {
    const state = await up(declared());
    const host = await fresh();
    const before = ovh.journal.length;
    await host.delete(urn(), String(state.serviceName), state);
    expect(routesSince(before)).toEqual([]);
  });

  it("with onDelete, Delete sets the rescue boot, reboots once and answers once the reboot task is done", async () => {
    const state = await up(declared({ onDelete: { rescue: "rescue12-customer" } }));
    expect(state.onDelete).toEqual({ rescue: "rescue12-customer" });
    const serviceName = String(state.serviceName);
    const host = await fresh();
    const before = ovh.journal.length;
    await host.delete(urn(), serviceName, state);

    const calls = ovh.journal.slice(before);
    expect(calls.filter((e) => e.route === OVH_ROUTES.updateServer).map((e) => e.body)).toEqual([{ bootId: rescue.bootId }]);
    expect(calls.filter((e) => e.route === OVH_ROUTES.reboot)).toHaveLength(1);
    const routes = calls.map((e) => e.route);
    expect(routes.indexOf(OVH_ROUTES.updateServer)).toBeLessThan(routes.indexOf(OVH_ROUTES.reboot));
    // The answer came after a task read made once the reboot (4 s on the simulator's clock) had ended.
    const rebootAt = calls.find((e) => e.route === OVH_ROUTES.reboot)!.at;
    expect(calls.filter((e) => e.route === OVH_ROUTES.task).at(-1)!.at).toBeGreaterThanOrEqual(rebootAt + 4_000);
    expect(ovh.bootId(serviceName)).toBe(rescue.bootId);
    expect(engine.logs.some((l) => l.message.includes(`${serviceName}: rebooted on rescue12-customer (boot ${rescue.bootId}) by task`))).toBe(true);
  });

  it("a rescue name the server does not have fails at preview, naming the field and listing its rescue boots", async () => {
    const host = await fresh();
    const checked = await host.check(urn(), {}, declared({ onDelete: { rescue: "rescue-customer" } }));
    expect(checked.failures).toEqual([{ property: "onDelete.rescue", reason: expect.stringContaining('no rescue boot "rescue-customer"; rescue boots: rescue64-pro (1122') }]);
    expect(checked.failures[0].reason).toContain("rescue12-customer (230242");
  });
});
