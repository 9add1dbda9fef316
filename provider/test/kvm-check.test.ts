import { unknownValue } from "../src/unknowns";
import { EDGE1, WIN1, edisFixture, type EdisFixture } from "./support/edis";
import type { Props } from "./support/ovh";
import { EDIS_ROUTES } from "pulumi-reinstall-simulator";

describe("KvmReinstall check: every bad input fails at preview, before any set/reinstall", () => {
  let f: EdisFixture;
  beforeAll(async () => {
    f = await edisFixture();
  });
  afterAll(() => f.close());
  afterEach(() => expect(f.reinstalls()).toBe(0));

  const failures = async (extra: Props) => (await f.provider.check({}, f.inputs(EDGE1, extra))).failures;

  it.each<[string, Props, string, RegExp]>([
    ["a malformed kvm id", { kvmId: "123456" }, "kvmId", /^kvmId "123456" is not an EDIS KVM id; they read like "kvm_123456_789012"/],
    ["a kvm id the account lacks", { kvmId: "kvm_999_999" }, "kvmId", /no VPS "kvm_999_999" in this EDIS account; VPSes: kvm_123456_789012 \(edge-1\)/],
    [
      "an image EDIS does not offer",
      { image: "cloudinit_debian-bookwrom" },
      "image",
      /no image "cloudinit_debian-bookwrom" for kvm_123456_789012; closest: cloudinit_debian-bookworm, /,
    ],
    [
      "cloud-init data for an image without cloud-init",
      { image: "windows-server-2022", cloudInitUserData: "#cloud-config\n{}" },
      "cloudInitUserData",
      /image windows-server-2022 does not run cloud-init/,
    ],
    [
      "cloud-init data without a header",
      { cloudInitUserData: "packages: [nginx]" },
      "cloudInitUserData",
      /not a cloud-init header; cloud-init recognises #cloud-config-archive, #cloud-config, /,
    ],
    ["a #cloud-config that is not YAML", { cloudInitUserData: "#cloud-config\nruncmd: [a, b\n" }, "cloudInitUserData", /#cloud-config is not valid YAML/],
    ["a #cloud-config that is a list", { cloudInitUserData: "#cloud-config\n- a\n- b\n" }, "cloudInitUserData", /#cloud-config must be a YAML mapping/],
    ["a short password", { password: "Sh0rt!" }, "password", /the password is 6 characters long; the policy: 12 to 128 printable ASCII/],
    ["a password of one kind of character", { password: "alllowercaseletters" }, "password", /uses fewer than three kinds of characters/],
    ["a password with spaces", { password: "Correct Horse 9 Battery" }, "password", /contains spaces or characters outside printable ASCII/],
    ["a port out of range", { readinessPort: 70_000 }, "readinessPort", /^readinessPort is 70000; it must be a whole number from 1 to 65535$/],
    [
      "a misspelt field",
      { cloudinitUserData: "#!/bin/sh" },
      "cloudinitUserData",
      /unknown field "cloudinitUserData"; allowed fields: kvmId, image, password, cloudInitUserData/,
    ],
  ])("rejects %s", async (_what, extra, property, reason) => {
    expect(await failures(extra)).toContainEqual({ property, reason: expect.stringMatching(reason) });
  });

  it("fails a 1 MB image name with a short reason that names the field and the limit, before asking EDIS anything", async () => {
    const before = f.sim.count();
    const found = await failures({ image: `cloudinit_${"x".repeat(1_000_000)}` });
    expect(found).toEqual([{ property: "image", reason: "image is 1000010 characters long; the limit is 255" }]);
    expect(f.sim.count() - before).toBe(0);
  });

  it.each<[string, Props, string, RegExp]>([
    ["kvmId", { kvmId: `kvm_1_${"2".repeat(1_000_000)}` }, "kvmId", /^kvmId is 1000006 characters long; the limit is 255$/],
    ["the password", { password: `Aa1!${"x".repeat(1_000_000)}` }, "password", /^the password is 1000004 characters long; the policy: /],
    [
      "cloudInitUserData, in bytes",
      { cloudInitUserData: `#cloud-config\n# ${"é".repeat(33_000)}` },
      "cloudInitUserData",
      /^cloudInitUserData is 66016 bytes long; the limit is 65536 bytes/,
    ],
    ["a trigger", { triggers: ["x".repeat(65_537)] }, "triggers[0]", /^a trigger is 65537 bytes long; the limit is 65536 bytes/],
  ])("caps %s at the boundary without quoting it", async (_what, extra, property, reason) => {
    const found = await failures(extra);
    expect(found).toContainEqual({ property, reason: expect.stringMatching(reason) });
    expect(JSON.stringify(found).length).toBeLessThan(1_000);
  });

  it("still suggests the closest images for a long misspelt name, quoting it cut short", async () => {
    const image = `cloudinit_debian-bookwrom${"-x".repeat(100)}`;
    const [failure] = (await failures({ image })) ?? [];
    expect(failure.property).toBe("image");
    expect(failure.reason).toMatch(/^EDIS offers no image "cloudinit_debian-bookwrom[-x]+…" for kvm_123456_789012; closest: cloudinit_debian-bookworm, /);
    expect(failure.reason).not.toContain(image);
  });

  it("accepts the other cloud-init formats", async () => {
    for (const data of [
      "#!/bin/sh\necho hi",
      "## template: jinja\n#cloud-config\nhostname: {{ v1.local_hostname }}",
      "#cloud-config-archive\n- type: text/cloud-config\n  content: '{}'\n",
    ]) {
      expect(await failures({ cloudInitUserData: data })).toEqual([]);
    }
  });

  it("never quotes the password or the cloud-init data back, even from the YAML parser", async () => {
    const cases = [
      { password: "tiny-secret", cloudInitUserData: "s3cr3t-token: x" },
      { cloudInitUserData: "#cloud-config\nwrite_files:\n  - content: *s3cr3t-token\n" },
      { cloudInitUserData: "#cloud-config\ntoken: [s3cr3t-token\n" },
    ];
    for (const extra of cases) {
      const found = await failures(extra);
      expect(found?.length).toBeGreaterThan(0);
      expect(JSON.stringify(found)).not.toMatch(/tiny-secret|s3cr3t-token/);
    }
    expect(await failures({ cloudInitUserData: "#cloud-config\nwrite_files:\n  - content: *s3cr3t-token\n" })).toEqual([
      { property: "cloudInitUserData", reason: "#cloud-config has an alias or tag that does not resolve" },
    ]);
  });

  it("leaves values still unknown at preview alone, and defaults only what is known to be absent", async () => {
    const inputs = { kvmId: EDGE1, image: unknownValue, password: unknownValue, cloudInitUserData: "#cloud-config\n{}" };
    const result = await f.provider.check({}, inputs);
    expect(result).toEqual({ inputs: { ...inputs, waitForReady: true }, failures: [] });
  });

  it("fetches each VPS's image list once per provider process", async () => {
    const before = f.sim.count({ route: EDIS_ROUTES.images });
    for (const image of ["debian-bullseye", "cloudinit_rocky-9", "windows-11"]) await failures({ image, kvmId: WIN1 });
    expect(f.sim.count({ route: EDIS_ROUTES.images }) - before).toBe(1);
  });
});
