import { dedicatedServerInstallProvider } from "../../src/ovh/dedicated-server-install/provider";
import { createRuntime } from "../../src/runtime";
import { applicationKeyEnv, type OvhFixture } from "./ovh";

export interface StoppableOptions {
  onProgress?: (message: string) => void;
  /** Added to the fixture's OVH credentials: a rate limit, a journal directory. */
  env?: Record<string, string>;
}

/** A provider on the fixture's simulator and clock whose stop signal the test holds: a SIGINT when it says. */
export async function stoppableProvider(f: OvhFixture, controller: AbortController, { onProgress = () => undefined, env = {} }: StoppableOptions = {}) {
  const provider = dedicatedServerInstallProvider(
    createRuntime({
      clock: f.clock,
      env: {
        OVH_ENDPOINT: f.sim.endpoint,
        ...applicationKeyEnv(f.sim),
        ...env,
      },
      progress: (e) => onProgress(e.message),
      warn: () => undefined,
      requestTimeoutMs: 3_000,
      stopping: { signal: controller.signal, run: (work) => work() },
    }),
  );
  await provider.configure({ config: { get: () => undefined, require: () => "" } } as never);
  return provider;
}
