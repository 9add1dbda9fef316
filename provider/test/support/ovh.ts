import { OVH_ROUTES, startOvhSimulator, type OvhSimOptions, type OvhSimulator } from "pulumi-reinstall-simulator";
import { VirtualClock } from "../../src/clock";
import { dedicatedServerInstallProvider } from "../../src/ovh/dedicated-server-install/provider";
import { dryRun, hosted, type HostedFixture } from "./host";

export const SCALE7 = "ns3001234.ip-51-68-1.eu";
export const ADVANCE1 = "ns3005678.ip-51-68-2.eu";
export const STORAGE_HGR = "ns3009999.ip-51-68-3.eu";

export { SERIALIZED, type Props } from "./host";

/** The simulator's application key, as a user exports it: OVH_APPLICATION_KEY, OVH_APPLICATION_SECRET, OVH_CONSUMER_KEY. */
export function applicationKeyEnv(sim: OvhSimulator): NodeJS.ProcessEnv {
  const c = sim.credentials;
  return { OVH_APPLICATION_KEY: c.applicationKey, OVH_APPLICATION_SECRET: c.applicationSecret, OVH_CONSUMER_KEY: c.consumerKey };
}

export interface OvhFixture extends HostedFixture<OvhSimulator, ReturnType<typeof dedicatedServerInstallProvider>> {
  installPosts(): number;
}

/**
 * The real provider against the real simulator over HTTPS, through @ovhcloud/node-ovh, in virtual time:
 * the provider's sleeps and the simulator's tasks share one clock, so an 11-minute install takes a moment.
 */
export async function ovhFixture(
  options: OvhSimOptions & {
    oauth2?: boolean;
    env?: NodeJS.ProcessEnv | ((sim: OvhSimulator) => NodeJS.ProcessEnv);
    stackConfig?: Record<string, string>;
    /** PULUMI_REINSTALL_TIME_SCALE, added to the environment: a dry run's. */
    timeScale?: number | string;
  } = {},
): Promise<OvhFixture> {
  if (!process.env.NODE_EXTRA_CA_CERTS) throw new Error("NODE_EXTRA_CA_CERTS is not set: run the tests with `make test`");
  const clock = new VirtualClock();
  const sim = await startOvhSimulator({ installSeconds: 660, ...options, now: () => clock.now() });
  const c = sim.credentials;
  const credentials = options.oauth2 ? { OVH_CLIENT_ID: c.clientId, OVH_CLIENT_SECRET: c.clientSecret } : applicationKeyEnv(sim);
  const env = typeof options.env === "function" ? options.env(sim) : (options.env ?? { OVH_ENDPOINT: sim.endpoint, ...credentials });
  const host = await hosted(dedicatedServerInstallProvider, clock, { ...env, ...dryRun(options.timeScale) }, options.stackConfig);
  return {
    clock,
    sim,
    ...host,
    installPosts: () => sim.count({ route: OVH_ROUTES.reinstall }) + sim.count({ route: OVH_ROUTES.installStart }),
    close: () => sim.close(),
  };
}
