import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { SERIALIZED } from "./support/host";
import { ovhFixture, failureOf, SCALE7, type OvhFixture } from "./support/ovh";
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
