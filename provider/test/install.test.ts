import { ovhFixture, SCALE7, type OvhFixture } from "./support/ovh";
import { throwawaySshKey } from "../../harness/ssh-key";
import { OVH_ROUTES } from "pulumi-reinstall-simulator";

const webInputs = () => ({
  serviceName: SCALE7,
  templateName: "debian12_64",
  customHostname: "web-1",
  diskGroupId: 2,
  userMetadata: { sshKey: throwawaySshKey(), postInstallationScript: "#!/bin/sh\necho provisioned" },
});

describe("DedicatedServerInstall lifecycle against the OVH simulator", () => {
  let f: OvhFixture;
  afterEach(() => f.close());

  it("create: installs through POST /reinstall, waits for done and reports the installed OS", async () => {
    f = await ovhFixture();
    const inputs = webInputs();
    const { id, outs } = await f.up(inputs);

    expect(id).toBe(SCALE7);
    expect(outs).toMatchObject({ ...inputs, installApi: "reinstall", timeoutMinutes: 120, taskStatus: "done", installedOs: "debian12_64" });
    expect(outs.taskId).toEqual(expect.any(Number));
    expect(outs.elapsedSeconds).toBe(660);
    expect(f.sim.server(SCALE7)).toMatchObject({ os: "debian12_64", hostname: "web-1" });
    expect(f.installPosts()).toBe(1);
  });

  it("create: sends the answers as customizations and the disk group as storage", async () => {
    f = await ovhFixture();
    const inputs = webInputs();
    await f.up(inputs);
    const post = f.sim.journal.find((e) => e.route === OVH_ROUTES.reinstall)!;
    expect(post.body).toEqual({
      operatingSystem: "debian12_64",
      customizations: { hostname: "web-1", ...inputs.userMetadata },
      storage: [{ diskGroupId: 2 }],
    });
  });

  it("create: reports progress step by step, polling less early and more near the end", async () => {
    f = await ovhFixture();
    await f.up(webInputs());
    const steps = f.events.filter((e) => e.step !== undefined);
    expect(steps.length).toBeGreaterThan(5);
    expect(steps.every((e) => e.steps === 21)).toBe(true);
    expect(steps.map((e) => e.step)).toEqual([...steps.map((e) => e.step!)].sort((a, b) => a - b));
    expect(steps[0].message).toMatch(new RegExp(`^${SCALE7}: \\d+/21 .+, (\\d+m)?\\d+s$`));
    expect(f.events.at(-1)!.message).toMatch(/debian12_64 installed by task \d+ \(\d+ API calls\)/);
    const polls = f.sim.journal.filter((e) => e.route === OVH_ROUTES.task || e.route === OVH_ROUTES.installStatus).map((e) => e.at);
    const gaps = polls.slice(1).map((t, i) => t - polls[i]);
    expect(gaps[1]).toBeGreaterThan(gaps.at(-2)!);
  });

  it("create: the legacy install/start route sends the guide's body when OVH still serves it", async () => {
    f = await ovhFixture({ installStart: true });
    const inputs = { ...webInputs(), installApi: "install/start", userMetadata: [{ key: "sshKey", value: throwawaySshKey() }] };
    const { outs } = await f.up(inputs);
    expect(outs).toMatchObject({ taskStatus: "done", installedOs: "debian12_64" });
    const post = f.sim.journal.find((e) => e.route === OVH_ROUTES.installStart)!;
    expect(post.body).toEqual({
      templateName: "debian12_64",
      details: { customHostname: "web-1", diskGroupId: 2 },
      userMetadata: [{ key: "sshKey", value: inputs.userMetadata[0].value }],
    });
    expect(f.sim.count({ route: OVH_ROUTES.reinstall })).toBe(0);
  });

  it("create with an OAuth2 service account: the install POST declares its JSON body, which OVH refuses otherwise", async () => {
    f = await ovhFixture({ oauth2: true });
    const https = require("node:https") as typeof import("node:https");
    const request = https.request;
    const { outs } = await f.up({ serviceName: SCALE7, templateName: "alma9_64" });
    expect(outs.installedOs).toBe("alma9_64");
    expect(f.sim.journal.filter((e) => e.route === OVH_ROUTES.reinstall).map((e) => e.status)).toEqual([200]);
    expect(f.sim.count({ credential: f.sim.credentials.clientId })).toBeGreaterThan(3);
    expect(f.sim.count({ credential: f.sim.credentials.applicationKey })).toBe(0);
    // The header is added to node-ovh's own request only; nothing else in the process is touched.
    expect(https.request).toBe(request);
  });

  it("update: a changed hostname reinstalls once and warns at diff time", async () => {
    f = await ovhFixture();
    const inputs = webInputs();
    const { id, outs } = await f.up(inputs);
    const news = (await f.provider.check(outs, { ...inputs, customHostname: "web-2" })).inputs;
    const diff = await f.provider.diff(id, outs, news);
    expect(diff).toEqual({ changes: true, replaces: [], deleteBeforeReplace: false });
    expect(f.warnings).toEqual([expect.stringMatching(/REINSTALLS ns3001234\.ip-51-68-1\.eu and erases its disks \(changed: customHostname\)/)]);

    const updated = await f.provider.update(id, outs, news);
    expect(updated.outs).toMatchObject({ customHostname: "web-2", taskStatus: "done" });
    expect(updated.outs.taskId).not.toBe(outs.taskId);
    expect(f.sim.server(SCALE7).hostname).toBe("web-2");
    expect(f.installPosts()).toBe(2);
  });

  it("diff/update: nothing changed means no change; a new timeout alone touches nothing on the server", async () => {
    f = await ovhFixture();
    const inputs = webInputs();
    const { id, outs } = await f.up(inputs);
    expect(await f.provider.diff(id, outs, (await f.provider.check(outs, inputs)).inputs)).toMatchObject({ changes: false });

    const news = (await f.provider.check(outs, { ...inputs, timeoutMinutes: 240 })).inputs;
    expect(await f.provider.diff(id, outs, news)).toMatchObject({ changes: true, replaces: [] });
    const before = f.sim.journal.length;
    const updated = await f.provider.update(id, outs, news);
    expect(updated.outs).toMatchObject({ timeoutMinutes: 240, taskId: outs.taskId, taskStatus: "done" });
    expect(f.sim.journal.length).toBe(before);
    expect(f.warnings).toEqual([]);
  });

  it("diff: a new serviceName replaces", async () => {
    f = await ovhFixture();
    const { id, outs } = await f.up(webInputs());
    expect(await f.provider.diff(id, outs, { ...outs, serviceName: "ns3005678.ip-51-68-2.eu" })).toMatchObject({ replaces: ["serviceName"] });
  });

  it("read: reports the task's status and the server's os; a purged task is not an error", async () => {
    f = await ovhFixture();
    const { id, outs } = await f.up(webInputs());
    const read = await f.provider.read(id, outs);
    expect(read).toEqual({ id, props: { ...outs, installedOs: "debian12_64" } });

    const purged = await f.provider.read(id, { ...outs, taskId: 999_999 });
    expect(purged.props).toMatchObject({ taskId: 999_999, taskStatus: "done", installedOs: "debian12_64" });
  });

  it("delete: forgets the install; the server keeps its OS", async () => {
    f = await ovhFixture();
    const { id, outs } = await f.up(webInputs());
    const before = f.sim.journal.length;
    await f.provider.delete(id, outs);
    expect(f.sim.journal.length).toBe(before);
    expect(f.sim.server(SCALE7).os).toBe("debian12_64");
    expect(f.events.at(-1)!.message).toMatch(/forgotten; the server keeps its operating system/);
  });
});
