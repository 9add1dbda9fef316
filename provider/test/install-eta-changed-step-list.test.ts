import { INSTALL_STEPS } from "pulumi-reinstall-simulator";
import { estimateEnd, type Reading } from "../src/ovh/dedicated-server-install/install-eta";

/**
 * When install/status changes its step list mid-install, the readings taken under the earlier list say nothing about
 * where the install is on the new one: the end estimate (and so when the wait reads the task) comes from the readings
 * under the last list alone. The lists are the simulator's 21 Debian steps, and an earlier list that is either its
 * first ten steps or the same length with one step named otherwise.
 */
const second = (s: number) => s * 1000;
const reading = (comments: readonly string[], atSeconds: number, current: number): Reading => ({
  at: second(atSeconds),
  startedAt: 0,
  current,
  started: true,
  comments,
});

/** Under the last list: 400 s and 460 s in, at steps 4 and 5 ("Setting up hardware raid", "Preparing disks..."). */
const lastList = [reading(INSTALL_STEPS, 400, 3), reading(INSTALL_STEPS, 460, 4)];
/** Earlier reads, still in "Waiting for server to boot" (step 3): a faster pace than the last list's reads show. */
const earlierAt = (comments: readonly string[]) => [reading(comments, 100, 2), reading(comments, 160, 2)];

describe("estimateEnd when install/status changed its step list", () => {
  it.each([
    ["a list that is a strict prefix of the last one", INSTALL_STEPS.slice(0, 10)],
    ["a list as long as the last one, with one step named otherwise", INSTALL_STEPS.map((c, i) => (i === 12 ? "Downloading image" : c))],
  ])("readings under %s place nothing", (_name, earlier) => {
    const fromLastList = estimateEnd(lastList);
    // Taken under the last list, the same reads would move the estimate: the equality below shows they were set aside.
    expect(estimateEnd([...earlierAt(INSTALL_STEPS), ...lastList])).not.toEqual(fromLastList);
    expect(estimateEnd([...earlierAt(earlier), ...lastList])).toEqual(fromLastList);
  });
});
