import * as pulumi from "@pulumi/pulumi";
import { DedicatedServerInstall } from "../src";

/** Pulumi's wire marker for a secret (@pulumi/pulumi runtime/rpc specialSigKey, secretSig). */
const sigKey = "4dabf18193072939515e22adb298388d";
const secretSig = "1b47061264138c4ac30d75fd1eb44270";

interface Registration {
  type: string;
  name: string;
  inputs: Record<string, unknown>;
}

describe("DedicatedServerInstall as a program registers it", () => {
  const registrations: Registration[] = [];
  const credential = "app-secret-that-must-never-reach-state";

  beforeAll(async () => {
    process.env.OVH_APPLICATION_SECRET = credential;
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
    await new Promise<void>((resolve) => web.urn.apply(() => resolve()));
  });
  afterAll(() => delete process.env.OVH_APPLICATION_SECRET);

  it("uses the dynamic type token of the ovh module", () => {
    expect(registrations.map((r) => [r.type, r.name])).toEqual([["pulumi-nodejs:dynamic/ovh:DedicatedServerInstall", "web-1"]]);
  });

  it("registers userMetadata as a secret even though the program did not mark it", () => {
    expect(registrations[0].inputs.userMetadata).toEqual({ [sigKey]: secretSig, value: { postInstallationScript: "#!/bin/sh\necho hi" } });
  });

  it("serializes a small provider that loads the provider package by name and captures no credential", () => {
    const provider = registrations[0].inputs.__provider as string;
    expect(provider.length).toBeLessThan(20_000);
    expect(provider).toContain('require("pulumi-reinstall-provider")');
    expect(provider).not.toContain(credential);
    expect(provider).not.toMatch(/node-ovh|zod|sshpk/);
  });
});
