import { startOvhSimulator } from "pulumi-reinstall-simulator";
import { VirtualClock } from "../src/clock";
import { createRuntime } from "../src/runtime";
import { dedicatedServerInstallProvider } from "../src/ovh/dedicated-server-install/provider";
import { hosted, SERIALIZED } from "./support/host";
import { ovhFixture, failureOf, sshPublicKey, SCALE7, REINSTALL, type OvhFixture } from "./support/ovh";

/** Found in review: sequences that must not lead to a second install POST, or to state that lies. */
const inputs = (extra: Record<string, unknown> = {}) => ({ serviceName: SCALE7, templateName: "debian12_64", userMetadata: { sshKey: sshPublicKey() }, ...extra });

describe("DedicatedServerInstall, exactly once: the edges", () => {
  let f: OvhFixture | undefined;
  afterEach(async () => {
    await f?.close();
    f = undefined;
  });

  it("an unconfirmed start whose task OVH carried out late is adopted by the next up even if that up comes more than a day later", async () => {
    f = await ovhFixture();
    const program = inputs();
    f.sim.inject({ route: REINSTALL, kind: "status", status: 504, body: { message: "Gateway Timeout" } });
    const error = await failureOf(f.up(program));
    expect(error).toMatchObject({ code: "AMBIGUOUS_START" });
    // The lost request is carried out after all, after the run's three look-ups.
    const late = f.sim.startInstall(SCALE7, "debian12_64");
    // The user comes back after the weekend. State still says: an install request of ours got no answer.
    f.clock.advance(48 * 3600_000);
    const state = error.properties!;
    const { outs } = await f.provider.update(SCALE7, state, (await f.provider.check(state, program)).inputs);
    expect(outs).toMatchObject({ taskId: late });
    expect(f.sim.count({ route: REINSTALL })).toBe(1);
  });

  it("OVH's clock a few minutes ahead of ours: a finished install of an interrupted run is not repeated", async () => {
    const clock = new VirtualClock();
    const skewMs = 3 * 60_000;
    const sim = await startOvhSimulator({ installSeconds: 660, now: () => clock.now() + skewMs });
    const c = sim.credentials;
    const host = await hosted(dedicatedServerInstallProvider, clock, {
      OVH_ENDPOINT: sim.endpoint,
      OVH_APPLICATION_KEY: c.applicationKey,
      OVH_APPLICATION_SECRET: c.applicationSecret,
      OVH_CONSUMER_KEY: c.consumerKey,
    });
    try {
      // A run posted the install and was SIGKILLed; the engine dropped the pending create.
      sim.startInstall(SCALE7, "debian12_64");
      // The install ends (11 min); the user re-runs a minute later.
      clock.advance(12 * 60_000);
      await host.up(inputs());
      expect(sim.count({ route: REINSTALL })).toBe(0);
    } finally {
      await sim.close();
    }
  });

  it("a user who changes customHostname between a killed run and the re-run does not get state claiming the new hostname", async () => {
    f = await ovhFixture();
    // Run 1: cut off while the install runs (stand-in for SIGKILL: the engine drops the pending create, state is discarded).
    await failureOf(f.up(inputs({ customHostname: "old.example.com", timeoutMinutes: 1 })));
    // Run 2, new inputs: a fresh create.
    const { outs } = await f.up(inputs({ customHostname: "new.example.com" }));
    const installedHostname = f.sim.server(SCALE7).hostname;
    // Either it installs what is declared, or it must not claim so.
    expect(outs.customHostname).toBe(installedHostname);
  });

  it("Ctrl-C during the look-ups that precede the install POST: no POST goes out", async () => {
    f = await ovhFixture();
    const controller = new AbortController();
    const runtime = createRuntime({
      clock: f.clock,
      env: { OVH_ENDPOINT: f.sim.endpoint, OVH_APPLICATION_KEY: f.sim.credentials.applicationKey, OVH_APPLICATION_SECRET: f.sim.credentials.applicationSecret, OVH_CONSUMER_KEY: f.sim.credentials.consumerKey },
      progress: () => undefined,
      warn: () => undefined,
      requestTimeoutMs: 3_000,
      stopping: { signal: controller.signal, run: (work) => work() },
    });
    const provider = dedicatedServerInstallProvider(runtime);
    await provider.configure({ config: { get: () => undefined, require: () => "" } } as never);
    const checked = await provider.check({}, { ...inputs(), __provider: SERIALIZED });
    const created = provider.create({ ...checked.inputs, __provider: SERIALIZED });
    // SIGINT arrives while the provider reads the template and the task list, before it posts.
    controller.abort("SIGINT");
    const error = await failureOf(created);
    expect(f.sim.count({ route: REINSTALL })).toBe(0);
    expect(error).toMatchObject({ code: "INTERRUPTED" });
  });
});
