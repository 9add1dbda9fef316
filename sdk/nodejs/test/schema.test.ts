import * as path from "node:path";
import * as ts from "typescript";
import { z } from "zod";
import { DedicatedServerInstallInputs, DedicatedServerInstallStorageEntry as StorageEntry, KvmReinstallInputs } from "pulumi-reinstall-provider";
import { kvmReinstallSecretOutputs } from "../src/edis/kvmReinstall";
import { dedicatedServerInstallSecretOutputs } from "../src/ovh/dedicatedServerInstall";

const schema = require("../../../schema.json");

/** Members of an interface or class in an SDK source file, as the compiler sees them. */
function members(file: string, name: string): Map<string, { optional: boolean }> {
  const source = ts.createSourceFile(file, ts.sys.readFile(file)!, ts.ScriptTarget.ES2022, true);
  const found = new Map<string, { optional: boolean }>();
  source.forEachChild((node) => {
    if ((ts.isInterfaceDeclaration(node) || ts.isClassDeclaration(node)) && node.name?.text === name) {
      for (const m of node.members) {
        if ((ts.isPropertySignature(m) || ts.isPropertyDeclaration(m)) && ts.isIdentifier(m.name)) {
          found.set(m.name.text, { optional: m.questionToken !== undefined });
        }
      }
    }
  });
  return found;
}

const sdk = (file: string, module = "ovh") => path.join(__dirname, "..", "src", module, file);
const requiredOf = (shape: z.ZodRawShape) =>
  Object.entries(shape)
    .filter(([, s]) => !(s as z.ZodType).safeParse(undefined).success)
    .map(([k]) => k)
    .sort();

describe.each([
  ["reinstall:ovh:DedicatedServerInstall", DedicatedServerInstallInputs, sdk("dedicatedServerInstall.ts"), "DedicatedServerInstall", dedicatedServerInstallSecretOutputs],
  ["reinstall:edis:KvmReinstall", KvmReinstallInputs, sdk("kvmReinstall.ts", "edis"), "KvmReinstall", kvmReinstallSecretOutputs],
] as const)("schema.json is the contract of %s", (token, inputs, sdkFile, className, secretOutputs) => {
  const resource = schema.resources[token];

  it("zod inputs have the schema's input properties, with the same required ones", () => {
    expect(Object.keys(inputs.shape).sort()).toEqual(Object.keys(resource.inputProperties).sort());
    expect(requiredOf(inputs.shape)).toEqual([...resource.requiredInputs].sort());
  });

  it("the SDK's args interface has the schema's inputs, optional exactly when not required", () => {
    const args = members(sdkFile, `${className}Args`);
    expect([...args.keys()].sort()).toEqual(Object.keys(resource.inputProperties).sort());
    for (const [name, { optional }] of args) expect([name, optional]).toEqual([name, !resource.requiredInputs.includes(name)]);
  });

  it("the SDK's resource class declares every schema output", () => {
    expect([...members(sdkFile, className).keys()].sort()).toEqual(Object.keys(resource.properties).sort());
  });

  it("secret flags agree: inputs, outputs and the SDK's additionalSecretOutputs", () => {
    const secret = (props: Record<string, { secret?: boolean }>) => Object.keys(props).filter((k) => props[k].secret).sort();
    expect(secret(resource.inputProperties)).toEqual([...secretOutputs].sort());
    expect(secret(resource.properties)).toEqual([...secretOutputs].sort());
  });
});

describe("schema.json types of DedicatedServerInstall", () => {
  const resource = schema.resources["reinstall:ovh:DedicatedServerInstall"];

  it("the storage types agree with zod and the SDK, level by level", () => {
    const levels: [string, z.ZodRawShape, string][] = [
      ["reinstall:ovh:StorageEntry", StorageEntry.shape, "StorageEntry"],
      ["reinstall:ovh:Partitioning", unwrap(StorageEntry.shape.partitioning).shape, "Partitioning"],
      ["reinstall:ovh:HardwareRaid", unwrap(StorageEntry.shape.hardwareRaid).element.shape, "HardwareRaid"],
      ["reinstall:ovh:Partition", unwrap(unwrap(StorageEntry.shape.partitioning).shape.layout).element.shape, "Partition"],
    ];
    for (const [token, shape, sdkName] of levels) {
      const props = Object.keys(schema.types[token].properties).sort();
      expect([token, Object.keys(shape).sort()]).toEqual([token, props]);
      expect([token, [...members(sdk("types.ts"), sdkName).keys()].sort()]).toEqual([token, props]);
      expect([token, requiredOf(shape)]).toEqual([token, [...(schema.types[token].required ?? [])].sort()]);
    }
  });

  it("the installApi enum and defaults agree", () => {
    const values = schema.types["reinstall:ovh:InstallApi"].enum.map((e: { value: string }) => e.value);
    expect(DedicatedServerInstallInputs.shape.installApi.unwrap().options).toEqual(values);
    expect(DedicatedServerInstallInputs.parse({ serviceName: "s", templateName: "t" }).timeoutMinutes).toBe(resource.inputProperties.timeoutMinutes.default);
  });
});

// eslint-disable-next-line @typescript-eslint/no-explicit-any
function unwrap(schema: z.ZodType): any {
  return schema instanceof z.ZodOptional ? schema.unwrap() : schema;
}
