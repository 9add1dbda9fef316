import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { EDIS_ROUTES } from "pulumi-reinstall-simulator";
import { kvmReinstallProvider } from "../src/edis/kvm-reinstall/provider";
import { EDGE1, edisAccountEnv, edisFixture, type EdisFixture } from "./support/edis";
import { failureOf } from "./support/failure-of";
import { hosted, type Props } from "./support/host";

const EDGE2 = "kvm_123456_789013";
const cloudConfig = "#cloud-config\nruncmd:\n  - echo provisioned > /root/marker\n";

/**
 * The intent journal tells a run that an interrupted one on this machine already sent a reinstall: only the reinstall
 * of the same VPS counts, and only one asked for with these very inputs is waited for instead of sent. Another VPS's
 * entry is none of this run's business; a reinstall asked with other inputs (cloud-init, triggers) is waited for, then
 * the declared one is sent; the entry of the reinstall state already records, or of an older one, is not news. Nor is a
 * cut-off call of the inputs state records: only one with other inputs makes an update of an unchanged declaration.
 */
describe("KvmReinstall, an interrupted run's reinstall told apart from this run's", () => {
  let f: EdisFixture;
  const dirs: string[] = [];
  afterEach(async () => {
    for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
    await f.close();
  });

  /** Run 1 sends set/reinstall and is SIGKILLed before its answer, EDIS having taken it: the engine keeps nothing of it. */
  const killedMidCall = async (inputs: Props) => {
    f.sim.inject({ route: EDIS_ROUTES.reinstall, kind: "status", status: 502, when: "after" });
    await failureOf(f.up(inputs));
    f.clock.advance(30_000);
  };
  /** The set/reinstall calls EDIS received, with the fields of their forms. */
  const posts = () => f.sim.journal.filter((e) => e.route === EDIS_ROUTES.reinstall).map((e) => ({ at: e.at, form: e.body as Record<string, string> }));

  it("one VPS's interrupted reinstall is not another's: EDGE2's create sends its own at once, and EDGE1's entry stays for EDGE1's next run", async () => {
    f = await edisFixture();
    await killedMidCall(f.inputs(EDGE1));
    const next = await f.restart();
    const began = f.clock.now();
    const { outs } = await next.up(f.inputs(EDGE2));
    expect(next.warnings).toEqual([]);
    expect(posts().map((p) => [p.form.kvm_id, p.at === began])).toEqual([
      [EDGE1, false],
      [EDGE2, true],
    ]);
    expect(outs).toMatchObject({ kvmId: EDGE2, reinstalledAt: new Date(began).toISOString(), readyAt: expect.any(String) });
    // EDGE1's run, late now, still finds its own call without an answer: it sends none.
    const late = await failureOf(next.up(f.inputs(EDGE1)));
    expect(late).toMatchObject({ code: "UNOBSERVED_START" });
    expect(late.message).toContain(`had no answer yet`);
    expect([f.sim.vps(EDGE1).reinstalls, f.sim.vps(EDGE2).reinstalls, f.reinstalls()]).toEqual([1, 1, 2]);
  });

  it.each<[string, Props, Props]>([
    ["sent without cloud-init, declared with it", {}, { cloudInitUserData: cloudConfig }],
    ["sent with cloud-init, declared without it", { cloudInitUserData: cloudConfig }, {}],
    ["sent with some triggers, declared with others", { triggers: ["first"] }, { triggers: ["second"] }],
  ])("%s: the next run waits for the interrupted reinstall, then sends the declared one", async (_, sent, declared) => {
    f = await edisFixture();
    await killedMidCall(f.inputs(EDGE1, sent));
    const next = await f.restart();
    const { outs } = await next.up(f.inputs(EDGE1, declared));
    expect(next.warnings).toEqual([expect.stringContaining("sent a reinstall of cloudinit_debian-bookworm")]);
    expect(next.warnings[0]).toContain("with other inputs than these; waiting for it to end, then reinstalling as declared");
    const [first, second] = posts();
    expect([first.form.cloudinit_user_data, second.form.cloudinit_user_data]).toEqual([sent.cloudInitUserData, declared.cloudInitUserData]);
    expect(outs).toMatchObject({ ...declared, reinstalledAt: new Date(second.at).toISOString(), readyAt: expect.any(String) });
    expect([f.reinstalls(), f.sim.vps(EDGE1).reinstalls]).toEqual([2, 2]);
  });

  it("sent without triggers, declared with none (`triggers: []`): the same request, waited for and never sent again", async () => {
    f = await edisFixture();
    await killedMidCall(f.inputs(EDGE1));
    const next = await f.restart();
    const { outs } = await next.up(f.inputs(EDGE1, { triggers: [] }));
    expect(next.warnings).toEqual([expect.stringContaining("sent a reinstall of cloudinit_debian-bookworm")]);
    expect(next.warnings[0]).toContain("waiting for it instead of sending another");
    expect(outs).toMatchObject({ reinstalledAt: new Date(posts()[0].at).toISOString(), readyAt: expect.any(String) });
    expect([f.reinstalls(), f.sim.vps(EDGE1).reinstalls]).toEqual([1, 1]);
  });

  it("the entry of the reinstall state records (its wait timed out) is not an interrupted one: a change past its window sends the declared reinstall at once, with no warning", async () => {
    f = await edisFixture();
    const timedOut = await failureOf(f.up(f.inputs(EDGE1, { timeoutMinutes: 1 })));
    expect(timedOut).toMatchObject({ code: "WAIT_TIMEOUT", properties: { reinstalledAt: new Date(posts()[0].at).toISOString() } });
    f.clock.advance(10 * 60_000); // past the 8 minutes a Linux reinstall may take: state's reinstall is over
    const news = (await f.provider.check(timedOut.properties!, f.inputs(EDGE1, { password: "Th1rd-Secret!pw" }))).inputs;
    const began = f.clock.now();
    const { outs } = await f.provider.update(EDGE1, timedOut.properties!, news);
    expect(f.warnings.filter((w) => /an earlier run, interrupted/.test(w))).toEqual([]);
    expect(posts().map((p) => p.at - began)).toEqual([posts()[0].at - began, 0]);
    expect(outs).toMatchObject({ password: "Th1rd-Secret!pw", reinstalledAt: new Date(began).toISOString(), readyAt: expect.any(String) });
    expect(f.sim.vps(EDGE1).reinstalls).toBe(2);
  });

  /** The preview of `declared` over `outs` by the next provider process on this machine: the diff, and its warnings. */
  const nextPreview = async (outs: Props, declared: Props) => {
    const next = await f.restart();
    const diff = await next.provider.diff(EDGE1, outs, (await next.provider.check(outs, declared)).inputs);
    return { changes: diff.changes, warnings: next.warnings };
  };

  it("a replacement's reinstall of the inputs state records, cut off, is no update's with other inputs: the next preview of them shows no change and no warning", async () => {
    f = await edisFixture();
    const { outs } = await f.up(f.inputs(EDGE1));
    // `pulumi up --replace`: the replacement's create sends the same request again and is killed; state keeps the first.
    await killedMidCall(f.inputs(EDGE1));
    expect(posts().map((p) => p.at > Date.parse(String(outs.reinstalledAt)))).toEqual([false, true]);
    expect(await nextPreview(outs, f.inputs(EDGE1))).toEqual({ changes: false, warnings: [] });
  });

  // An entry no newer than state's reinstall is not an interrupted update's, down to the millisecond: the update would
  // not wait for it either (startReinstall's rule), so a warning that it does, and a change, would be false.
  it.each([
    ["30 s before", 30_000],
    ["in the very millisecond of", 0],
  ])(
    "a call with other inputs cut off here %s the reinstall another machine then saw through: the next preview here shows no change and no warning",
    async (_, gap) => {
      f = await edisFixture();
      // This machine's call never reached EDIS (a 502 before it is handled): its journal entry stays.
      f.sim.inject({ route: EDIS_ROUTES.reinstall, kind: "status", status: 502 });
      await failureOf(f.up(f.inputs(EDGE1, { password: "Th1rd-Secret!pw" })));
      f.clock.advance(gap);
      // A CI runner, with a journal of its own, reinstalls what is declared: state records that reinstall.
      const ci = fs.mkdtempSync(path.join(os.tmpdir(), "reinstall-journal-"));
      dirs.push(ci);
      const { outs } = await (await hosted(kvmReinstallProvider, f.clock, { ...edisAccountEnv(f.sim), PULUMI_REINSTALL_JOURNAL_DIR: ci })).up(f.inputs(EDGE1));
      const [cut, recorded] = posts();
      expect([recorded.at - cut.at, outs.reinstalledAt]).toEqual([gap, new Date(recorded.at).toISOString()]);
      expect(await nextPreview(outs, f.inputs(EDGE1))).toEqual({ changes: false, warnings: [] });
    },
  );
});
