import { OVH_ROUTES, startOvhSimulator, type OvhSimOptions, type OvhSimulator } from "pulumi-reinstall-simulator";
import { ovhStackConfig } from "../../harness/stack-config";
import { runSshKey } from "../../harness/ssh-key";
import { interruptionWorld, type InterruptionWorld } from "./interruption-world";

export const SERVER = "ns3001234.ip-51-68-1.eu";

/** One file's own OVH simulator and examples/ovh-debian behind real provider hosts, configured from the stack's config. */
export interface OvhLifecycle {
  ovh: OvhSimulator;
  world: InterruptionWorld;
  /** Install POSTs the simulator received: the only calls that erase the server. */
  posts(): number;
  /** Resolves with the first warning matching `pattern` from now on, checking it is about the program's resource. */
  warning(pattern: RegExp): Promise<void>;
  close(): Promise<void>;
}

export async function ovhLifecycle(simOptions: OvhSimOptions): Promise<OvhLifecycle> {
  const ovh = await startOvhSimulator(simOptions);
  const { config, secretKeys } = ovhStackConfig(ovh);
  const world = await interruptionWorld("ovh-debian", { sshPublicKey: runSshKey() }, () => config, secretKeys).catch(async (e: unknown) => {
    await ovh.close();
    throw e;
  });
  return {
    ovh,
    world,
    posts: () => ovh.count({ route: OVH_ROUTES.reinstall }),
    // Warnings reach the engine's Log service on their own schedule: wait for the one expected.
    warning: (pattern) => world.untilLog(pattern).then((entry) => expect(entry).toMatchObject({ severity: "warning", urn: world.urn })),
    async close() {
      await world.close();
      await ovh.close();
    },
  };
}
