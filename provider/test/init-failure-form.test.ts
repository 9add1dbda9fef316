import { inspect } from "node:util";
import { ReinstallError } from "../src/errors";
import { asInitFailure } from "../src/init-failure";

/**
 * The "created but not initialized" form adds what @pulumi/pulumi's dynamic provider host reads (id, properties,
 * reasons) and nothing a log of the error shows: its JSON, its keys and its inspection are those of the error alone.
 */
describe("an error in the init-failure form", () => {
  const plain = () => new ReinstallError("TASK_FAILED", "DedicatedServerInstall ns1.example: the install failed", { api: { status: 200 } });
  const properties = { serviceName: "ns1.example", userMetadata: { rootPassword: "s3cret-Init-F0rm" } };

  it("gives the host the resource's id, its outputs and the message as the reason", () => {
    const e = asInitFailure(plain(), "ns1.example", properties) as ReinstallError & { id: string; properties: object; reasons: string[] };
    expect([e.id, e.properties, e.reasons]).toEqual(["ns1.example", properties, [e.message]]);
  });

  it("shows in JSON, keys and inspection exactly what the error alone shows", () => {
    const e = asInitFailure(plain(), "ns1.example", properties);
    expect([JSON.stringify(e), Object.keys(e)]).toEqual([JSON.stringify(plain()), Object.keys(plain())]);
    expect(inspect(e, { showHidden: true, depth: Infinity })).not.toContain("s3cret-Init-F0rm");
  });
});
