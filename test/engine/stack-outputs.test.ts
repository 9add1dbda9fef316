import * as path from "node:path";
import { outputs } from "../../scripts/demo-output";
import { captureStack } from "../../harness/capture";
import { repo } from "../../harness/repo";
import { throwawaySshKey } from "../../harness/ssh-key";

/**
 * What `pulumi up` prints under "Outputs:" is the program's exports, each from the resource property it reads;
 * the demo prints that block from what the program under mocks exports, never the resource's whole state.
 */
describe("a program's stack outputs, as the demo prints them", () => {
  const example = (name: string) => path.join(repo, "examples", name);

  it("examples/ovh-debian exports installedOs and taskId of web-1", () => {
    const { exports } = captureStack(example("ovh-debian"), "ovh-debian", { sshPublicKey: throwawaySshKey() });
    expect(exports).toEqual({ installedOs: { resource: "web-1", property: "installedOs" }, taskId: { resource: "web-1", property: "taskId" } });
    const props = { installedOs: "debian12_64", taskId: 156839472, userMetadata: { sshKey: "ssh-ed25519 AAAA" }, templateName: "debian12_64" };
    expect(outputs(exports, props, ["userMetadata"])).toEqual(["Outputs:", '    installedOs: "debian12_64"', "    taskId:      156839472"]);
  });

  it("examples/edis-cloudinit exports ip (the primaryIp) and readyAt of edge-1, in UTC", () => {
    const { exports } = captureStack(example("edis-cloudinit"), "edis-cloudinit", { kvmId: "kvm_123456_789012", rootPassword: "Dry+Run=Pass9!" });
    expect(exports).toEqual({ ip: { resource: "edge-1", property: "primaryIp" }, readyAt: { resource: "edge-1", property: "readyAt" } });
    const props = { primaryIp: "192.0.2.10", readyAt: "2026-11-30T03:09:39.123Z", password: "Dry+Run=Pass9!" };
    expect(outputs(exports, props, ["password"])).toEqual(["Outputs:", '    ip:      "192.0.2.10"', '    readyAt: "2026-11-30T03:09:39Z"']);
  });
});
