import { z } from "zod";
import {
  DedicatedServerInstallInputs,
  DedicatedServerInstallStorageEntry as StorageEntry,
  KvmReinstallInputs,
  dedicatedServerInstallDiffRules,
  kvmReinstallDiffRules,
} from "pulumi-reinstall-provider";
import { kvmReinstallSecretOutputs } from "../src/edis/kvmReinstall";
import { dedicatedServerInstallSecretOutputs } from "../src/ovh/dedicatedServerInstall";
import { minimalInputs, schema, type PropertySpec } from "../../../scripts/schema-tables";
import { declaration, sdkFile, type Member } from "./sdk-source";

const requiredOf = (shape: z.ZodRawShape) =>
  Object.entries(shape)
    .filter(([, s]) => !(s as z.ZodType).safeParse(undefined).success)
    .map(([k]) => k)
    .sort();

/** [property, TSDoc] pairs, so a mismatch names the property it is about. */
const docs = (members: Map<string, Member>) => [...members].map(([name, m]) => [name, m.doc]);
const described = (props: Record<string, PropertySpec>, names: Iterable<string>) => [...names].map((name) => [name, props[name]?.description]);

const moduleOf = (token: string) => token.split(":")[1] as "ovh" | "edis";
const nameOf = (token: string) => token.split(":")[2];
const enumTokens = Object.keys(schema.types).filter((t) => schema.types[t].enum);
const enumRefOf = (p: PropertySpec) => enumTokens.find((t) => p.$ref === `#/types/${t}`);

/** Every property that holds an enum is typed with the SDK's union of that name. */
function expectEnumsTyped(props: Record<string, PropertySpec>, members: Map<string, Member>) {
  for (const [name, spec] of Object.entries(props)) {
    const token = enumRefOf(spec);
    if (token && members.has(name)) expect([name, members.get(name)!.type]).toEqual([name, expect.stringContaining(nameOf(token))]);
  }
}

describe.each([
  [
    "reinstall:ovh:DedicatedServerInstall",
    DedicatedServerInstallInputs,
    sdkFile("ovh", "dedicatedServerInstall.ts"),
    "DedicatedServerInstall",
    dedicatedServerInstallSecretOutputs,
    dedicatedServerInstallDiffRules,
    minimalInputs["reinstall:ovh:DedicatedServerInstall"],
  ],
  [
    "reinstall:edis:KvmReinstall",
    KvmReinstallInputs,
    sdkFile("edis", "kvmReinstall.ts"),
    "KvmReinstall",
    kvmReinstallSecretOutputs,
    kvmReinstallDiffRules,
    minimalInputs["reinstall:edis:KvmReinstall"],
  ],
] as const)("schema.json is the contract of %s", (token, inputs, file, className, secretOutputs, diffRules, minimal) => {
  const resource = schema.resources[token];
  const args = declaration(file, `${className}Args`).members;
  const outputs = declaration(file, className).members;

  it("zod inputs have the schema's input properties, with the same required ones", () => {
    expect(Object.keys(inputs.shape).sort()).toEqual(Object.keys(resource.inputProperties).sort());
    expect(requiredOf(inputs.shape)).toEqual([...resource.requiredInputs].sort());
  });

  it("the SDK's args interface has the schema's inputs, optional exactly when not required", () => {
    expect([...args.keys()].sort()).toEqual(Object.keys(resource.inputProperties).sort());
    for (const [name, { optional }] of args) expect([name, optional]).toEqual([name, !resource.requiredInputs.includes(name)]);
  });

  it("the SDK's resource class declares every schema output", () => {
    expect([...outputs.keys()].sort()).toEqual(Object.keys(resource.properties).sort());
  });

  it("every output that echoes an input is described, secret, defaulted and replacing as that input is", () => {
    const flags = ({ description, secret, default: byDefault, replaceOnChanges }: PropertySpec) => ({ description, secret, byDefault, replaceOnChanges });
    for (const name of Object.keys(resource.inputProperties))
      expect([name, flags(resource.properties[name])]).toEqual([name, flags(resource.inputProperties[name])]);
  });

  it("the SDK's outputs may be undefined exactly when the schema does not require them", () => {
    for (const [name, { type }] of outputs) expect([name, type.endsWith("| undefined>")]).toEqual([name, !resource.required.includes(name)]);
  });

  it("every SDK property's TSDoc is the schema's description", () => {
    expect(docs(args)).toEqual(described(resource.inputProperties, args.keys()));
    expect(docs(outputs)).toEqual(described(resource.properties, outputs.keys()));
  });

  it("enum-valued properties are typed with the SDK's unions", () => {
    expectEnumsTyped(resource.inputProperties, args);
    expectEnumsTyped(resource.properties, outputs);
  });

  it("secret flags agree: inputs, outputs and the SDK's additionalSecretOutputs", () => {
    const secret = (props: Record<string, PropertySpec>) =>
      Object.keys(props)
        .filter((k) => props[k].secret)
        .sort();
    expect(secret(resource.inputProperties)).toEqual([...secretOutputs].sort());
    expect(secret(resource.properties)).toEqual([...secretOutputs].sort());
  });

  it("replaceOnChanges marks exactly the inputs whose change the provider answers with a replacement", () => {
    const replacing = Object.keys(resource.inputProperties).filter((k) => resource.inputProperties[k].replaceOnChanges);
    expect(replacing).toEqual([...diffRules.replaceOn]);
  });

  it("the schema's defaults are the ones zod fills in", () => {
    const filled = Object.entries(inputs.parse(minimal)).filter(([k]) => !(k in minimal));
    const declared = Object.entries(resource.inputProperties)
      .filter(([, p]) => p.default !== undefined)
      .map(([k, p]) => [k, p.default]);
    expect(filled.sort()).toEqual(declared.sort());
  });
});

describe("schema.json types", () => {
  const objectTokens = Object.keys(schema.types).filter((t) => schema.types[t].properties);

  it.each(objectTokens)("%s: the SDK's input type has its properties, optionality and descriptions", (token) => {
    const spec = schema.types[token];
    const sdk = declaration(sdkFile(moduleOf(token), "types.ts"), nameOf(token));
    expect(sdk.doc).toBe(spec.description);
    expect(docs(sdk.members)).toEqual(described(spec.properties!, Object.keys(spec.properties!)));
    for (const [name, { optional }] of sdk.members) expect([name, optional]).toEqual([name, !(spec.required ?? []).includes(name)]);
    expectEnumsTyped(spec.properties!, sdk.members);
  });

  it.each(objectTokens.filter((t) => t !== "reinstall:ovh:MetadataAnswer"))("%s: the SDK's output type is the input type's shape, resolved", (token) => {
    const input = declaration(sdkFile(moduleOf(token), "types.ts"), nameOf(token));
    const output = declaration(sdkFile(moduleOf(token), "outputs.ts"), nameOf(token));
    expect(output.doc).toBe(input.doc);
    const shape = (d: typeof input) => [...d.members].map(([name, m]) => [name, m.optional, m.doc]);
    expect(shape(output)).toEqual(shape(input));
    for (const [name, m] of output.members) expect([name, m.type]).toEqual([name, expect.not.stringContaining("Input<")]);
  });

  it.each(enumTokens)("%s: the SDK's union has the enum's values and description", (token) => {
    const sdk = declaration(sdkFile(moduleOf(token), "enums.ts"), nameOf(token));
    expect(sdk.doc).toBe(schema.types[token].description);
    expect(sdk.literals).toEqual(schema.types[token].enum!.map((e) => e.value));
  });

  it("the storage types agree with zod, level by level, enums included", () => {
    const partitioning = unwrap(StorageEntry.shape.partitioning).shape;
    const hardwareRaid = unwrap(StorageEntry.shape.hardwareRaid).element.shape;
    const partition = unwrap(partitioning.layout).element.shape;
    const levels: [string, z.ZodRawShape][] = [
      ["reinstall:ovh:StorageEntry", StorageEntry.shape],
      ["reinstall:ovh:Partitioning", partitioning],
      ["reinstall:ovh:HardwareRaid", hardwareRaid],
      ["reinstall:ovh:Partition", partition],
    ];
    for (const [token, shape] of levels) {
      expect([token, Object.keys(shape).sort()]).toEqual([token, Object.keys(schema.types[token].properties!).sort()]);
      expect([token, requiredOf(shape)]).toEqual([token, [...(schema.types[token].required ?? [])].sort()]);
    }
    const values = (token: string) => schema.types[token].enum!.map((e) => e.value);
    expect(partition.fileSystem.options).toEqual(values("reinstall:ovh:FileSystem"));
    expect([...unwrap(hardwareRaid.raidLevel).options[0].values]).toEqual(values("reinstall:ovh:HardwareRaidLevel"));
    expect([...unwrap(partition.raidLevel).options[0].values]).toEqual(values("reinstall:ovh:SoftwareRaidLevel"));
    expect(DedicatedServerInstallInputs.shape.installApi.unwrap().options).toEqual(values("reinstall:ovh:InstallApi"));
  });
});

// eslint-disable-next-line @typescript-eslint/no-explicit-any
function unwrap(schema: z.ZodType): any {
  return schema instanceof z.ZodOptional ? schema.unwrap() : schema;
}
