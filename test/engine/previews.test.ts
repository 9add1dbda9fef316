import * as fs from "node:fs";
import { EDIS_ROUTES, OVH_ROUTES, startEdisSimulator, startOvhSimulator, type EdisSimulator, type OvhSimulator } from "pulumi-reinstall-simulator";
import { captureProgram, type Registration } from "../../harness/capture";
import { startRecordingEngine, type RecordingEngine } from "../../harness/engine";
import { HostError, startProviderHost, type ProviderHost } from "../../harness/host";
import { packedInstall, type PackedInstall } from "../../harness/pack";
import { throwawaySshKey } from "../../harness/ssh-key";

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
  /** The state each resource's first `up` left. */
  let webState: Props;
  let edgeState: Props;
  const hosts: ProviderHost[] = [];

  const env = () => ({
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    NODE_EXTRA_CA_CERTS: process.env.NODE_EXTRA_CA_CERTS,
    PULUMI_REINSTALL_TIME_SCALE: "0.05",
    PULUMI_REINSTALL_JOURNAL_DIR: `${install.dir}/journal`,
  });

  /** A new provider process, configured with the stack's config, as each `pulumi preview` starts one. */
  async function fresh(resource: "ovh" | "edis"): Promise<ProviderHost> {
    const host = await startProviderHost(install.program(resource === "ovh" ? "ovh-debian" : "edis-cloudinit"), engine.address, env());
    hosts.push(host);
    const c = ovh.credentials;
    await host.configure(
      resource === "ovh"
        ? { "ovh:endpoint": ovh.endpoint, "ovh:applicationKey": c.applicationKey, "ovh:applicationSecret": c.applicationSecret, "ovh:consumerKey": c.consumerKey }
        : { "edis:sessionUrl": edis.sessionUrl, "edis:email": edis.credentials.email, "edis:password": edis.credentials.password },
    );
    return host;
  }

  async function up(resource: "ovh" | "edis", registration: Registration, inputs: Props = registration.inputs): Promise<Props> {
    const host = await fresh(resource);
    const urn = registration.inputs.__urn as string;
    const checked = await host.check(urn, {}, inputs);
    expect(checked.failures).toEqual([]);
    return (await host.create(urn, checked.inputs)).properties;
  }

  /** Inputs for a server of its own (a copy of ADVANCE-1, which has one disk group), so no two tests' installs meet. */
  let servers = 0;
  const onNewServer = (): Props => {
    const serviceName = `ns300${++servers}77.ip-51-68-7.eu`;
    ovh.cloneServer("ns3005678.ip-51-68-2.eu", serviceName);
    const { diskGroupId: _group, ...inputs } = web.inputs;
    return { ...inputs, serviceName };
  };

  /** One resource's preview in a fresh host: its Check and Diff, and the routes of the requests they made. */
  async function preview(resource: "ovh" | "edis", registration: Registration, olds: Props, news: Props = registration.inputs) {
    const sim = resource === "ovh" ? ovh : edis;
    const host = await fresh(resource);
    const urn = registration.inputs.__urn as string;
    const before = sim.journal.length;
    const checked = await host.check(urn, olds, news);
    const id = String(resource === "ovh" ? olds.serviceName : olds.kvmId);
    const diff = Object.keys(olds).length > 0 ? await host.diff(urn, id, olds, checked.inputs) : undefined;
    return { failures: checked.failures, diff, requests: sim.journal.slice(before).map((e) => e.route) };
  }

  beforeAll(async () => {
    if (!process.env.NODE_EXTRA_CA_CERTS) throw new Error("NODE_EXTRA_CA_CERTS is not set: run the tests with `make test`");
    install = packedInstall(["ovh-debian", "edis-cloudinit"]);
    [ovh, edis, engine] = await Promise.all([startOvhSimulator({ installSeconds: 6 }), startEdisSimulator({ reinstallSeconds: 8 }), startRecordingEngine()]);
    const kvm = edis.vpsList[0];
    [web] = captureProgram(install.program("ovh-debian"), "ovh-debian", { sshPublicKey: throwawaySshKey() });
    [edge] = captureProgram(install.program("edis-cloudinit"), "edis-cloudinit", { kvmId: kvm.kvmId, rootPassword: ROOT_PASSWORD, readinessPort: String(kvm.port) });
    [webState, edgeState] = await Promise.all([up("ovh", web), up("edis", edge)]);
  }, 180_000);

  afterAll(async () => {
    for (const h of hosts) h.stop();
    await Promise.all([ovh?.close(), edis?.close(), engine?.close()]);
    if (install) fs.rmSync(install.dir, { recursive: true, force: true });
  });

  describe("DedicatedServerInstall", () => {
    it("previews an unchanged, installed resource without a request, /auth/time included", async () => {
      expect(webState).toMatchObject({ taskStatus: "done", installedOs: "debian12_64" });
      expect(await preview("ovh", web, webState)).toEqual({ failures: [], diff: { changes: "none", replaces: [] }, requests: [] });
    });

    it("does not notice what OVH changed since the install: a template withdrawn after it was installed previews clean", async () => {
      const installedBefore = { ...webState, templateName: WITHDRAWN_TEMPLATE, installedOs: WITHDRAWN_TEMPLATE };
      const result = await preview("ovh", web, installedBefore, { ...web.inputs, templateName: WITHDRAWN_TEMPLATE });
      expect(result).toEqual({ failures: [], diff: { changes: "none", replaces: [] }, requests: [] });
    });

    it("validates a changed input live, failing a bad value with the message a new resource gets", async () => {
      const news = { ...web.inputs, templateName: WITHDRAWN_TEMPLATE };
      const asNew = await preview("ovh", web, {}, news);
      const changed = await preview("ovh", web, webState, news);
      expect(asNew.failures).toEqual([{ property: "templateName", reason: expect.stringMatching(/^template debian10_64 is no longer installable: OVH ended its installation on 2024-06-30/) }]);
      expect(changed.failures).toEqual(asNew.failures);
      expect(changed.requests).toEqual(expect.arrayContaining([OVH_ROUTES.template, OVH_ROUTES.compatibleTemplates]));
    });

    it("validates live the inputs of an install that failed, which the next up installs again", async () => {
      const inputs = onNewServer();
      const serviceName = inputs.serviceName as string;
      ovh.failNextInstall(serviceName, { status: "customerError", atStep: 2, comment: "the partitioning failed" });
      const failed = await up("ovh", web, inputs).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(failed).toBeInstanceOf(HostError);
      const state = (failed as HostError).initFailure!.properties;
      expect(state).toMatchObject({ serviceName, taskStatus: "customerError" });
      const same = await preview("ovh", web, state, inputs);
      expect(same.failures).toEqual([]);
      expect(same.requests).toEqual(expect.arrayContaining([OVH_ROUTES.template, OVH_ROUTES.compatibleTemplates]));
      // What previewed clean once done fails here: this install has yet to happen.
      const withdrawn = await preview("ovh", web, { ...state, templateName: WITHDRAWN_TEMPLATE }, { ...inputs, templateName: WITHDRAWN_TEMPLATE });
      expect(withdrawn.failures).toEqual([{ property: "templateName", reason: expect.stringMatching(/is no longer installable/) }]);
    });

    it("validates live the inputs of an install still under way when the last up ended", async () => {
      const inputs = { ...onNewServer(), timeoutMinutes: 0.05 };
      const timedOut = await up("ovh", web, inputs).then(
        () => undefined,
        (e: unknown) => e,
      );
      const state = (timedOut as HostError).initFailure!.properties;
      expect(state.taskStatus).not.toBe("done");
      const pending = await preview("ovh", web, state, inputs);
      expect(pending.failures).toEqual([]);
      expect(pending.requests).toEqual(expect.arrayContaining([OVH_ROUTES.template, OVH_ROUTES.compatibleTemplates]));
    });
  });

  describe("KvmReinstall", () => {
    it("previews an unchanged, ready resource without a request, the login included", async () => {
      expect(edgeState).toMatchObject({ image: "cloudinit_debian-bookworm", readyAt: expect.any(String) });
      expect(await preview("edis", edge, edgeState)).toEqual({ failures: [], diff: { changes: "none", replaces: [] }, requests: [] });
    });

    it("does not notice what EDIS changed since the reinstall: an image withdrawn after it was installed previews clean", async () => {
      const result = await preview("edis", edge, { ...edgeState, image: WITHDRAWN_IMAGE }, { ...edge.inputs, image: WITHDRAWN_IMAGE });
      expect(result).toEqual({ failures: [], diff: { changes: "none", replaces: [] }, requests: [] });
    });

    it("validates a changed input live, failing a bad value with the message a new resource gets", async () => {
      const news = { ...edge.inputs, image: WITHDRAWN_IMAGE };
      const asNew = await preview("edis", edge, {}, news);
      const changed = await preview("edis", edge, edgeState, news);
      expect(asNew.failures).toEqual([{ property: "image", reason: expect.stringMatching(/^EDIS offers no image "cloudinit_debian-buster" for kvm_\w+; closest: cloudinit_debian-bookworm/) }]);
      expect(changed.failures).toEqual(asNew.failures);
      expect(changed.requests).toContain(EDIS_ROUTES.images);
    });

    it("validates live the inputs of a reinstall whose wait the last up left pending", async () => {
      const timedOut = await up("edis", edge, { ...edge.inputs, timeoutMinutes: 0.05 }).then(
        () => undefined,
        (e: unknown) => e,
      );
      const state = (timedOut as HostError).initFailure!.properties;
      expect(state).toMatchObject({ __waitPending: true, reinstalledAt: expect.any(String) });
      const pending = await preview("edis", edge, { ...state, image: WITHDRAWN_IMAGE }, { ...edge.inputs, timeoutMinutes: 0.05, image: WITHDRAWN_IMAGE });
      expect(pending.failures).toEqual([{ property: "image", reason: expect.stringMatching(/^EDIS offers no image "cloudinit_debian-buster"/) }]);
      expect(pending.requests).toContain(EDIS_ROUTES.images);
    });
  });
});
