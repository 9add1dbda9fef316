import * as pulumi from "@pulumi/pulumi";
import { DedicatedServerInstall, KvmReinstall } from "../src";

/** Pulumi's wire marker for a secret (@pulumi/pulumi runtime/rpc specialSigKey, secretSig). */
const sigKey = "4dabf18193072939515e22adb298388d";
const secretSig = "1b47061264138c4ac30d75fd1eb44270";

interface Registration {
  type: string;
  name: string;
  inputs: Record<string, unknown>;
}

describe("the resources as a program registers them", () => {
  const registrations: Registration[] = [];

  beforeAll(async () => {
    await pulumi.runtime.setMocks(
      {
        newResource: (args) => {
          registrations.push({ type: args.type, name: args.name, inputs: args.inputs });
          return { id: `${args.name}-id`, state: args.inputs };
        },
        call: () => ({}),
      },
      "sdk-test",
      "dev",
      false,
    );
    const web = new DedicatedServerInstall("web-1", {
      serviceName: "ns3001234.ip-51-68-1.eu",
      templateName: "debian12_64",
      userMetadata: { postInstallationScript: "#!/bin/sh\necho hi" },
    });
    const edge = new KvmReinstall("edge-1", {
      kvmId: "kvm_1_2",
      image: "cloudinit_debian-bookworm",
      password: "Pl41n+text!pw",
      cloudInitUserData: "#cloud-config\n{}",
    });
    await Promise.all([web, edge].map((r) => new Promise<void>((resolve) => r.urn.apply(() => resolve()))));
  });

  it("uses the dynamic type tokens of the ovh and edis modules", () => {
    expect(registrations.map((r) => [r.type, r.name])).toEqual([
      ["pulumi-nodejs:dynamic/ovh:DedicatedServerInstall", "web-1"],
      ["pulumi-nodejs:dynamic/edis:KvmReinstall", "edge-1"],
    ]);
  });

  it("passes each resource its own URN, as the engine computes it", () => {
    expect(registrations.map((r) => r.inputs.__urn)).toEqual([
      "urn:pulumi:dev::sdk-test::pulumi-nodejs:dynamic/ovh:DedicatedServerInstall::web-1",
      "urn:pulumi:dev::sdk-test::pulumi-nodejs:dynamic/edis:KvmReinstall::edge-1",
    ]);
  });

  it("registers the EDIS password and cloud-init data as secrets", () => {
    expect(registrations[1].inputs.password).toEqual({ [sigKey]: secretSig, value: "Pl41n+text!pw" });
    expect(registrations[1].inputs.cloudInitUserData).toEqual({ [sigKey]: secretSig, value: "#cloud-config\n{}" });
  });

  it("registers userMetadata as a secret even though the program did not mark it", () => {
    expect(registrations[0].inputs.userMetadata).toEqual({ [sigKey]: secretSig, value: { postInstallationScript: "#!/bin/sh\necho hi" } });
  });

  it.each([0, 1])("serializes a small provider (#%i) that loads the provider package by name and captures none of the program's values", (i) => {
    const provider = registrations[i].inputs.__provider as string;
    expect(provider.length).toBeLessThan(20_000);
    expect(provider).toContain('require.resolve("pulumi-reinstall-provider", { paths: [sdk] })');
    expect(provider).not.toMatch(/node-ovh|zod|sshpk|Pl41n|echo hi|ns3001234/);
  });
});
