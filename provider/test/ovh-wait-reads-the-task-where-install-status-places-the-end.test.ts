import { OVH_ROUTES } from "pulumi-reinstall-simulator";
import { pollSchedule } from "../src/ovh/dedicated-server-install/wait";
import { ovhFixture, SCALE7, type OvhFixture } from "./support/ovh";

const program = { serviceName: SCALE7, templateName: "debian12_64" };
/** The simulator dates a task to the second: its end lies within the second after `doneDate`. */
const slack = pollSchedule.denseMs + 1_000;

describe("DedicatedServerInstall: where install/status places the install decides when the wait reads the task", () => {
  let f: OvhFixture;
  afterEach(() => f.close());

  /** The wait's reads, task or install/status, in order. */
  const reads = () => f.sim.journal.filter((e) => e.route === OVH_ROUTES.task || e.route === OVH_ROUTES.installStatus);

  // An install longer than 15 minutes is still todo at the first read, 45 s in (the simulator's task turns doing at 5%
  // of its length): no step has begun. That read bounds the pace from below only by the time before the first step at
  // its longest, and from above not at all (the task may sit in todo for any time); bound wrongly, the window placed
  // misses the end, and the wait reads install/status again after reading the task, or sees the end late.
  it.each([925, 1200, 1500])(
    "a %i-s install, no step begun at the first read, ends within the window placed: read densely to its end, seen within one dense interval",
    async (installSeconds) => {
      f = await ovhFixture({ installSeconds });
      const { outs } = await f.up(program);
      const end = Date.parse(String(outs.doneDate));
      const all = reads();
      const firstTaskRead = all.findIndex((e) => e.route === OVH_ROUTES.task);
      expect(all.slice(firstTaskRead).filter((e) => e.route === OVH_ROUTES.installStatus)).toEqual([]);
      expect(all.at(-1)!.at - end).toBeLessThan(slack);
    },
  );
});
