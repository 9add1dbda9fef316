import * as fs from "node:fs";
import { EDIS_ROUTES, OVH_ROUTES, startEdisSimulator, startOvhSimulator, type EdisSimulator, type OvhSimulator } from "pulumi-reinstall-simulator";
import { captureProgram, type Registration } from "../../harness/capture";
import { startRecordingEngine, type RecordingEngine } from "../../harness/engine";
import { hostEnv, startProviderHost, type ProviderHost } from "../../harness/host";
import { once } from "../../harness/once";
import { packedInstall, type PackedInstall } from "../../harness/pack";
import { runSshKey } from "../../harness/ssh-key";

const schema = require("../../schema.json");
const ROOT_PASSWORD = "Engine+Root=Pass9!";
const unknown = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

jest.setTimeout(120_000);

describe("engine contract: the packed install inside @pulumi/pulumi's dynamic provider host", () => {
  let install: PackedInstall;
  let ovh: OvhSimulator;
  let edis: EdisSimulator;
  let engine: RecordingEngine;
  let ovhHost: ProviderHost;
  let edisHost: ProviderHost;
  let web: Registration;
  let edge: Registration;
  const sshKey = runSshKey();
  const cloudInit = fs.readFileSync(`${__dirname}/../../examples/edis-cloudinit/cloud-init.yaml`, "utf8");

  beforeAll(async () => {
    if (!process.env.NODE_EXTRA_CA_CERTS) throw new Error("NODE_EXTRA_CA_CERTS is not set: run the tests with `make test`");
    install = packedInstall(["ovh-debian", "edis-cloudinit"]);
    [ovh, edis, engine] = await Promise.all([startOvhSimulator({ installSeconds: 6 }), startEdisSimulator({ reinstallSeconds: 8 }), startRecordingEngine()]);
    const kvm = edis.vpsList[0];
    [web] = captureProgram(install.program("ovh-debian"), "ovh-debian", { sshPublicKey: sshKey });
    [edge] = captureProgram(install.program("edis-cloudinit"), "edis-cloudinit", {
      kvmId: kvm.kvmId,
      rootPassword: ROOT_PASSWORD,
      readinessPort: String(kvm.port),
    });
    // Credentials reach the host only through Configure, as the stack's config: none in its environment.
    const env = hostEnv(`${install.dir}/journal`);
    [ovhHost, edisHost] = await Promise.all([
      startProviderHost(install.program("ovh-debian"), engine.address, env),
      startProviderHost(install.program("edis-cloudinit"), engine.address, env),
    ]);
    const c = ovh.credentials;
    await ovhHost.configure({
      "ovh:endpoint": ovh.endpoint,
      "ovh:applicationKey": c.applicationKey,
      "ovh:applicationSecret": c.applicationSecret,
      "ovh:consumerKey": c.consumerKey,
    });
    await edisHost.configure({ "edis:sessionUrl": edis.sessionUrl, "edis:email": edis.credentials.email, "edis:password": edis.credentials.password });
  }, 180_000);

  afterAll(async () => {
    ovhHost?.stop();
    edisHost?.stop();
    await Promise.all([ovh?.close(), edis?.close(), engine?.close()]);
    if (install) fs.rmSync(install.dir, { recursive: true, force: true });
  });

  const urnOf = (r: Registration) => r.inputs.__urn as string;

  it("registers each resource with its type token, a small __provider that loads modules by package name only, and no secret in it", () => {
    expect([web.type, edge.type]).toEqual(["pulumi-nodejs:dynamic/ovh:DedicatedServerInstall", "pulumi-nodejs:dynamic/edis:KvmReinstall"]);
    for (const r of [web, edge]) {
      const provider = r.inputs.__provider as string;
      expect(provider.length).toBeLessThan(20_000);
      expect(provider).toContain('require.resolve("pulumi-reinstall-provider", { paths: [sdk] })');
      expect(provider).not.toMatch(/require\(["'](\/|\.\.?\/)/);
      for (const secret of [sshKey.split(" ")[1], ROOT_PASSWORD, "ssh_pwauth", ovh.credentials.applicationSecret, edis.credentials.password, install.dir]) {
        expect(provider).not.toContain(secret);
      }
    }
  });

  it("leaves nothing plain that the schema says is secret: each such output is a secret input or an additional secret output", () => {
    for (const [r, token] of [
      [web, "reinstall:ovh:DedicatedServerInstall"],
      [edge, "reinstall:edis:KvmReinstall"],
    ] as const) {
      const secretProps = Object.entries(schema.resources[token].properties as Record<string, { secret?: boolean }>)
        .filter(([, p]) => p.secret)
        .map(([k]) => k);
      for (const name of secretProps) expect([name, r.additionalSecretOutputs.includes(name)]).toEqual([name, true]);
      for (const name of secretProps.filter((n) => r.inputs[n] !== undefined)) expect([name, r.secretInputs.includes(name)]).toEqual([name, true]);
    }
  });

  /**
   * Each resource's whole lifecycle, run once by whichever test needs it first: its own, or one that reads what the
   * engine was told during it.
   */
  const ovhLifecycle = once(async () => {
    const urn = urnOf(web);
    const checked = await ovhHost.check(urn, {}, web.inputs);
    expect(checked.failures).toEqual([]);
    const created = await ovhHost.create(urn, checked.inputs);
    expect(created.id).toBe("ns3001234.ip-51-68-1.eu");
    expect(created.properties).toMatchObject({ taskStatus: "done", installedOs: "debian12_64", customHostname: "web-1", __provider: web.inputs.__provider });

    const same = await ovhHost.check(urn, created.properties, web.inputs);
    expect(await ovhHost.diff(urn, created.id, created.properties, same.inputs)).toEqual({ changes: "none", replaces: [] });
    const edited = await ovhHost.check(urn, created.properties, { ...web.inputs, customHostname: "web-2" });
    expect(await ovhHost.diff(urn, created.id, created.properties, edited.inputs)).toEqual({ changes: "some", replaces: [] });
    const updated = await ovhHost.update(urn, created.id, created.properties, edited.inputs);
    expect(updated).toMatchObject({ customHostname: "web-2", taskStatus: "done" });
    expect(updated.taskId).not.toBe(created.properties.taskId);

    const read = await ovhHost.read(urn, created.id, updated);
    expect(read).toEqual({ id: created.id, properties: { ...updated, installedOs: "debian12_64" } });
    await ovhHost.delete(urn, created.id, read.properties);
    expect(ovh.count({ route: OVH_ROUTES.reinstall })).toBe(2);
    expect(ovh.server("ns3001234.ip-51-68-1.eu")).toMatchObject({ os: "debian12_64", hostname: "web-2" });
  });

  const edisLifecycle = once(async () => {
    const urn = urnOf(edge);
    const checked = await edisHost.check(urn, {}, edge.inputs);
    expect(checked.failures).toEqual([]);
    const created = await edisHost.create(urn, checked.inputs);
    expect(created.id).toBe(edge.inputs.kvmId);
    expect(created.properties).toMatchObject({ image: "cloudinit_debian-bookworm", cloudInitUserData: cloudInit, readyAt: expect.any(String) });

    const same = await edisHost.check(urn, created.properties, edge.inputs);
    expect(await edisHost.diff(urn, created.id, created.properties, same.inputs)).toEqual({ changes: "none", replaces: [] });
    const rotated = await edisHost.check(urn, created.properties, { ...edge.inputs, password: "Rotated+Root=Pass9!" });
    expect(await edisHost.diff(urn, created.id, created.properties, rotated.inputs)).toEqual({ changes: "some", replaces: [] });
    const updated = await edisHost.update(urn, created.id, created.properties, rotated.inputs);
    expect(updated.readyAt).not.toBe(created.properties.readyAt);

    const read = await edisHost.read(urn, created.id, updated);
    expect(read.properties).toMatchObject({ powerState: "on", apiHost: edis.apiHost });
    await edisHost.delete(urn, created.id, read.properties);
    expect(edis.count({ route: EDIS_ROUTES.reinstall })).toBe(2);
  });

  it("DedicatedServerInstall: Check, Create, Diff (no change), Check and Diff of a new hostname, Update, Read, Delete", () => ovhLifecycle());

  it("KvmReinstall: Check, Create (waiting for the new system), Diff, Check and Diff of a new password, Update, Read, Delete", () => edisLifecycle());

  it("sends progress to the engine's Log service during Create, as ephemeral status beside the resource", async () => {
    await Promise.all([ovhLifecycle(), edisLifecycle()]);
    const beside = (r: Registration) => engine.logs.filter((l) => l.urn === urnOf(r) && l.ephemeral && l.severity === "info").map((l) => l.message);
    expect(beside(web)).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^ns3001234\.ip-51-68-1\.eu: \d+\/21 .+, \d+s$/),
        expect.stringMatching(/debian12_64 installed by task \d+/),
      ]),
    );
    expect(beside(edge)).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/waiting for the old system to go down/),
        expect.stringMatching(/ready: port \d+ answered \d+ times in a row/),
      ]),
    );
  });

  it("warns at preview, from Diff, that an update erases the machine", async () => {
    await Promise.all([ovhLifecycle(), edisLifecycle()]);
    const warnings = engine.logs.filter((l) => l.severity === "warning");
    expect(warnings).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          urn: urnOf(web),
          message: expect.stringMatching(/REINSTALLS ns3001234\.ip-51-68-1\.eu and erases its disks \(changed: customHostname\)/),
        }),
        expect.objectContaining({ urn: urnOf(edge), message: expect.stringMatching(/REINSTALLS kvm_\w+ and erases its disk \(changed: password\)/) }),
      ]),
    );
  });

  it("returns preview-time problems as check failures naming the field, and lets unknown values through", async () => {
    const urn = urnOf(web);
    const typo = await ovhHost.check(urn, {}, { ...web.inputs, templateName: "debian12", customHostname: "-web" });
    expect(typo.failures.map((f) => f.property).sort()).toEqual(["customHostname", "templateName"]);
    expect((await edisHost.check(urnOf(edge), {}, { ...edge.inputs, password: "short" })).failures).toEqual([
      { property: "password", reason: expect.stringMatching(/the password is 5 characters long/) },
    ]);
    expect((await ovhHost.check(urn, {}, { ...web.inputs, serviceName: unknown })).failures).toEqual([]);
  });
});
