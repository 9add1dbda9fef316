import * as fs from "node:fs";
import { startOvhSimulator, type OvhSimOptions, type OvhSimulator } from "pulumi-reinstall-simulator";
import { captureProgram, type Registration } from "./capture";
import { startRecordingEngine, type RecordingEngine } from "./engine";
import { hostEnv, startProviderHost, type ProviderHost } from "./host";
import { packedInstall, type PackedInstall } from "./pack";
import { runSshKey } from "./ssh-key";
import { ovhStackConfig } from "./stack-config";

/** examples/ovh-debian packed as a user installs it, the OVH simulator, an engine recording the Log RPC, and fresh provider hosts. */
export interface OvhHostWorld {
  install: PackedInstall;
  ovh: OvhSimulator;
  engine: RecordingEngine;
  /** The program's web-1, as the engine receives it. */
  web: Registration;
  urn(): string;
  /** A new provider process configured with the stack's OVH config, as each `pulumi` command starts one. */
  fresh(): Promise<ProviderHost>;
  close(): Promise<void>;
}

export async function ovhHostWorld(simOptions: OvhSimOptions): Promise<OvhHostWorld> {
  if (!process.env.NODE_EXTRA_CA_CERTS) throw new Error("NODE_EXTRA_CA_CERTS is not set: run the tests with `make test`");
  const install = packedInstall(["ovh-debian"]);
  const [ovh, engine] = await Promise.all([startOvhSimulator(simOptions), startRecordingEngine()]);
  const [web] = captureProgram(install.program("ovh-debian"), "ovh-debian", { sshPublicKey: runSshKey() });
  const hosts: ProviderHost[] = [];
  return {
    install,
    ovh,
    engine,
    web,
    urn: () => web.inputs.__urn as string,
    async fresh() {
      const host = await startProviderHost(install.program("ovh-debian"), engine.address, hostEnv(`${install.dir}/journal`));
      hosts.push(host);
      await host.configure(ovhStackConfig(ovh).config);
      return host;
    },
    async close() {
      for (const h of hosts) h.stop();
      await Promise.all([ovh.close(), engine.close()]);
      fs.rmSync(install.dir, { recursive: true, force: true });
    },
  };
}
