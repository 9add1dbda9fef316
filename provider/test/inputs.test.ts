import { zodFailures } from "../src/check-failures";
import { parseChecked } from "../src/check-inputs";
import { inputParseOptions } from "../src/issue-sentence";
import { DedicatedServerInstallInputs, inputNames } from "../src/ovh/dedicated-server-install/inputs";
import { splitUnknowns, unknownValue } from "../src/unknowns";

function failuresOf(inputs: Record<string, unknown>) {
  const { known, unknownPaths } = splitUnknowns(inputs);
  const parsed = DedicatedServerInstallInputs.safeParse(known, inputParseOptions);
  return parsed.success ? [] : zodFailures(parsed.error, unknownPaths, DedicatedServerInstallInputs);
}

const base = { serviceName: "ns3001234.ip-51-68-1.eu", templateName: "debian12_64" };

describe("DedicatedServerInstall inputs", () => {
  it("applies the defaults", () => {
    expect(DedicatedServerInstallInputs.parse(base)).toEqual({ ...base, installApi: "reinstall", timeoutMinutes: 120 });
  });

  it("accepts the install guide's [{key, value}] list and normalizes it to a map", () => {
    const parsed = DedicatedServerInstallInputs.parse({ ...base, userMetadata: [{ key: "sshKey", value: "ssh-ed25519 AAAA" }] });
    expect(parsed.userMetadata).toEqual({ sshKey: "ssh-ed25519 AAAA" });
  });

  it("rejects a question answered twice in the list form", () => {
    expect(
      failuresOf({
        ...base,
        userMetadata: [
          { key: "a", value: "1" },
          { key: "a", value: "2" },
        ],
      }),
    ).toEqual([{ property: "userMetadata[1].key", reason: '"a" is answered twice' }]);
  });

  it("names an unknown field and lists the allowed ones", () => {
    expect(failuresOf({ ...base, hostname: "web-1" })).toEqual([
      {
        property: "hostname",
        reason: `unknown field "hostname"; allowed fields: ${inputNames.join(", ")}`,
      },
    ]);
  });

  it("checks customHostname against RFC 1035 in OVH's words", () => {
    expect(failuresOf({ ...base, customHostname: "1web" })).toMatchInlineSnapshot(`
[
  {
    "property": "customHostname",
    "reason": "invalid hostname label "1web": each label must have 1 to 63 characters, start with a letter, end with a letter or a digit and contain only letters, digits and hyphens (RFC 1035 §2.3.1)",
  },
]
`);
    expect(failuresOf({ ...base, customHostname: `a${"b".repeat(63)}` })[0].property).toBe("customHostname");
    expect(failuresOf({ ...base, customHostname: "web-1.example.com" })).toEqual([]);
  });

  it("names the allowed values of enums and the path inside storage", () => {
    const failures = failuresOf({
      ...base,
      installApi: "install",
      storage: [{ partitioning: { layout: [{ fileSystem: "fat32", mountPoint: "/" }] } }],
    });
    expect(failures.map((f) => f.property)).toEqual(["storage[0].partitioning.layout[0].fileSystem", "installApi"]);
    expect(failures[0].reason).toMatch(/^storage\[0\]\.partitioning\.layout\[0\]\.fileSystem is "fat32"; it must be one of: "btrfs", .*"ext4"/);
    expect(failures[1].reason).toBe('installApi is "install"; it must be one of: "reinstall", "install/start"');
  });

  it("refuses more than one storage entry, as OVH does", () => {
    expect(failuresOf({ ...base, storage: [{}, {}] })[0].reason).toMatch(/at most one storage entry/);
  });

  it("does not fail on values still unknown at preview", () => {
    expect(failuresOf({ serviceName: unknownValue, templateName: "debian12_64", diskGroupId: unknownValue })).toEqual([]);
    expect(failuresOf({ ...base, diskGroupId: unknownValue, customHostname: "-bad" }).map((f) => f.property)).toEqual(["customHostname"]);
  });

  it("words an invalid state the same way at create and update, each problem once", () => {
    const inputs = { ...base, timeoutMinutes: 0, hostname: "web-1" };
    expect(() => parseChecked(DedicatedServerInstallInputs, inputs, "web-1")).toThrow(
      'invalid inputs: timeoutMinutes is 0; it must be a number above 0 and at most 1440; hostname: unknown field "hostname"; allowed fields: ',
    );
  });
});
