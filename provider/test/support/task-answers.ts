import { OVH_ROUTES } from "pulumi-reinstall-simulator";
import type { OvhFixture } from "./ovh";

/** Every read of install task 1 from now on answers `status` with `comment`, whatever the simulated install does. */
export function answerEveryTaskRead(f: OvhFixture, status: string, comment: string | null): void {
  f.sim.inject({
    route: OVH_ROUTES.task,
    kind: "status",
    status: 200,
    times: 100_000,
    body: { taskId: 1, function: "reinstallServer", status, comment, startDate: new Date(f.clock.now()).toISOString(), doneDate: null },
  });
}
