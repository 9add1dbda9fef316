import { failureOf } from "./support/failure-of";
import { ovhFixture, SCALE7, type OvhFixture } from "./support/ovh";

describe("DedicatedServerInstall: a wait that outlives timeoutMinutes says where the install is", () => {
  let f: OvhFixture;
  afterEach(() => f.close());

  it("the timeout message names the step install/status last showed, so the user knows how far the install got", async () => {
    // An hour-long install is well into its steps after ten minutes, and far from its end.
    f = await ovhFixture({ installSeconds: 3600 });
    const error = await failureOf(f.up({ serviceName: SCALE7, templateName: "debian12_64", timeoutMinutes: 10 }));
    expect(error).toMatchObject({ code: "WAIT_TIMEOUT" });
    const shown = f.events
      .map((e) => /: (\d+)\/(\d+) ([^,]+),/.exec(e.message))
      .filter((m) => m !== null)
      .at(-1);
    expect(shown).toBeDefined();
    const [, step, steps, name] = shown as RegExpExecArray;
    expect(error.message).toContain(`is still doing, at step ${step}/${steps} "${name}" after`);
  });
});
