import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { VirtualClock } from "../src/clock";
import type { EdisApi, ReinstallSteps } from "../src/edis/api";
import type { KvmReinstallInputs } from "../src/edis/kvm-reinstall/inputs";
import { kvmReinstallProvider } from "../src/edis/kvm-reinstall/provider";
import { sendReinstall } from "../src/edis/kvm-reinstall/start-reinstall";
import { ReinstallError } from "../src/errors";
import { IntentJournal } from "../src/intent-journal";
import { createRuntime } from "../src/runtime";
import { edisAccountEnv, edisFixture, EDGE1, type EdisFixture } from "./support/edis";
import { SERIALIZED } from "./support/host";
import { failureOf } from "./support/failure-of";
import { ovhFixture, SCALE7, type OvhFixture } from "./support/ovh";
import { stoppableProvider } from "./support/stoppable";
import { throwawaySshKey } from "../../harness/ssh-key";

const SSH_KEY = throwawaySshKey("review@example");

describe("a stop signal while the destructive call waits for the request budget", () => {
  let f: OvhFixture;
  let journalDir: string;
  afterEach(async () => {
    fs.rmSync(journalDir, { recursive: true, force: true });
    await f.close();
  });

  it("Ctrl-C while the install POST waits in the scheduler for a slot: it is never sent, and the journal keeps nothing", async () => {
    f = await ovhFixture();
    journalDir = fs.mkdtempSync(path.join(os.tmpdir(), "reinstall-journal-"));
    const controller = new AbortController();
    // One request a minute: every request, the POST too, waits about a minute for its slot.
    const provider = await stoppableProvider(f, controller, { env: { OVH_REQUESTS_PER_MINUTE: "1", PULUMI_REINSTALL_JOURNAL_DIR: journalDir } });
    const checked = await provider.check({}, { serviceName: SCALE7, templateName: "debian12_64", userMetadata: { sshKey: SSH_KEY }, __provider: SERIALIZED });
    const created = failureOf(provider.create({ ...checked.inputs, __provider: SERIALIZED }));
    // The intent is journaled right before the POST is handed to the scheduler: from then on, it waits for its slot.
    const journaled = () => fs.readdirSync(journalDir).some((name) => name.startsWith("ovh_"));
    while (!journaled()) await f.clock.sleep(5_000);
    controller.abort("SIGINT");
    const error = await created;
    expect(f.installPosts()).toBe(0);
    expect(error).toMatchObject({ code: "INTERRUPTED" });
    expect(journaled()).toBe(false);
  });
});

describe("KvmReinstall's set/reinstall, journaled and waiting for the request budget, that never goes out", () => {
  let f: EdisFixture | undefined;
  let journalDir: string;
  afterEach(async () => {
    fs.rmSync(journalDir, { recursive: true, force: true });
    await f?.close();
    f = undefined;
  });

  /** A create whose set/reinstall waits about a minute for its slot (one request a minute), once it is journaled. */
  async function queuedReinstall(controller: AbortController) {
    const fixture = (f = await edisFixture());
    journalDir = fs.mkdtempSync(path.join(os.tmpdir(), "reinstall-journal-"));
    const provider = kvmReinstallProvider(
      createRuntime({
        clock: fixture.clock,
        env: { ...edisAccountEnv(fixture.sim), PULUMI_REINSTALL_JOURNAL_DIR: journalDir },
        rateLimit: { perMinute: 1 },
        progress: () => undefined,
        warn: () => undefined,
        stopping: { signal: controller.signal, run: (work) => work() },
      }),
    );
    await provider.configure({ config: { get: () => undefined, require: () => "" } } as never);
    const checked = await provider.check({}, { ...fixture.inputs(EDGE1, { waitForReady: false }), __provider: SERIALIZED });
    const created = failureOf(provider.create({ ...checked.inputs, __provider: SERIALIZED }));
    const journaled = () => fs.readdirSync(journalDir).some((name) => name.startsWith("edis_"));
    while (!journaled()) await fixture.clock.sleep(5_000);
    return { created, journaled, fixture };
  }

  it("Ctrl-C while it waits: the stop is what the error says, not a refusal by EDIS, and the journal keeps nothing", async () => {
    const controller = new AbortController();
    const { created, journaled, fixture } = await queuedReinstall(controller);
    controller.abort("SIGINT");
    const error = await created;
    expect(error).toMatchObject({ code: "INTERRUPTED" });
    expect(error.message).not.toMatch(/EDIS refused/);
    expect(fixture.reinstalls()).toBe(0);
    expect(journaled()).toBe(false);
  });

  // A narrow test, on a stand-in for the EDIS routes: a connect deadline missed at set/reinstall, after the look-ups
  // before it went through, is not something the simulator can be made to do.
  it("a call that got no connection within the connect deadline: that is what the error says, and the journal keeps nothing", async () => {
    journalDir = fs.mkdtempSync(path.join(os.tmpdir(), "reinstall-journal-"));
    const journal = new IntentJournal(journalDir);
    const missed = new ReinstallError("NETWORK_ERROR", "no connection to api.example within 10 s; the request was not sent", { refused: true });
    const api = {
      reinstall: async (_kvmId: string, _form: unknown, steps: ReinstallSteps) => {
        steps.sending("api.example");
        throw missed;
      },
    };
    const runtime = createRuntime({ clock: new VirtualClock(), env: {}, progress: () => undefined, warn: () => undefined });
    const context = {
      api: api as unknown as EdisApi,
      runtime,
      journal,
      resource: `KvmReinstall ${EDGE1}`,
      provider: SERIALIZED,
      validate: async () => undefined,
    };
    const inputs = { kvmId: EDGE1, image: "cloudinit_debian-bookworm", password: "Rt+&=9correct-horse" } as KvmReinstallInputs;
    expect(await failureOf(sendReinstall(context, inputs, "api.example", undefined))).toBe(missed);
    expect(fs.readdirSync(journalDir).filter((name) => name.startsWith("edis_"))).toEqual([]);
  });
});
