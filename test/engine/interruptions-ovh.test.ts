import { OVH_ROUTES, startOvhSimulator, type OvhSimulator } from "pulumi-reinstall-simulator";
import { throwawaySshKey } from "../../harness/ssh-key";
import { interruptionWorld, type InterruptionWorld, type Kept } from "./interruption-world";

const SERVER = "ns3001234.ip-51-68-1.eu";

jest.setTimeout(90_000);

/**
 * Each row of the README's interruption table for DedicatedServerInstall, through @pulumi/pulumi's own dynamic
 * provider host: the first run is interrupted for real (the host process is killed or signalled, the API fails),
 * a new host process plays the next `pulumi up`, and the simulator's journal must show exactly one install POST.
 */
describe("DedicatedServerInstall: exactly one install, whatever interrupts pulumi up", () => {
  let ovh: OvhSimulator;
  let world: InterruptionWorld;
  const clock = pausableClock();
  const sshKey = throwawaySshKey();

  beforeAll(async () => {
    ovh = await startOvhSimulator({ installSeconds: 6, now: clock.now });
    const c = ovh.credentials;
    world = await interruptionWorld("ovh-debian", { sshPublicKey: sshKey }, () => ({
      "ovh:endpoint": ovh.endpoint,
      "ovh:applicationKey": c.applicationKey,
      "ovh:applicationSecret": c.applicationSecret,
      "ovh:consumerKey": c.consumerKey,
    }));
  }, 180_000);
  afterAll(async () => {
    await world?.close();
    await ovh?.close();
  });
  beforeEach(() => ovh.reset());

  const posts = () => ovh.count({ route: OVH_ROUTES.reinstall });
  /** Warnings reach the engine's Log service on their own schedule: wait for the one expected. */
  const warning = (pattern: RegExp) => world.untilLog(pattern).then((entry) => expect(entry).toMatchObject({ severity: "warning", urn: world.urn }));
  const waiting = /\d+\/21 /;
  const installedOnce = (outs: Record<string, unknown>) => {
    expect(outs).toMatchObject({ taskStatus: "done", installedOs: "debian12_64" });
    expect(posts()).toBe(1);
    expect(ovh.server(SERVER).taskIds).toEqual([outs.taskId]);
  };

  it("SIGKILL while waiting on the task (a crash, a cancelled CI job): the engine drops the create; the next up adopts the running task", async () => {
    const machine = world.machine();
    await world.interrupted({ when: waiting, signal: "SIGKILL", machine });
    // A loaded machine may take longer to start the next host than the task has left to run: hold the task.
    clock.pause();
    const warned = warning(/a reinstall was already under way \(task \d+/).finally(clock.resume);
    const outs = world.up(await world.host(machine), undefined);
    await warned;
    installedOnce(await outs);
  });

  it("SIGKILL while waiting, next up on another machine after the install finished: the finished install is recorded, not repeated", async () => {
    await world.interrupted({ when: waiting, signal: "SIGKILL" });
    while (ovh.server(SERVER).os !== "debian12_64") await new Promise((r) => setTimeout(r, 100));
    const warned = warning(/installed debian12_64 .* ago .*recorded it instead of installing again/);
    installedOnce(await world.up(await world.host(world.machine()), undefined));
    await warned;
  });

  it("SIGKILL while waiting, then other inputs on the same machine: the interrupted install is seen through, then the declared one is posted", async () => {
    const machine = world.machine();
    await world.interrupted({ when: waiting, signal: "SIGKILL", machine });
    const outs = await world.up(await world.host(machine), undefined, { ...world.registration.inputs, customHostname: "web-9" });
    expect(outs).toMatchObject({ taskStatus: "done", customHostname: "web-9" });
    const tasks = ovh.server(SERVER).taskIds;
    expect([posts(), tasks.length, outs.taskId]).toEqual([2, 2, Math.max(...tasks)]);
    expect(ovh.server(SERVER).hostname).toBe("web-9");
  });

  it("SIGKILL while the install POST is in flight: the next up (on another machine) adopts the task OVH created", async () => {
    ovh.inject({ route: OVH_ROUTES.reinstall, kind: "latency", ms: 1_500, when: "after" });
    await world.interrupted({ when: () => posts() > 0, signal: "SIGKILL" });
    installedOnce(await world.up(await world.host(world.machine()), undefined));
  });

  it.each(["SIGTERM", "SIGINT"] as const)("%s while waiting (a cancelled job, Ctrl-C): the wait ends at once in the init-failure form, the host exits, the next up resumes", async (signal) => {
    const { ended, exitCode } = await world.interrupted({ when: waiting, signal });
    const kept = world.keptAfter(ended);
    expect(kept?.properties).toMatchObject({ taskId: expect.any(Number), __provider: world.registration.inputs.__provider });
    expect(String((ended as Error).message)).toMatch(new RegExp(`told to stop \\(${signal}\\) while waiting on install task`));
    expect(exitCode).toBe(130);
    const outs = await world.up(await world.host(world.machine()), kept);
    installedOnce(outs);
    expect(outs.taskId).toBe(kept!.properties.taskId);
  });

  it("an API outage during the wait: the run fails keeping the task; the next up resumes it", async () => {
    const first = await world.host(world.machine());
    const polling = world.untilLog(waiting);
    const failure = world.failedUp(first, { ...world.registration.inputs, timeoutMinutes: 0.3 });
    await polling;
    // As long as the wait's deadline lets it retry: 5 s, then 10 s later, then it gives up.
    ovh.inject({ route: OVH_ROUTES.task, kind: "status", status: 503, body: { message: "Service Unavailable" }, times: 3 });
    const failure503 = await failure;
    expect(String((failure503 as Error).message)).toMatch(/OVH answered HTTP 503/);
    const kept = world.keptAfter(failure503);
    expect(kept?.properties).toMatchObject({ taskId: expect.any(Number) });
    const outs = await world.up(await world.host(world.machine()), kept, world.registration.inputs);
    installedOnce(outs);
    expect(outs.taskId).toBe(kept!.properties.taskId);
  });

  it("an ambiguous answer (502 after OVH acted) and a 429 after OVH acted: the same run adopts the task", async () => {
    for (const status of [502, 429]) {
      ovh.reset();
      ovh.inject({ route: OVH_ROUTES.reinstall, kind: "status", status, body: { message: "upstream trouble" }, when: "after" });
      installedOnce(await world.up(await world.host(world.machine()), undefined));
    }
  });

  it("a late answer (OVH carries the POST out after the run gave up on it): the run keeps an unconfirmed start; the next up adopts the late task", async () => {
    ovh.inject({ route: OVH_ROUTES.reinstall, kind: "latency", ms: 6_000 });
    const first = await world.host(world.machine());
    const failure = await world.failedUp(first);
    expect(String((failure as Error).message)).toMatch(/failed without a clear answer, and no new reinstall task has appeared yet/);
    const kept = world.keptAfter(failure);
    expect(kept?.properties).toMatchObject({ __unconfirmedStart: { afterTaskId: 0 } });
    const outs = await world.up(await world.host(world.machine()), kept as Kept);
    installedOnce(outs);
  });
});

/** Real time that a test can hold still, so a task does not end while the next run is only starting. */
function pausableClock() {
  let heldAt: number | undefined;
  let lost = 0;
  return {
    now: () => heldAt ?? Date.now() - lost,
    pause: () => void (heldAt ??= Date.now() - lost),
    resume: () => {
      if (heldAt !== undefined) lost = Date.now() - heldAt;
      heldAt = undefined;
    },
  };
}
