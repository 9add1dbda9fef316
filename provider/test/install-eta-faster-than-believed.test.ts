import { INSTALL_STEPS } from "pulumi-reinstall-simulator";
import { estimateEnd, typicalSteps } from "../src/ovh/dedicated-server-install/install-eta";

const typical = (comments: readonly string[]) =>
  comments.reduce((sum, c) => sum + (typicalSteps.byComment.get(c) ?? typicalSteps.otherStepSeconds), typicalSteps.beforeFirstStepSeconds);

/**
 * A read that shows the install further on than the fastest believed pace allows (minPace) is not believed alone: the
 * install is placed at the pace that read shows at most (its steps done taking their typical time less doneSpread),
 * and the earliest end is all its steps at that pace, the steps left up to `spread` quicker; never "now".
 */
describe("estimateEnd for an install that reads faster than any believed pace", () => {
  it("places the earliest end at the read's own pace over every step, not at the end of the current one", () => {
    const current = 10;
    const [done, left] = [typical(INSTALL_STEPS.slice(0, current)), typical(INSTALL_STEPS.slice(current)) - typicalSteps.beforeFirstStepSeconds];
    const elapsedSeconds = 100;
    const pace = elapsedSeconds / (done * (1 - typicalSteps.doneSpread));
    expect(pace).toBeLessThan(typicalSteps.minPace);
    const startedAt = 1_000_000;
    const estimate = estimateEnd([{ at: startedAt + elapsedSeconds * 1000, startedAt, current, started: true, comments: INSTALL_STEPS }]);
    expect(estimate.earliest).toBeCloseTo(startedAt + pace * (done + (1 - typicalSteps.spread) * left) * 1000, 3);
  });
});
