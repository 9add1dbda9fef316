import { OVH_ROUTES, type Fault } from "pulumi-reinstall-simulator";
import { failureOf } from "./support/failure-of";
import { ovhFixture, SCALE7, type OvhFixture, type Props } from "./support/ovh";

/**
 * A recorded task that OVH no longer lists is taken for purged (long over, docs/api/ovh.md#task-object) only when
 * reading it answers 404. A read that OVH refuses otherwise, or that never gets an answer, tells nothing about the
 * task: the update that waits on it again fails with what went wrong, keeps the task in state, and installs nothing.
 */
const inputs = (extra: Props = {}): Props => ({ serviceName: SCALE7, templateName: "debian12_64", ...extra });

/** Every read of the recorded task, through the wait's retries: the update meets this and nothing else. */
const everyTaskRead = { route: OVH_ROUTES.task, times: 1_000 };
const unreadable: [string, Fault, string, RegExp][] = [
  [
    "refused with a 403",
    { ...everyTaskRead, kind: "status", status: 403, body: { class: "Client::Forbidden", message: "User not granted for this request" } },
    "OVH_API_ERROR",
    /API said: HTTP 403 Client::Forbidden "User not granted for this request"/,
  ],
  [
    "failing with 502s",
    { ...everyTaskRead, kind: "status", status: 502, body: { message: "Bad Gateway" } },
    "OVH_API_ERROR",
    /API said: HTTP 502 "Bad Gateway"/,
  ],
  ["cut off (connection reset)", { ...everyTaskRead, kind: "reset" }, "NETWORK_ERROR", /ECONNRESET/],
];

describe("DedicatedServerInstall: a recorded task OVH no longer lists is taken for purged only on a 404", () => {
  let f: OvhFixture;
  afterEach(() => f.close());

  /** What a timed-out wait left in state, months later: OVH has purged the task, and the install it ran is in place. */
  const stateOfPurgedTask = async (): Promise<Props> => {
    const cut = await failureOf(f.up(inputs({ timeoutMinutes: 1 })));
    expect(cut).toMatchObject({ code: "WAIT_TIMEOUT" });
    f.clock.advance(90 * 24 * 3600_000);
    f.sim.purgeTasks(SCALE7);
    expect(f.sim.server(SCALE7)).toMatchObject({ os: "debian12_64", taskIds: [] });
    return cut.properties!;
  };

  describe.each(unreadable)("its read %s", (_what, fault, code, said) => {
    it.each([
      ["inputs unchanged: the wait on it is resumed", {}],
      ["triggers changed: it is seen through before installing", { triggers: ["again"] }],
    ])("%s, and the update fails with that, installing nothing", async (_case, change) => {
      f = await ovhFixture();
      const state = await stateOfPurgedTask();
      const posted = f.installPosts();
      f.sim.inject(fault);
      const news = (await f.provider.check(state, inputs(change))).inputs;

      const error = await failureOf(f.provider.update(SCALE7, state, news));

      expect(f.installPosts()).toBe(posted);
      expect(error).toMatchObject({ code });
      expect(error.message).toContain(`call: GET /dedicated/server/${SCALE7}/task/${String(state.taskId)}`);
      expect(error.message).toMatch(said);
      expect(error.properties).toMatchObject({ taskId: state.taskId, taskStatus: expect.not.stringMatching(/^done$/) });
      expect(error.properties).not.toHaveProperty("installedOs");
    });
  });
});
