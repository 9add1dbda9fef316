import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { OVH_ROUTES, type OvhSimulator } from "pulumi-reinstall-simulator";
import { dedicatedServerInstallProvider } from "../../src/ovh/dedicated-server-install/provider";
import { hosted } from "./host";
import { failureOf } from "./failure-of";
import { applicationKeyEnv, ovhFixture, type OvhFixture } from "./ovh";

export interface KilledPostFixture extends OvhFixture {
  /** The provider host of the next `pulumi up` on the same machine: a new process, the same journal. */
  nextRun(): ReturnType<typeof hosted<ReturnType<typeof dedicatedServerInstallProvider>>>;
  /**
   * The run is killed while the POST's answer is lost: OVH created the task (or not, `acted`), the journal entry
   * never got its task id. Its own failure stands in for the SIGKILL: the engine keeps nothing of what it returns.
   */
  killedMidPost(run: Promise<unknown>, acted: boolean): Promise<void>;
}

/** One machine, with an intent journal of its own that its runs share, against the simulator. */
export async function killedPostFixture(): Promise<KilledPostFixture> {
  const journalDir = fs.mkdtempSync(path.join(os.tmpdir(), "reinstall-journal-"));
  const env = (sim: OvhSimulator) => ({ OVH_ENDPOINT: sim.endpoint, ...applicationKeyEnv(sim), PULUMI_REINSTALL_JOURNAL_DIR: journalDir });
  const f = await ovhFixture({ env });
  return {
    ...f,
    nextRun: () => hosted(dedicatedServerInstallProvider, f.clock, env(f.sim)),
    async killedMidPost(run, acted) {
      f.sim.inject({ route: OVH_ROUTES.reinstall, kind: "status", status: 502, when: acted ? "after" : "before" });
      await failureOf(run);
    },
    async close() {
      await f.close();
      fs.rmSync(journalDir, { recursive: true, force: true });
    },
  };
}
