import { SERIALIZED } from "./support/host";
import { failureOf } from "./support/failure-of";
import { ovhFixture, SCALE7, type OvhFixture } from "./support/ovh";
import { stoppableProvider } from "./support/stoppable";
import { throwawaySshKey } from "../../harness/ssh-key";

describe("DedicatedServerInstall: a stop signal before a create has begun", () => {
  let f: OvhFixture;
  afterEach(() => f.close());

  it("fails INTERRUPTED saying nothing was sent, having asked OVH nothing", async () => {
    f = await ovhFixture();
    const controller = new AbortController();
    const provider = await stoppableProvider(f, controller);
    const checked = await provider.check(
      {},
      { serviceName: SCALE7, templateName: "debian12_64", userMetadata: { sshKey: throwawaySshKey() }, __provider: SERIALIZED },
    );
    const before = f.sim.journal.length;
    controller.abort("SIGTERM");

    const error = await failureOf(provider.create({ ...checked.inputs, __provider: SERIALIZED }));

    expect(error).toMatchObject({ code: "INTERRUPTED" });
    expect(error.message).toBe(
      `DedicatedServerInstall ${SCALE7}: the provider was told to stop (SIGTERM) while about to install ${SCALE7}; nothing was sent\n  next: run \`pulumi up\` again: it resumes from what is recorded in state and starts no second reinstall`,
    );
    expect(error.properties).toBeUndefined();
    expect(f.sim.journal.length).toBe(before);
  });
});
