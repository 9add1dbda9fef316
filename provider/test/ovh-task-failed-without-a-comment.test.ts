import { OVH_ROUTES } from "pulumi-reinstall-simulator";
import { failureOf } from "./support/failure-of";
import { ovhFixture, SCALE7, type OvhFixture } from "./support/ovh";

describe("DedicatedServerInstall: a task that ends failed without a comment", () => {
  let f: OvhFixture;
  afterEach(() => f.close());

  it("the failure says OVH gave no comment rather than ending the sentence on nothing", async () => {
    f = await ovhFixture();
    // OVH's task comment is nullable (docs/api/ovh.md#task-object): every task read answers ovhError with a null comment.
    f.sim.inject({
      route: OVH_ROUTES.task,
      kind: "status",
      status: 200,
      times: 100_000,
      body: { taskId: 1, function: "reinstallServer", status: "ovhError", comment: null, startDate: new Date(f.clock.now()).toISOString(), doneDate: null },
    });
    const error = await failureOf(f.up({ serviceName: SCALE7, templateName: "debian12_64" }));
    expect(error).toMatchObject({ code: "TASK_FAILED" });
    expect(error.message).toMatch(new RegExp(`install task 1 on ${SCALE7.replace(/\./g, "\\.")} ended with ovhError: \\(no comment\\)`));
  });
});
