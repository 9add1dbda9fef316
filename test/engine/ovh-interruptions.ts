import { OVH_ROUTES, startOvhSimulator, type OvhSimulator } from "pulumi-reinstall-simulator";
import { runSshKey } from "../../harness/ssh-key";
import { interruptionWorld, type InterruptionWorld } from "./interruption-world";

export const SERVER = "ns3001234.ip-51-68-1.eu";
/** The progress line of a wait on the install task. */
export const waiting = /\d+\/21 /;

/** Real time that a test can hold still, so a task does not end while the next run is only starting. */
export interface PausableClock {
  now(): number;
  pause(): void;
  resume(): void;
}

/** One OVH simulator on a pausable clock, the interruption world around it, and what every DedicatedServerInstall interruption test checks. */
export interface OvhInterruptions {
  ovh: OvhSimulator;
  world: InterruptionWorld;
  clock: PausableClock;
  posts(): number;
  /** The run's outputs, exactly one install POST in the simulator's journal, and the server's only task the run's. */
  installedOnce(outs: Record<string, unknown>): void;
  /** Warnings reach the engine's Log service on their own schedule: wait for the one expected. */
  warning(pattern: RegExp): Promise<void>;
}

/**
 * Sets up, for the calling describe block, a simulator with a 6 s install and a world of its own (the packed install
 * is the run's shared one), and resets the simulator before each test: the DedicatedServerInstall interruption tests
 * are spread over several files so that jest runs them side by side, since they mostly wait on the simulated
 * install and on host processes.
 */
export function useOvhInterruptions(): OvhInterruptions {
  const t = {
    clock: pausableClock(),
    posts: () => t.ovh.count({ route: OVH_ROUTES.reinstall }),
    installedOnce(outs: Record<string, unknown>) {
      expect(outs).toMatchObject({ taskStatus: "done", installedOs: "debian12_64" });
      expect(t.posts()).toBe(1);
      expect(t.ovh.server(SERVER).taskIds).toEqual([outs.taskId]);
    },
    warning: (pattern: RegExp) => t.world.untilLog(pattern).then((entry) => expect(entry).toMatchObject({ severity: "warning", urn: t.world.urn })),
  } as OvhInterruptions;
  const sshKey = runSshKey();

  beforeAll(async () => {
    t.ovh = await startOvhSimulator({ installSeconds: 6, now: t.clock.now });
    const c = t.ovh.credentials;
    t.world = await interruptionWorld("ovh-debian", { sshPublicKey: sshKey }, () => ({
      "ovh:endpoint": t.ovh.endpoint,
      "ovh:applicationKey": c.applicationKey,
      "ovh:applicationSecret": c.applicationSecret,
      "ovh:consumerKey": c.consumerKey,
    }));
  }, 180_000);
  afterAll(async () => {
    await t.world?.close();
    await t.ovh?.close();
  });
  beforeEach(() => t.ovh.reset());
  return t;
}

function pausableClock(): PausableClock {
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
