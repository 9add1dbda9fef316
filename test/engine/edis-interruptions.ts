import { EDIS_ROUTES, startEdisSimulator, type EdisSimulator } from "pulumi-reinstall-simulator";
import { interruptionWorld, type InterruptionWorld } from "./interruption-world";

export const ROOT_PASSWORD = "Engine+Root=Pass9!";
/** The log line of a reinstall EDIS accepted. */
export const accepted = /accepted by EDIS/;

/** One EDIS simulator, the interruption world around it, and what every KvmReinstall interruption test checks. */
export interface EdisInterruptions {
  edis: EdisSimulator;
  world: InterruptionWorld;
  kvmId: string;
  reinstalls(): number;
  /** The run's outputs, exactly one set/reinstall in the simulator's journal, and the VPS running the declared image. */
  reinstalledOnce(outs: Record<string, unknown>): void;
  /** Warnings reach the engine's Log service on their own schedule: wait for the one expected. */
  warning(pattern: RegExp): Promise<void>;
}

/**
 * Sets up, for the calling describe block, a simulator with a 12 s reinstall and a world of its own (the packed
 * install is the run's shared one), and resets the simulator before each test: the KvmReinstall interruption
 * tests are spread over several files so that jest runs them side by side, since they mostly wait on the
 * simulated reinstall and on host processes.
 */
export function useEdisInterruptions(): EdisInterruptions {
  const t = {
    reinstalls: () => t.edis.count({ route: EDIS_ROUTES.reinstall }),
    reinstalledOnce(outs: Record<string, unknown>) {
      expect(outs).toMatchObject({ image: "cloudinit_debian-bookworm", readyAt: expect.any(String) });
      expect(t.reinstalls()).toBe(1);
      expect(t.edis.vps(t.kvmId)).toMatchObject({ image: "cloudinit_debian-bookworm", password: ROOT_PASSWORD, portOpen: true });
    },
    warning: (pattern: RegExp) => t.world.untilLog(pattern).then((entry) => expect(entry).toMatchObject({ severity: "warning", urn: t.world.urn })),
  } as EdisInterruptions;

  beforeAll(async () => {
    t.edis = await startEdisSimulator({ reinstallSeconds: 12 });
    const vps = t.edis.vpsList[0];
    t.kvmId = vps.kvmId;
    t.world = await interruptionWorld("edis-cloudinit", { kvmId: t.kvmId, rootPassword: ROOT_PASSWORD, readinessPort: String(vps.port) }, () => ({
      "edis:sessionUrl": t.edis.sessionUrl,
      "edis:email": t.edis.credentials.email,
      "edis:password": t.edis.credentials.password,
    }));
  }, 180_000);
  afterAll(async () => {
    await t.world?.close();
    await t.edis?.close();
  });
  beforeEach(() => t.edis.reset());
  return t;
}
