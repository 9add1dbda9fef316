import { kvmCheckFailures } from "./support/check-failures";

/**
 * The full text of every distinct KvmReinstall check failure, pinned once (issue 11).
 * Each value is computed before its `expect`, which then fits on one line: jest, writing a snapshot without
 * prettier, reprints that call.
 */
describe("check failure texts: KvmReinstall", () => {
  const kvmFailures = kvmCheckFailures();

  it("KvmReinstall: the schema's sentences", async () => {
    const failures = await kvmFailures({
      kvmId: "123456",
      image: "",
      password: 84_629_173_550_912,
      readinessPort: 70_000,
      waitForReady: "yes",
      timeoutMinutes: -1,
      triggers: "x",
      cloudInitUserData: "",
    });
    expect(failures).toMatchInlineSnapshot(`
[
  {
    "property": "kvmId",
    "reason": "kvmId "123456" is not an EDIS KVM id; they read like "kvm_123456_789012", as the VPS Management Portal shows them",
  },
  {
    "property": "image",
    "reason": "image is empty; it must be text of 1 to 255 characters",
  },
  {
    "property": "password",
    "reason": "password is a number; it must be text of 12 to 128 printable ASCII characters, no spaces, using at least three of: lowercase letters, uppercase letters, digits, symbols",
  },
  {
    "property": "cloudInitUserData",
    "reason": "cloudInitUserData is empty; it must be text of at least 1 character",
  },
  {
    "property": "waitForReady",
    "reason": "waitForReady is text of 3 characters; it must be true or false",
  },
  {
    "property": "readinessPort",
    "reason": "readinessPort is 70000; it must be a whole number from 1 to 65535",
  },
  {
    "property": "timeoutMinutes",
    "reason": "timeoutMinutes is -1; it must be a number above 0 and at most 1440",
  },
  {
    "property": "triggers",
    "reason": "triggers is text of 1 character; it must be a list of at most 100 entries, each text",
  },
]
`);
    const short = await kvmFailures({ password: "short" });
    expect(short).toMatchInlineSnapshot(`
[
  {
    "property": "password",
    "reason": "the password is 5 characters long; the policy: 12 to 128 printable ASCII characters, no spaces, using at least three of: lowercase letters, uppercase letters, digits, symbols",
  },
]
`);
    const spaces = await kvmFailures({ password: "has spaces in it 9A" });
    expect(spaces).toMatchInlineSnapshot(`
[
  {
    "property": "password",
    "reason": "the password contains spaces or characters outside printable ASCII; the policy: 12 to 128 printable ASCII characters, no spaces, using at least three of: lowercase letters, uppercase letters, digits, symbols",
  },
]
`);
    const plain = await kvmFailures({ password: "alllowercaseletters" });
    expect(plain).toMatchInlineSnapshot(`
[
  {
    "property": "password",
    "reason": "the password uses fewer than three kinds of characters; the policy: 12 to 128 printable ASCII characters, no spaces, using at least three of: lowercase letters, uppercase letters, digits, symbols",
  },
]
`);
  });

  it("KvmReinstall: cloud-init user data", async () => {
    const header = await kvmFailures({ cloudInitUserData: "runcmd: [a]\n" });
    expect(header).toMatchInlineSnapshot(`
[
  {
    "property": "cloudInitUserData",
    "reason": "the first line is not a cloud-init header; cloud-init recognises #cloud-config-archive, #cloud-config, a script (#!), #include, #cloud-boothook, #part-handler, MIME multipart",
  },
]
`);
    const unclosed = await kvmFailures({ cloudInitUserData: "#cloud-config\nruncmd: [a, b\n" });
    expect(unclosed).toMatchInlineSnapshot(`
[
  {
    "property": "cloudInitUserData",
    "reason": "#cloud-config is not valid YAML (BAD_INDENT at line 2: a [ opened there is not closed)",
  },
]
`);
    const indent = await kvmFailures({ cloudInitUserData: "#cloud-config\npackages:\n  - nginx\n bad: x\n" });
    expect(indent).toMatchInlineSnapshot(`
[
  {
    "property": "cloudInitUserData",
    "reason": "#cloud-config is not valid YAML (BAD_INDENT at line 4)",
  },
]
`);
    const alias = await kvmFailures({ cloudInitUserData: "#cloud-config\nusers: *nowhere\n" });
    expect(alias).toMatchInlineSnapshot(`
[
  {
    "property": "cloudInitUserData",
    "reason": "#cloud-config has an alias or tag that does not resolve",
  },
]
`);
    const shape = await kvmFailures({ cloudInitUserData: "#cloud-config\n- a list\n" });
    expect(shape).toMatchInlineSnapshot(`
[
  {
    "property": "cloudInitUserData",
    "reason": "#cloud-config must be a YAML mapping",
  },
]
`);
  });

  it("KvmReinstall: the live rules on the image", async () => {
    const noImage = await kvmFailures({ image: "debian-bookwrm" });
    expect(noImage).toMatchInlineSnapshot(`
[
  {
    "property": "image",
    "reason": "EDIS offers no image "debian-bookwrm" for kvm_123456_789012; closest: debian-bullseye, cloudinit_debian-bookworm, windows-10 (all 23: cloudinit_almalinux-8, cloudinit_almalinux-9, cloudinit_arch-linux_20231115, cloudinit_arch-linux_20250815, cloudinit_centos-7, cloudinit_centos-stream-10, cloudinit_centos-stream-8, cloudinit_centos-stream-9, cloudinit_debian-bookworm, cloudinit_debian-trixie, cloudinit_rocky-10, cloudinit_rocky-9, cloudinit_ubuntu-lts-16-04, cloudinit_ubuntu-lts-18-04, cloudinit_ubuntu-lts-20-04, cloudinit_ubuntu-lts-22-04, cloudinit_ubuntu-lts-24-04, debian-bullseye, windows-10, windows-11, windows-server-2019, windows-server-2022, windows-server-2025)",
  },
]
`);
    const noCloudInit = await kvmFailures({ image: "debian-bullseye", cloudInitUserData: "#cloud-config\n{}\n" });
    expect(noCloudInit).toMatchInlineSnapshot(`
[
  {
    "property": "cloudInitUserData",
    "reason": "image debian-bullseye does not run cloud-init; use a cloudinit_* image or drop cloudInitUserData",
  },
]
`);
  });
});
