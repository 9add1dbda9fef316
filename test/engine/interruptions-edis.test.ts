import { EDIS_ROUTES, startEdisSimulator, type EdisSimulator } from "pulumi-reinstall-simulator";
import { interruptionWorld, type InterruptionWorld } from "./interruption-world";

const ROOT_PASSWORD = "Engine+Root=Pass9!";

jest.setTimeout(90_000);

/**
 * Each row of the README's interruption table for KvmReinstall, through @pulumi/pulumi's own dynamic provider
 * host: the first run is interrupted for real, a new host process plays the next `pulumi up` (on the same
 * machine, or on another one without its intent journal), and the simulator's journal must show exactly one
 * set/reinstall, and the VPS must end up running the declared image.
 */
describe("KvmReinstall: exactly one reinstall, whatever interrupts pulumi up", () => {
  let edis: EdisSimulator;
  let world: InterruptionWorld;
  let kvmId: string;

  beforeAll(async () => {
    edis = await startEdisSimulator({ reinstallSeconds: 12 });
    const vps = edis.vpsList[0];
    kvmId = vps.kvmId;
    world = await interruptionWorld("edis-cloudinit", { kvmId, rootPassword: ROOT_PASSWORD, readinessPort: String(vps.port) }, () => ({
      "edis:sessionUrl": edis.sessionUrl,
      "edis:email": edis.credentials.email,
      "edis:password": edis.credentials.password,
    }));
  }, 180_000);
  afterAll(async () => {
    await world?.close();
    await edis?.close();
  });
  beforeEach(() => edis.reset());

  const reinstalls = () => edis.count({ route: EDIS_ROUTES.reinstall });
  const accepted = /accepted by EDIS/;
  const reinstalledOnce = (outs: Record<string, unknown>) => {
    expect(outs).toMatchObject({ image: "cloudinit_debian-bookworm", readyAt: expect.any(String) });
    expect(reinstalls()).toBe(1);
    expect(edis.vps(kvmId)).toMatchObject({ image: "cloudinit_debian-bookworm", password: ROOT_PASSWORD, portOpen: true });
  };
  /** Warnings reach the engine's Log service on their own schedule: wait for the one expected. */
  const warning = (pattern: RegExp) => world.untilLog(pattern).then((entry) => expect(entry).toMatchObject({ severity: "warning", urn: world.urn }));

  it("SIGKILL after EDIS accepted (a crash, a closed laptop): the next up on the same machine waits for that reinstall (intent journal)", async () => {
    const machine = world.machine();
    await world.interrupted({ when: accepted, signal: "SIGKILL", machine });
    const warned = warning(/an earlier run, interrupted, sent a reinstall of cloudinit_debian-bookworm at .*; waiting for it instead of sending another/);
    reinstalledOnce(await world.up(await world.host(machine), undefined));
    await warned;
  });

  it("SIGKILL after EDIS accepted, then a new password on the same machine: the interrupted reinstall is seen through, then the declared one is sent", async () => {
    const machine = world.machine();
    await world.interrupted({ when: accepted, signal: "SIGKILL", machine });
    const rotated = "Rotated+Root=Pass9!";
    const outs = await world.up(await world.host(machine), undefined, { ...world.registration.inputs, password: rotated });
    expect(outs).toMatchObject({ readyAt: expect.any(String) });
    const sent = edis.journal.filter((e) => e.route === EDIS_ROUTES.reinstall).map((e) => (e.body as { password: string }).password);
    expect(sent).toEqual([ROOT_PASSWORD, rotated]);
    expect(edis.vps(kvmId)).toMatchObject({ password: rotated, portOpen: true });
  });

  it("SIGKILL while set/reinstall is in flight: the next up on the same machine, within two minutes of the call, waits for what it may have started (intent journal)", async () => {
    edis.inject({ route: EDIS_ROUTES.reinstall, kind: "latency", ms: 1_500, when: "after" });
    const machine = world.machine();
    // The next run's host is started first: on a loaded machine, starting one can take longer than the two minutes (6 s scaled).
    const next = await world.host(machine);
    await world.interrupted({ when: () => reinstalls() > 0, signal: "SIGKILL", machine });
    reinstalledOnce(await world.up(next, undefined));
  });

  it("SIGKILL while set/reinstall is in flight, the next up on the same machine after the reinstall ended unseen (a CI job re-run): it fails at once and sends none; waitForReady: false records it", async () => {
    edis.inject({ route: EDIS_ROUTES.reinstall, kind: "latency", ms: 1_500, when: "after" });
    const machine = world.machine();
    await world.interrupted({ when: () => reinstalls() > 0, signal: "SIGKILL", machine });
    const sentAt = edis.journal.find((e) => e.route === EDIS_ROUTES.reinstall)!.at;
    // The simulator's reinstall takes 12 s; the re-run begins after it.
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, sentAt + 14_000 - Date.now())));
    const failure = await world.failedUp(await world.host(machine));
    expect(String((failure as Error).message)).toMatch(/cannot tell whether that reinstall happened, and sends none[\s\S]*set waitForReady: false for one run to record it/);
    expect(world.keptAfter(failure)).toBeUndefined();
    const outs = await world.up(await world.host(machine), undefined, { ...world.registration.inputs, waitForReady: false });
    expect(outs).toMatchObject({ image: "cloudinit_debian-bookworm", waitForReady: false, reinstalledAt: expect.any(String) });
    expect(reinstalls()).toBe(1);
    expect(edis.vps(kvmId)).toMatchObject({ image: "cloudinit_debian-bookworm", password: ROOT_PASSWORD, portOpen: true });
  });

  it("SIGKILL while the VPS reinstalls, next up from another machine (a new CI runner): the VPS found down is waited for, not reinstalled", async () => {
    // The next runner's host is started first: on a loaded machine, starting one can outlast the simulated reinstall.
    const next = await world.host(world.machine());
    await world.interrupted({ when: /closed: reinstalling/, signal: "SIGKILL" });
    const warned = warning(/was closed when this run began and then came up: a reinstall was under way/);
    reinstalledOnce(await world.up(next, undefined));
    await warned;
  });

  it.each(["SIGTERM", "SIGINT"] as const)("%s while waiting (a cancelled job, Ctrl-C): the wait ends at once in the init-failure form, the host exits, the next up resumes", async (signal) => {
    const { ended, exitCode } = await world.interrupted({ when: accepted, signal });
    expect(String((ended as Error).message)).toMatch(new RegExp(`told to stop \\(${signal}\\) while waiting for ${kvmId} to come up`));
    const kept = world.keptAfter(ended);
    expect(kept?.properties).toMatchObject({ __waitPending: true, reinstalledAt: expect.any(String), __provider: world.registration.inputs.__provider });
    expect(exitCode).toBe(130);
    reinstalledOnce(await world.up(await world.host(world.machine()), kept));
  });

  it("a wait that times out: the run fails keeping the reinstall; the next up resumes it", async () => {
    const timeoutMinutes = 0.05;
    const failure = await world.failedUp(await world.host(world.machine()), { ...world.registration.inputs, timeoutMinutes });
    const kept = world.keptAfter(failure);
    expect(kept?.properties).toMatchObject({ __waitPending: true, timeoutMinutes });
    reinstalledOnce(await world.up(await world.host(world.machine()), kept));
  });

  it("an API outage from the moment EDIS accepted (get/power answers 503), the next up after it: the run fails keeping the accepted reinstall; the next up waits for the new system and sends none", async () => {
    edis.inject({ route: EDIS_ROUTES.power, kind: "status", status: 503, times: 1_000 });
    // A 12 s deadline ends the retries within the simulated reinstall's 12 s.
    const failure = await world.failedUp(await world.host(world.machine()), { ...world.registration.inputs, timeoutMinutes: 0.2 });
    expect(String((failure as Error).message)).toMatch(/HTTP 503[\s\S]*after \d+ attempts/);
    const kept = world.keptAfter(failure);
    // The old system was never seen going down: only EDIS's acceptance tells the next run that it did.
    expect(kept?.properties).toMatchObject({ __waitPending: true, __accepted: true });
    expect(kept?.properties).not.toHaveProperty("downSeenAt");
    edis.clearFaults();
    reinstalledOnce(await world.up(await world.host(world.machine()), kept));
  });

  it.each<[string, Parameters<EdisSimulator["inject"]>[0]]>([
    ["a 502 after EDIS acted", { route: EDIS_ROUTES.reinstall, kind: "status", status: 502, when: "after" }],
    ["a reset after EDIS acted", { route: EDIS_ROUTES.reinstall, kind: "reset", when: "after" }],
    ["a 429 after EDIS acted", { route: EDIS_ROUTES.reinstall, kind: "status", status: 429, body: { error: "Too many requests" }, when: "after" }],
    ["a late answer (EDIS acts after the run gave up)", { route: EDIS_ROUTES.reinstall, kind: "latency", ms: 4_000 }],
  ])("%s: the run keeps a pending wait; the next up watches for that reinstall and sends none", async (_what, fault) => {
    edis.inject(fault);
    const failure = await world.failedUp(await world.host(world.machine()));
    expect(String((failure as Error).message)).toMatch(/failed without a clear answer: the VPS may or may not be reinstalling/);
    const kept = world.keptAfter(failure);
    expect(kept?.properties).toMatchObject({ __waitPending: true });
    reinstalledOnce(await world.up(await world.host(world.machine()), kept));
  });
});
