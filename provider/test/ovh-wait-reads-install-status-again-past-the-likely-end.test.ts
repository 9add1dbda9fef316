import { OVH_ROUTES } from "pulumi-reinstall-simulator";
import { pollSchedule } from "../src/ovh/dedicated-server-install/wait";
import { failureOf } from "./support/failure-of";
import { ovhFixture, SCALE7, type OvhFixture } from "./support/ovh";
import { answerEveryTaskRead } from "./support/task-answers";

describe("DedicatedServerInstall: a task still running past the likely end", () => {
  let f: OvhFixture;
  afterEach(() => f.close());

  it("places the end again: install/status is read one dense interval after the last dense task read, not at once, not never", async () => {
    f = await ovhFixture();
    // The task never ends (every read answers doing), so the dense reads around the likely end run out without an end.
    answerEveryTaskRead(f, "doing", "Reinstalling");
    const error = await failureOf(f.up({ serviceName: SCALE7, templateName: "debian12_64", timeoutMinutes: 20 }));
    expect(error).toMatchObject({ code: "WAIT_TIMEOUT" });
    const post = f.sim.journal.findIndex((e) => e.route === OVH_ROUTES.reinstall);
    const calls = f.sim.journal.slice(post + 1);
    const firstTaskRead = calls.findIndex((e) => e.route === OVH_ROUTES.task);
    const later = calls.slice(firstTaskRead).map((e, i, all) => ({ route: e.route, gap: i === 0 ? undefined : e.at - all[i - 1].at }));
    const progressReads = later.filter((e) => e.route === OVH_ROUTES.installStatus);
    expect(progressReads.length).toBeGreaterThan(0);
    for (const read of progressReads) expect(read.gap).toBeCloseTo(pollSchedule.denseMs, 6);
  });
});
