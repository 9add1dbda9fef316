import * as fs from "node:fs";
import { EDIS_ROUTES, OVH_ROUTES, startEdisSimulator, startOvhSimulator, type EdisSimulator, type OvhSimulator } from "pulumi-reinstall-simulator";
import { captureProgram, type Registration } from "../../harness/capture";
import { startRecordingEngine, type RecordingEngine } from "../../harness/engine";
import { HostError, hostEnv, startProviderHost, type ProviderHost } from "../../harness/host";
import { packedInstall, type PackedInstall } from "../../harness/pack";
import { runSshKey } from "../../harness/ssh-key";

type Props = Record<string, unknown>;

const ROOT_PASSWORD = "Preview+Root=Pass9!";
/** OVH ended installs of debian10_64 on 2024-06-30; EDIS no longer offers Debian buster. */
const WITHDRAWN_TEMPLATE = "debian10_64";
const WITHDRAWN_IMAGE = "cloudinit_debian-buster";

jest.setTimeout(120_000);

/**
 * What `pulumi preview` costs in API requests: each preview starts a fresh dynamic provider host (as the CLI
 * does), which gets Configure, then Check and Diff of each resource against its state. The simulators' journals
 * show every request that reached them, /auth/time and logins included.
 */
describe("previews through @pulumi/pulumi's dynamic provider host: an unchanged, finished resource costs no API request", () => {
  let install: PackedInstall;
  let ovh: OvhSimulator;
  let edis: EdisSimulator;
  let engine: RecordingEngine;
  let web: Registration;
  let edge: Registration;
  /** What each resource's first `up` left. */
  let web0: Kept;
  let edge0: Kept;
  const hosts: ProviderHost[] = [];

  /** A new provider process, configured with the stack's config, as each `pulumi preview` starts one. */
  async function fresh(resource: "ovh" | "edis"): Promise<ProviderHost> {
    const host = await startProviderHost(
      install.program(resource === "ovh" ? "ovh-debian" : "edis-cloudinit"),
      engine.address,
      hostEnv(`${install.dir}/journal`),
    );
    hosts.push(host);
    const c = ovh.credentials;
    await host.configure(
      resource === "ovh"
        ? {
            "ovh:endpoint": ovh.endpoint,
            "ovh:applicationKey": c.applicationKey,
            "ovh:applicationSecret": c.applicationSecret,
            "ovh:consumerKey": c.consumerKey,
          }
        : { "edis:sessionUrl": edis.sessionUrl, "edis:email": edis.credentials.email, "edis:password": edis.credentials.password },
    );
    return host;
  }

  /**
   * A resource as the engine keeps it: the inputs Check returned (the engine hands them to the next Check as
   * `olds`) and the outputs (the next Diff's and Update's `olds`).
   */
  interface Kept {
    inputs: Props;
    outputs: Props;
  }

  /** One `up` of a new resource in a fresh host: what the engine keeps after it, whether it succeeded or failed. */
  async function up(resource: "ovh" | "edis", registration: Registration, inputs: Props = registration.inputs): Promise<Kept & { failure?: HostError }> {
    const host = await fresh(resource);
    const urn = registration.inputs.__urn as string;
    const checked = await host.check(urn, {}, inputs);
    expect(checked.failures).toEqual([]);
    return host.create(urn, checked.inputs).then(
      (created) => ({ inputs: checked.inputs, outputs: created.properties }),
      (e: unknown) => {
        if (!(e instanceof HostError) || !e.initFailure) throw e;
        return { inputs: checked.inputs, outputs: e.initFailure.properties, failure: e };
      },
    );
  }

  /** Inputs for a server of its own (a copy of ADVANCE-1, which has one disk group), so no two tests' installs meet. */
  let servers = 0;
  const onNewServer = (): Props => {
    const serviceName = `ns300${++servers}77.ip-51-68-7.eu`;
    ovh.cloneServer("ns3005678.ip-51-68-2.eu", serviceName);
    const { diskGroupId: _group, ...inputs } = web.inputs;
    return { ...inputs, serviceName };
  };

  /** One resource's preview in a fresh host, as the engine runs it: Check on the kept inputs, Diff on the kept outputs. */
  async function preview(resource: "ovh" | "edis", registration: Registration, kept: Kept | undefined, news: Props = registration.inputs) {
    const sim = resource === "ovh" ? ovh : edis;
    const host = await fresh(resource);
    const urn = registration.inputs.__urn as string;
    const before = sim.journal.length;
    const checked = await host.check(urn, kept?.inputs ?? {}, news);
    const id = String(resource === "ovh" ? kept?.outputs.serviceName : kept?.outputs.kvmId);
    const diff = kept ? await host.diff(urn, id, kept.outputs, checked.inputs) : undefined;
    return { failures: checked.failures, diff, requests: sim.journal.slice(before).map((e) => e.route) };
  }

  /** What the engine would keep had `field` been declared as `value` all along (a name the API withdrew since). */
  const declaredAs = (kept: Kept, field: string, value: string, extra: Props = {}): Kept => ({
    inputs: { ...kept.inputs, [field]: value },
    outputs: { ...kept.outputs, [field]: value, ...extra },
  });

  beforeAll(async () => {
    if (!process.env.NODE_EXTRA_CA_CERTS) throw new Error("NODE_EXTRA_CA_CERTS is not set: run the tests with `make test`");
    install = packedInstall(["ovh-debian", "edis-cloudinit"]);
    [ovh, edis, engine] = await Promise.all([startOvhSimulator({ installSeconds: 6 }), startEdisSimulator({ reinstallSeconds: 8 }), startRecordingEngine()]);
    const kvm = edis.vpsList[0];
    [web] = captureProgram(install.program("ovh-debian"), "ovh-debian", { sshPublicKey: runSshKey() });
    [edge] = captureProgram(install.program("edis-cloudinit"), "edis-cloudinit", {
      kvmId: kvm.kvmId,
      rootPassword: ROOT_PASSWORD,
      readinessPort: String(kvm.port),
    });
    [web0, edge0] = await Promise.all([up("ovh", web), up("edis", edge)]);
  }, 180_000);

  afterAll(async () => {
    for (const h of hosts) h.stop();
    await Promise.all([ovh?.close(), edis?.close(), engine?.close()]);
    if (install) fs.rmSync(install.dir, { recursive: true, force: true });
  });

  describe("DedicatedServerInstall", () => {
    it("previews an unchanged, installed resource without a request, /auth/time included", async () => {
      expect(web0.outputs).toMatchObject({ taskStatus: "done", installedOs: "debian12_64" });
      expect(await preview("ovh", web, web0)).toEqual({ failures: [], diff: { changes: "none", replaces: [] }, requests: [] });
    });

    it("does not notice what OVH changed since the install: a template withdrawn after it was installed previews clean", async () => {
      const installedBefore = declaredAs(web0, "templateName", WITHDRAWN_TEMPLATE, { installedOs: WITHDRAWN_TEMPLATE });
      const result = await preview("ovh", web, installedBefore, { ...web.inputs, templateName: WITHDRAWN_TEMPLATE });
      expect(result).toEqual({ failures: [], diff: { changes: "none", replaces: [] }, requests: [] });
    });

    it("validates a changed input live, failing a bad value with the message a new resource gets", async () => {
      const news = { ...web.inputs, templateName: WITHDRAWN_TEMPLATE };
      const asNew = await preview("ovh", web, undefined, news);
      const changed = await preview("ovh", web, web0, news);
      expect(asNew.failures).toEqual([
        { property: "templateName", reason: expect.stringMatching(/^template debian10_64 is no longer installable: OVH ended its installation on 2024-06-30/) },
      ]);
      expect(changed.failures).toEqual(asNew.failures);
      expect(changed.requests).toEqual(expect.arrayContaining([OVH_ROUTES.template, OVH_ROUTES.compatibleTemplates]));
    });

    it("an install that failed, declared unchanged: the preview asks nothing; the up that installs again validates live first, and a template withdrawn since stops it before the POST", async () => {
      const inputs = onNewServer();
      const serviceName = inputs.serviceName as string;
      ovh.failNextInstall(serviceName, { status: "customerError", atStep: 2, comment: "the partitioning failed" });
      const failed = await up("ovh", web, inputs);
      expect(failed.outputs).toMatchObject({ serviceName, taskStatus: "customerError" });
      const kept = declaredAs(failed, "templateName", WITHDRAWN_TEMPLATE);
      const news = { ...inputs, templateName: WITHDRAWN_TEMPLATE };
      expect(await preview("ovh", web, kept, news)).toMatchObject({ failures: [], requests: [] });

      const posts = ovh.count({ route: OVH_ROUTES.reinstall });
      const host = await fresh("ovh");
      const urn = web.inputs.__urn as string;
      const checked = await host.check(urn, kept.inputs, news);
      const refused = await host.update(urn, serviceName, kept.outputs, checked.inputs).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(String((refused as Error).message)).toMatch(
        /the inputs no longer pass the API's checks, so nothing was sent: templateName: template debian10_64 is no longer installable/,
      );
      expect(ovh.count({ route: OVH_ROUTES.reinstall })).toBe(posts);
    });
  });

  describe("KvmReinstall", () => {
    it("previews an unchanged, ready resource without a request, the login included", async () => {
      expect(edge0.outputs).toMatchObject({ image: "cloudinit_debian-bookworm", readyAt: expect.any(String) });
      expect(await preview("edis", edge, edge0)).toEqual({ failures: [], diff: { changes: "none", replaces: [] }, requests: [] });
    });

    it("does not notice what EDIS changed since the reinstall: an image withdrawn after it was installed previews clean", async () => {
      const result = await preview("edis", edge, declaredAs(edge0, "image", WITHDRAWN_IMAGE), { ...edge.inputs, image: WITHDRAWN_IMAGE });
      expect(result).toEqual({ failures: [], diff: { changes: "none", replaces: [] }, requests: [] });
    });

    it("validates a changed input live, failing a bad value with the message a new resource gets", async () => {
      const news = { ...edge.inputs, image: WITHDRAWN_IMAGE };
      const asNew = await preview("edis", edge, undefined, news);
      const changed = await preview("edis", edge, edge0, news);
      expect(asNew.failures).toEqual([
        { property: "image", reason: expect.stringMatching(/^EDIS offers no image "cloudinit_debian-buster" for kvm_\w+; closest: cloudinit_debian-bookworm/) },
      ]);
      expect(changed.failures).toEqual(asNew.failures);
      expect(changed.requests).toContain(EDIS_ROUTES.images);
    });

    it("a reinstall is validated live right before set/reinstall, whatever Check skipped: an image withdrawn since sends nothing", async () => {
      const reinstalls = edis.count({ route: EDIS_ROUTES.reinstall });
      const host = await fresh("edis");
      const refused = await host.create(edge.inputs.__urn as string, { ...edge0.inputs, image: WITHDRAWN_IMAGE }).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(String((refused as Error).message)).toMatch(
        /the inputs no longer pass the API's checks, so nothing was sent: image: EDIS offers no image "cloudinit_debian-buster"/,
      );
      expect(edis.count({ route: EDIS_ROUTES.reinstall })).toBe(reinstalls);
    });
  });
});
