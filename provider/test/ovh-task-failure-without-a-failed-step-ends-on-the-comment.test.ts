import { failureOf } from "./support/failure-of";
import { ovhFixture, SCALE7, type OvhFixture } from "./support/ovh";
import { answerEveryTaskRead } from "./support/task-answers";

describe("DedicatedServerInstall: a task that fails while no step shows an error", () => {
  let f: OvhFixture;
  afterEach(() => f.close());

  it("the summary ends on OVH's comment: nothing is added where a failed step would be quoted", async () => {
    f = await ovhFixture();
    // install/status shows the install under way with no step in error; the task answers ovhError.
    answerEveryTaskRead(f, "ovhError", "Hardware check failed");
    const error = await failureOf(f.up({ serviceName: SCALE7, templateName: "debian12_64" }));
    expect(error).toMatchObject({ code: "TASK_FAILED" });
    expect(error.message.split("\n")[0]).toMatch(/install task 1 on \S+ ended with ovhError: Hardware check failed$/);
  });
});
