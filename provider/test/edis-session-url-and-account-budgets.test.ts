import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { EDIS_ROUTES, startEdisSimulator, type EdisSimulator } from "pulumi-reinstall-simulator";
import { VirtualClock } from "../src/clock";
import { kvmReinstallProvider } from "../src/edis/kvm-reinstall/provider";
import { createRuntime } from "../src/runtime";
import { SERIALIZED, hosted } from "./support/host";
import { EDGE1, ROOT_PASSWORD } from "./support/edis";

const EDGE2 = "kvm_123456_789013";

/** What one EDIS account's settings lead to: the host its logins go to, and the request budget its calls spend. */
describe("EDIS settings: where the login goes, and whose request budget a call spends", () => {
  const sims: EdisSimulator[] = [];
  let journal: string;
  afterEach(async () => {
    await Promise.all(sims.splice(0).map((s) => s.close()));
    fs.rmSync(journal, { recursive: true, force: true });
  });

  /** `count` simulated EDIS services, each with its own account, on one virtual clock; one machine's intent journal. */
  async function world(count: number) {
    const clock = new VirtualClock();
    for (let i = 0; i < count; i++) sims.push(await startEdisSimulator({ reinstallSeconds: 300, now: () => clock.now() }));
    journal = fs.mkdtempSync(path.join(os.tmpdir(), "reinstall-journal-"));
    return clock;
  }
  const declared = (sim: EdisSimulator, kvmId: string) => ({
    kvmId,
    image: "cloudinit_debian-bookworm",
    password: ROOT_PASSWORD,
    readinessPort: sim.vps(kvmId).port,
    waitForReady: false,
  });

  it.each([
    ["EDIS_SESSION_URL", "//"],
    ["edis:sessionUrl", "///"],
  ])("a session URL in %s ending in %s logs in at that host's get/auth, as one without them", async (setting, slashes) => {
    const clock = await world(1);
    const [sim] = sims;
    const sessionUrl = { [setting]: `${sim.sessionUrl}${slashes}` };
    const inStackConfig = setting.startsWith("edis:");
    const account = { EDIS_EMAIL: sim.credentials.email, EDIS_PASSWORD: sim.credentials.password, PULUMI_REINSTALL_JOURNAL_DIR: journal };
    const { up } = await hosted(kvmReinstallProvider, clock, { ...account, ...(inStackConfig ? {} : sessionUrl) }, inStackConfig ? sessionUrl : {});
    const { outs } = await up(declared(sim, EDGE1));
    expect(outs).toMatchObject({ kvmId: EDGE1, apiHost: sim.apiHost, reinstalledAt: expect.any(String) });
    expect(sim.journal.map((e) => e.route)).toEqual([EDIS_ROUTES.auth, EDIS_ROUTES.images, EDIS_ROUTES.reinstall]);
    expect(sim.vps(EDGE1).reinstalls).toBe(1);
  });

  it("two EDIS accounts whose providers share one runtime each have their own request budget: one that spent its minute's does not hold up the other's calls", async () => {
    const clock = await world(2);
    const [a, b] = sims;
    // One runtime, hence one scheduler, which grants each credential its own budget (README#credentials). The Pulumi
    // host configures one account per process; the package's createRuntime and kvmReinstallProvider allow two.
    // Three requests a minute: as many as one `up` below makes (get/auth, get/images, set/reinstall).
    const runtime = createRuntime({
      clock,
      env: { PULUMI_REINSTALL_JOURNAL_DIR: journal },
      rateLimit: { perMinute: 3 },
      progress: () => undefined,
      warn: () => undefined,
      requestTimeoutMs: 3_000,
    });
    const up = async (sim: EdisSimulator, kvmId: string) => {
      const provider = kvmReinstallProvider(runtime);
      const settings: Record<string, string> = {
        "edis:sessionUrl": sim.sessionUrl,
        "edis:email": sim.credentials.email,
        "edis:password": sim.credentials.password,
      };
      await provider.configure({ config: { get: (key: string) => settings[key], require: () => "" } } as never);
      const checked = await provider.check({}, { ...declared(sim, kvmId), __provider: SERIALIZED });
      return provider.create({ ...checked.inputs, __provider: SERIALIZED });
    };
    const began = clock.now();
    await up(a, EDGE1);
    expect(a.journal.map((e) => e.at)).toEqual([began, began, began]);
    await up(b, EDGE2);
    expect(b.journal.map((e) => [e.route, e.at])).toEqual([
      [EDIS_ROUTES.auth, began],
      [EDIS_ROUTES.images, began],
      [EDIS_ROUTES.reinstall, began],
    ]);
    expect([a.vps(EDGE1).reinstalls, b.vps(EDGE2).reinstalls]).toEqual([1, 1]);
  });
});
