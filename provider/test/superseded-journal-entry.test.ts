import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { OVH_ROUTES, type OvhSimulator } from "pulumi-reinstall-simulator";
import { dedicatedServerInstallProvider } from "../src/ovh/dedicated-server-install/provider";
import { hosted } from "./support/host";
import { failureOf } from "./support/failure-of";
import { applicationKeyEnv, ovhFixture, SCALE7, type OvhFixture } from "./support/ovh";

/**
 * This machine's journal entry of an install it posted with other inputs speaks of an interrupted update only when
 * it came after the install the state records. One older than that install (posted before it, then superseded by it)
 * says nothing about the server: the next preview shows neither a warning nor a change.
 */
const program = (extra: Record<string, unknown> = {}) => ({ serviceName: SCALE7, templateName: "debian12_64", ...extra });
/** A machine's provider environment: the simulator's endpoint and key, and that machine's journal. */
const machine = (sim: OvhSimulator, journal: string) => ({ OVH_ENDPOINT: sim.endpoint, ...applicationKeyEnv(sim), PULUMI_REINSTALL_JOURNAL_DIR: journal });

describe("DedicatedServerInstall: a journal entry older than the recorded install", () => {
  let f: OvhFixture;
  const dirs: string[] = [];
  afterEach(async () => {
    for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
    await f.close();
  });
  const journalDir = () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "reinstall-journal-"));
    dirs.push(dir);
    return dir;
  };

  it("is not reported as an interrupted run's install with other inputs, and the preview shows no change", async () => {
    const laptop = journalDir();
    f = await ovhFixture({ env: (sim) => machine(sim, laptop) });
    // A laptop run of other inputs is killed while its POST awaits an answer; OVH never got it, the entry stays.
    f.sim.inject({ route: OVH_ROUTES.reinstall, kind: "status", status: 502 });
    await failureOf(f.up(program({ templateName: "ubuntu2404-server_64" })));
    // Then a CI runner, with its own journal, installs what is declared: the state records that newer install.
    const ci = await hosted(dedicatedServerInstallProvider, f.clock, machine(f.sim, journalDir()));
    const { outs } = await ci.up(program());
    expect(outs).toMatchObject({ taskStatus: "done", installedOs: "debian12_64" });

    // The laptop's next preview, of the inputs the state records.
    const next = await hosted(dedicatedServerInstallProvider, f.clock, machine(f.sim, laptop));
    const diff = await next.provider.diff(SCALE7, outs, (await next.provider.check(outs, program())).inputs);

    expect(diff.changes).toBe(false);
    expect(next.warnings).toEqual([]);
  });
});
