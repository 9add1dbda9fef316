import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { OVH_ROUTES } from "pulumi-reinstall-simulator";
import { SERIALIZED } from "./support/host";
import { failureText } from "./support/normalised";
import { failureOf } from "./support/failure-of";
import { ovhFixture, SCALE7, type OvhFixture, type Props } from "./support/ovh";
import { stoppableProvider } from "./support/stoppable";

/**
 * After an install request whose answer was lost, the next up gives OVH two minutes from that request (scaled by
 * PULUMI_REINSTALL_TIME_SCALE in a dry run) to show the task it may have created, before it looks for one: a look
 * earlier could find nothing yet and install a second time. From the real provider against the simulator, in
 * virtual time: the simulator's journal dates the first task-list read of the next run.
 */
const declared = { serviceName: SCALE7, templateName: "debian12_64" };

/** The state a lost answer leaves, and when it says the request was sent. */
async function lostAnswer(f: OvhFixture, up: (inputs: Props) => Promise<unknown>): Promise<{ state: Props; sentAt: number }> {
  f.sim.inject({ route: OVH_ROUTES.reinstall, kind: "status", status: 504, body: { message: "Gateway Timeout" } });
  const error = await failureOf(up(declared));
  expect(error).toMatchObject({ code: "AMBIGUOUS_START" });
  const state = error.properties!;
  return { state, sentAt: Date.parse((state.__unconfirmedStart as { at: string }).at) };
}

describe("DedicatedServerInstall: the up after a lost answer waits for it to settle before looking for its task", () => {
  let f: OvhFixture;
  let journalDir: string | undefined;
  afterEach(async () => {
    if (journalDir) fs.rmSync(journalDir, { recursive: true, force: true });
    journalDir = undefined;
    await f.close();
  });

  it.each([
    { run: "a real run", scale: undefined, settleMs: 120_000 },
    { run: "a dry run at time scale 0.05", scale: "0.05", settleMs: 6_000 },
  ])("$run reads the server's tasks first $settleMs ms after the lost request, not before", async ({ scale, settleMs }) => {
    f = await ovhFixture({
      timeScale: scale,
    });
    const { state, sentAt } = await lostAnswer(f, (inputs) => f.up(inputs));
    // The user runs `pulumi up` again halfway through: the wait counts from the request, not from this run.
    f.clock.advance(settleMs / 2);
    const from = f.sim.journal.length;

    await f.provider.update(SCALE7, state, (await f.provider.check(state, declared)).inputs);

    const firstRead = f.sim.journal.slice(from).find((e) => e.route === OVH_ROUTES.tasks);
    expect(firstRead?.at).toBe(sentAt + settleMs);
  });

  it("a stop signal during that wait names it, and nothing is read or posted", async () => {
    f = await ovhFixture();
    journalDir = fs.mkdtempSync(path.join(os.tmpdir(), "reinstall-journal-"));
    const controller = new AbortController();
    const provider = await stoppableProvider(f, controller, { env: { PULUMI_REINSTALL_JOURNAL_DIR: journalDir } });
    const up = async (inputs: Props) =>
      provider.create({ ...(await provider.check({}, { ...inputs, __provider: SERIALIZED })).inputs, __provider: SERIALIZED });
    const { state, sentAt } = await lostAnswer(f, up);
    const from = f.sim.journal.length;

    const updated = failureOf(provider.update(SCALE7, state, (await provider.check(state, declared)).inputs));
    while (f.clock.now() < sentAt + 60_000) await f.clock.sleep(10_000);
    controller.abort("SIGINT");

    expect(failureText(await updated).split("\n")[0]).toMatchInlineSnapshot(
      `"INTERRUPTED: DedicatedServerInstall ns3001234.ip-51-68-1.eu: the provider was told to stop (SIGINT) while waiting to see whether the unanswered install request for ns3001234.ip-51-68-1.eu was carried out"`,
    );
    expect(f.sim.journal.slice(from).filter((e) => e.route === OVH_ROUTES.tasks || e.route === OVH_ROUTES.reinstall)).toEqual([]);
  });
});
