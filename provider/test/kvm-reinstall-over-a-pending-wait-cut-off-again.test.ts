import { EDGE1, edisFixture, ROOT_PASSWORD, type EdisFixture } from "./support/edis";
import { failureOf } from "./support/failure-of";

/**
 * An update that reinstalls (another password) over a reinstall whose wait an earlier up left pending first sees that
 * one through, with the inputs it was sent with. Cut off again, state keeps that reinstall as it was sent: without a
 * cloud-init or triggers it was not sent with, since the dynamic provider host cannot send an undefined property
 * (support/sent-by-host.ts) and the engine would keep nothing of this run.
 */
describe("a KvmReinstall update over a wait still pending, cut off again", () => {
  let f: EdisFixture;
  afterEach(() => f.close());

  it("keeps the earlier reinstall in state as it was sent, and the next up sees it through, then reinstalls as declared", async () => {
    f = await edisFixture();
    const first = await failureOf(f.up(f.inputs(EDGE1, { timeoutMinutes: 1 })));
    expect(first).toMatchObject({ code: "WAIT_TIMEOUT" });
    const declared = f.inputs(EDGE1, { password: "Th1rd-Secret!pw", timeoutMinutes: 1 });
    const news = (await f.provider.check(first.properties!, declared)).inputs;

    const cut = await failureOf(f.provider.update(EDGE1, first.properties!, news));

    expect(cut).toMatchObject({ code: "WAIT_TIMEOUT", id: EDGE1 });
    expect(cut.properties).toMatchObject({ password: ROOT_PASSWORD, reinstalledAt: first.properties!.reinstalledAt, __waitPending: true });
    expect(cut.properties).not.toHaveProperty("cloudInitUserData");
    expect(cut.properties).not.toHaveProperty("triggers");
    expect(f.reinstalls()).toBe(1);

    const again = (await f.provider.check(cut.properties!, { ...declared, timeoutMinutes: 30 })).inputs;
    const { outs } = await f.provider.update(EDGE1, cut.properties!, again);
    expect(outs).toMatchObject({ password: "Th1rd-Secret!pw", readyAt: expect.any(String) });
    expect(f.reinstalls()).toBe(2);
  });
});
