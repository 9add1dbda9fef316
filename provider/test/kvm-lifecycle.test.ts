import { EDGE1, WIN1, ROOT_PASSWORD, edisFixture, type EdisFixture } from "./support/edis";
import { EDIS_ROUTES } from "pulumi-reinstall-simulator";
import { readinessSchedule } from "../src/edis/kvm-reinstall/wait";

const cloudConfig = "#cloud-config\npackage_update: true\nruncmd:\n  - echo provisioned > /root/marker\n";

describe("KvmReinstall lifecycle against the EDIS simulator", () => {
  let f: EdisFixture;
  afterEach(() => f.close());

  it("create: one set/reinstall with the form EDIS documents, then waits for the new system", async () => {
    f = await edisFixture();
    const { id, outs } = await f.up(f.inputs(EDGE1, { cloudInitUserData: cloudConfig }));
    expect(id).toBe(EDGE1);
    expect(f.reinstalls()).toBe(1);
    const post = f.sim.journal.find((e) => e.route === EDIS_ROUTES.reinstall)!;
    expect(post.body).toMatchObject({ kvm_id: EDGE1, image: "cloudinit_debian-bookworm", password: ROOT_PASSWORD, cloudinit_user_data: cloudConfig });
    expect(outs).toMatchObject({ apiHost: f.sim.apiHost, primaryIp: "127.0.0.1", waitForReady: true, timeoutMinutes: 30 });
    expect(f.sim.vps(EDGE1)).toMatchObject({ image: "cloudinit_debian-bookworm", cloudInitUserData: cloudConfig, portOpen: true });
  });

  it("wait: is not fooled by the old system's open port, sees it go down, and waits out the final reboot", async () => {
    f = await edisFixture();
    const { outs } = await f.up(f.inputs());
    const reinstalledAt = Date.parse(outs.reinstalledAt as string);
    const at = (key: string) => (Date.parse(outs[key] as string) - reinstalledAt) / 1000;
    // The simulator's timeline for 300 s: old OS until 30 s, down until 210 s, first boot until 255 s, reboot until 270 s.
    expect(at("downSeenAt")).toBeGreaterThanOrEqual(30);
    expect(at("downSeenAt")).toBeLessThan(210);
    expect(at("readyAt")).toBeGreaterThanOrEqual(270);
    expect(outs.elapsedSeconds).toBe(at("readyAt"));
    const messages = f.events.map((e) => e.message);
    expect(messages).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/waiting for the old system to go down \(port \d+ still answers, power on\)/),
        expect.stringMatching(/closed: reinstalling/),
        expect.stringMatching(/answers \(first boot\)/),
        expect.stringMatching(/rebooting after first boot/),
        expect.stringMatching(/ready: port \d+ answered 3 times in a row/),
        expect.stringMatching(/cloudinit_debian-bookworm ready after 4m\d\ds \(\d+ API calls\)/),
      ]),
    );
    // Each stage is said once, however many probes it lasts (the 1-s probes of a 3-minute install among them).
    const elapsed = /, \d+(m\d\d)?s$/;
    const port = f.sim.vps(EDGE1).port;
    expect(messages.filter((m) => elapsed.test(m)).map((m) => m.replace(elapsed, "").replace(`${EDGE1}: `, ""))).toEqual([
      `waiting for the old system to go down (port ${port} still answers, power on)`,
      `port ${port} closed: reinstalling`,
      `installing (port ${port} closed)`,
      `port ${port} answers (first boot)`,
      `port ${port} closed after first boot`,
      `rebooting after first boot (port ${port} closed)`,
      `port ${port} answers (1 in a row)`,
      `port ${port} answers (2 in a row)`,
      `ready: port ${port} answered 3 times in a row`,
    ]);
  });

  it("wait: once the old system is down, only free TCP probes; before, get/power no oftener than its pace", async () => {
    f = await edisFixture();
    const { outs } = await f.up(f.inputs());
    const downSeenAt = Date.parse(outs.downSeenAt as string);
    const reinstalledAt = Date.parse(outs.reinstalledAt as string);
    const sent = f.sim.journal.find((e) => e.route === EDIS_ROUTES.reinstall)!;
    expect(f.sim.journal.filter((e) => e.at > sent.at && e.at >= downSeenAt)).toEqual([]);
    const powerReads = f.sim.count({ route: EDIS_ROUTES.power });
    expect(powerReads).toBeGreaterThan(0);
    expect(powerReads).toBeLessThanOrEqual(Math.ceil((downSeenAt - reinstalledAt) / readinessSchedule.downCheckEveryMs));
  });

  it("wait at time scale 0.5: the old system is checked first after half of firstCheckMs, then every half of downCheckEveryMs", async () => {
    f = await edisFixture({ timeScale: 0.5 });
    const { outs } = await f.up(f.inputs());
    const sent = f.sim.journal.find((e) => e.route === EDIS_ROUTES.reinstall)!;
    const reads = f.sim.journal.filter((e) => e.route === EDIS_ROUTES.power && e.at > sent.at).map((e) => e.at - sent.at);
    // The simulator's old system answers for the first 30 s of its 300-s reinstall (it does not scale): six reads.
    const { firstCheckMs, downCheckEveryMs } = readinessSchedule;
    expect(reads).toEqual([0, 1, 2, 3, 4, 5].map((i) => (firstCheckMs + i * downCheckEveryMs) * 0.5));
    expect(Date.parse(outs.downSeenAt as string) - sent.at).toBe((firstCheckMs + 6 * downCheckEveryMs) * 0.5);
  });

  it("create without cloud-init data, and without waiting, returns once EDIS accepts", async () => {
    f = await edisFixture();
    const { outs } = await f.up(f.inputs(EDGE1, { image: "debian-bullseye", waitForReady: false }));
    expect(outs).toMatchObject({ image: "debian-bullseye", waitForReady: false, reinstalledAt: expect.any(String) });
    expect(outs.readyAt).toBeUndefined();
    expect(f.sim.journal.at(-1)!.route).toBe(EDIS_ROUTES.reinstall);
  });

  it("check: Windows images wait on RDP for up to an hour by default", async () => {
    f = await edisFixture();
    const { inputs } = await f.provider.check({}, { kvmId: WIN1, image: "windows-server-2022", password: ROOT_PASSWORD });
    expect(inputs).toMatchObject({ readinessPort: 3389, timeoutMinutes: 60, waitForReady: true });
  });

  it("update: a new password reinstalls; new wait settings alone touch nothing", async () => {
    f = await edisFixture();
    const inputs = f.inputs();
    const { id, outs } = await f.up(inputs);

    const waitOnly = (await f.provider.check(outs, { ...inputs, timeoutMinutes: 45 })).inputs;
    expect(await f.provider.diff(id, outs, waitOnly)).toEqual({ changes: true, replaces: [], deleteBeforeReplace: false });
    const before = f.sim.journal.length;
    expect((await f.provider.update(id, outs, waitOnly)).outs).toMatchObject({ timeoutMinutes: 45, readyAt: outs.readyAt });
    expect(f.sim.journal.length).toBe(before);
    expect(f.warnings).toEqual([]);

    const rotated = (await f.provider.check(outs, { ...inputs, password: "An0ther-Secret!pw" })).inputs;
    expect((await f.provider.diff(id, outs, rotated)).changes).toBe(true);
    expect(f.warnings).toEqual([expect.stringMatching(/REINSTALLS kvm_123456_789012 and erases its disk \(changed: password\)/)]);
    const updated = await f.provider.update(id, outs, rotated);
    expect(updated.outs.readyAt).not.toBe(outs.readyAt);
    expect(f.reinstalls()).toBe(2);
  });

  it("diff: another kvmId replaces; the same inputs change nothing", async () => {
    f = await edisFixture();
    const inputs = f.inputs();
    const { id, outs } = await f.up(inputs);
    expect(await f.provider.diff(id, outs, (await f.provider.check(outs, inputs)).inputs)).toMatchObject({ changes: false });
    expect(await f.provider.diff(id, outs, { ...outs, kvmId: "kvm_123456_789013" })).toMatchObject({ replaces: ["kvmId"] });
  });

  it("read refreshes the API host, IP and power state; delete forgets without a call", async () => {
    f = await edisFixture();
    const { id, outs } = await f.up(f.inputs());
    expect((await f.provider.read(id, outs)).props).toEqual({ ...outs, apiHost: f.sim.apiHost, primaryIp: "127.0.0.1", powerState: "on" });
    const before = f.sim.journal.length;
    await f.provider.delete(id, outs);
    expect(f.sim.journal.length).toBe(before);
    expect(f.events.at(-1)!.message).toMatch(/forgotten; the VPS keeps its operating system/);
  });
});
