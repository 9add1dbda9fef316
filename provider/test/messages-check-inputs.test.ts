import { unknownValue } from "../src/unknowns";
import { ovhCheckFailures } from "./support/check-failures";
import { throwawaySshKey } from "../../harness/ssh-key";

/**
 * The full text of DedicatedServerInstall's check failures on the inputs' own shape, each pinned once (issue 11).
 * Each value is computed before its `expect`, which then fits on one line: jest, writing a snapshot without
 * prettier, reprints that call.
 */
describe("check failure texts: DedicatedServerInstall inputs", () => {
  const ovhFailures = ovhCheckFailures();

  it("DedicatedServerInstall: the schema's own sentences, and zod's replaced", async () => {
    const failures = await ovhFailures({
      templateName: undefined,
      serviceName: "s".repeat(254),
      customHostname: "1web",
      timeoutMinutes: 0,
      installApi: "install",
      hostname: "web-1",
      triggers: Array.from({ length: 101 }, String),
      onDelete: { bootId: 1, rescue: "rescue12-customer" },
      userMetadata: { "": "x", ["k".repeat(256)]: "x", constructor: "x", script: "x".repeat(65_537), list: ["x"] },
    });
    expect(failures).toMatchInlineSnapshot(`
[
  {
    "property": "serviceName",
    "reason": "serviceName is 254 characters long; the limit is 253",
  },
  {
    "property": "templateName",
    "reason": "templateName is required: give text of 1 to 255 characters",
  },
  {
    "property": "customHostname",
    "reason": "invalid hostname label "1web": each label must have 1 to 63 characters, start with a letter, end with a letter or a digit and contain only letters, digits and hyphens (RFC 1035 §2.3.1)",
  },
  {
    "property": "userMetadata.",
    "reason": "a key cannot be empty",
  },
  {
    "property": "userMetadata.constructor",
    "reason": ""constructor" cannot be a key: __proto__, constructor, prototype are reserved (an object would drop or misread them)",
  },
  {
    "property": "userMetadata.kkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkk…",
    "reason": "a key is 256 characters long; the limit is 255",
  },
  {
    "property": "installApi",
    "reason": "installApi is "install"; it must be one of: "reinstall", "install/start"",
  },
  {
    "property": "triggers",
    "reason": "triggers has more than 100 entries",
  },
  {
    "property": "timeoutMinutes",
    "reason": "timeoutMinutes is 0; it must be a number above 0 and at most 1440",
  },
  {
    "property": "onDelete",
    "reason": "give exactly one of bootId (one of the server's boot ids) or rescue (the kernel name of one of its rescue boots, e.g. rescue12-customer)",
  },
  {
    "property": "hostname",
    "reason": "unknown field "hostname"; allowed fields: serviceName, templateName, customHostname, diskGroupId, userMetadata, partitionSchemeName, storage, installApi, triggers, timeoutMinutes, adopt, onDelete",
  },
]
`);
  });

  it("DedicatedServerInstall: userMetadata's forms and sizes", async () => {
    const missingValue = await ovhFailures({ userMetadata: [{ key: "b" }], triggers: [1] });
    expect(missingValue).toMatchInlineSnapshot(`
[
  {
    "property": "userMetadata[0].value",
    "reason": "userMetadata[0].value is required: give an answer: text, a number, true or false, or a map from names to text",
  },
  {
    "property": "triggers[0]",
    "reason": "triggers[0] is a number; it must be text",
  },
]
`);
    const twice = await ovhFailures({
      userMetadata: [
        { key: "a", value: "1" },
        { key: "a", value: "2" },
      ],
    });
    expect(twice).toMatchInlineSnapshot(`
[
  {
    "property": "userMetadata[1].key",
    "reason": ""a" is answered twice",
  },
]
`);
    const manyAnswers = await ovhFailures({ userMetadata: Object.fromEntries(Array.from({ length: 101 }, (_, i) => [`q${i}`, "x"])) });
    expect(manyAnswers).toMatchInlineSnapshot(`
[
  {
    "property": "userMetadata",
    "reason": "userMetadata has 101 entries; the limit is 100",
  },
]
`);
    const longList = await ovhFailures({ userMetadata: Array.from({ length: 101 }, (_, i) => ({ key: `q${i}`, value: "x" })) });
    expect(longList).toMatchInlineSnapshot(`
[
  {
    "property": "userMetadata",
    "reason": "userMetadata is a list of 101 entries; it must be a map from question names to answers, or a list of {key, value} entries",
  },
]
`);
    const longValue = await ovhFailures({ userMetadata: { labels: { k: "x".repeat(65_537) } } });
    expect(longValue).toMatchInlineSnapshot(`
[
  {
    "property": "userMetadata.labels.k",
    "reason": "a value is 65537 bytes long; the limit is 65536 bytes (64 KiB)",
  },
]
`);
    const longTrigger = await ovhFailures({ triggers: ["x".repeat(65_537)] });
    expect(longTrigger).toMatchInlineSnapshot(`
[
  {
    "property": "triggers[0]",
    "reason": "a trigger is 65537 bytes long; the limit is 65536 bytes (64 KiB)",
  },
]
`);
  });

  it("DedicatedServerInstall: unknown values skip only the rules that need them", async () => {
    const failures = await ovhFailures({ serviceName: unknownValue, userMetadata: { sshKey: throwawaySshKey(), language: "fr" } });
    expect(failures).toMatchInlineSnapshot(`
[
  {
    "property": "userMetadata.language",
    "reason": "template debian12_64 has no question "language"; its questions: hostname, sshKey, postInstallationScript",
  },
]
`);
  });
});
