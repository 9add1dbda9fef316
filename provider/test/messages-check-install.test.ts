import { ovhCheckFailures } from "./support/check-failures";
import { ADVANCE1, SCALE7 } from "./support/ovh";

/**
 * The full text of DedicatedServerInstall's check failures that need OVH's answers (server, template, questions,
 * boots) and of the warnings check gives, each pinned once (issue 11).
 * Each value is computed before its `expect`, which then fits on one line: jest, writing a snapshot without
 * prettier, reprints that call.
 */
describe("check failure texts: DedicatedServerInstall against OVH", () => {
  const ovhFailures = ovhCheckFailures();

  it("DedicatedServerInstall: the live rules on server, template and answers", async () => {
    const noServer = await ovhFailures({ serviceName: "ns000.ip-1-2-3.eu", templateName: "debian99_64" });
    expect(noServer).toMatchInlineSnapshot(`
[
  {
    "property": "serviceName",
    "reason": "no dedicated server "ns000.ip-1-2-3.eu" in this OVH account; servers: ns3001234.ip-51-68-1.eu, ns3005678.ip-51-68-2.eu, ns3009999.ip-51-68-3.eu",
  },
  {
    "property": "templateName",
    "reason": "OVH has no template "debian99_64"; list the templates with GET /dedicated/installationTemplate/templateInfos",
  },
]
`);
    const noTemplate = await ovhFailures({ templateName: "debian99_64", diskGroupId: 3, partitionSchemeName: "fancy" });
    expect(noTemplate).toMatchInlineSnapshot(`
[
  {
    "property": "templateName",
    "reason": "OVH has no template "debian99_64"; templates ns3001234.ip-51-68-1.eu can install today: debian12_64, debian13_64, ubuntu2404-server_64, alma9_64, proxmox8_64, win2022core-std_64, byolinux_64, nutanix-ce_64",
  },
  {
    "property": "diskGroupId",
    "reason": "the server has no disk group 3; disk groups: 1 (2 X Disk SSD 480 GB, JBOD), 2 (2 X Disk NVME 1920 GB, JBOD)",
  },
]
`);
    const noScheme = await ovhFailures({ partitionSchemeName: "fancy" });
    expect(noScheme).toMatchInlineSnapshot(`
[
  {
    "property": "partitionSchemeName",
    "reason": "template debian12_64 has no partition scheme "fancy"; schemes: default",
  },
]
`);
    const incompatible = await ovhFailures({ serviceName: ADVANCE1, templateName: "win2022core-std_64" });
    expect(incompatible).toMatchInlineSnapshot(`
[
  {
    "property": "templateName",
    "reason": "template win2022core-std_64 cannot be installed on ns3005678.ip-51-68-2.eu; templates ns3005678.ip-51-68-2.eu can install today: debian12_64, debian13_64, ubuntu2404-server_64, alma9_64, proxmox8_64, byolinux_64",
  },
]
`);
    const ended = await ovhFailures({
      templateName: "debian10_64",
      customHostname: "web-1",
      userMetadata: { hostname: "web-2", language: "fr-fr", sshKey: "ssh-rsa nope" },
    });
    expect(ended).toMatchInlineSnapshot(`
[
  {
    "property": "templateName",
    "reason": "template debian10_64 is no longer installable: OVH ended its installation on 2024-06-30 (endOfInstall); templates ns3001234.ip-51-68-1.eu can install today: debian12_64, debian13_64, ubuntu2404-server_64, alma9_64, proxmox8_64, win2022core-std_64, byolinux_64, nutanix-ce_64",
  },
  {
    "property": "userMetadata.language",
    "reason": "template debian10_64 has no question "language"; its questions: hostname, sshKey, postInstallationScript",
  },
  {
    "property": "userMetadata.sshKey",
    "reason": "the answer to "sshKey" must be an SSH public key in OpenSSH format, e.g. "ssh-ed25519 AAAA… user@host" (the question is of type sshPubKey)",
  },
  {
    "property": "userMetadata.hostname",
    "reason": "userMetadata.hostname disagrees with customHostname; set the hostname in one place",
  },
]
`);
    const unanswered = await ovhFailures({ templateName: "byolinux_64" });
    expect(unanswered).toMatchInlineSnapshot(`
[
  {
    "property": "userMetadata",
    "reason": "template byolinux_64 requires an answer to "imageURL" (url: Your Linux image URL)",
  },
]
`);
    const url = await ovhFailures({ templateName: "byolinux_64", userMetadata: { imageURL: "not a url" } });
    expect(url).toMatchInlineSnapshot(`
[
  {
    "property": "userMetadata.imageURL",
    "reason": "the answer to "imageURL" must be a URL (the question is of type url)",
  },
]
`);
    const nutanix = {
      adminEmail: "root",
      clusterIp: "10.0.0.300",
      clusterUuid: "1234",
      nodeCount: "three",
      enableLacpBonding: "yes",
      maintenanceDate: "2026-13-01",
      maintenanceTime: "25:00",
    };
    const typed = await ovhFailures({ templateName: "nutanix-ce_64", userMetadata: nutanix });
    expect(typed).toMatchInlineSnapshot(`
[
  {
    "property": "userMetadata.adminEmail",
    "reason": "the answer to "adminEmail" must be an email address (the question is of type email)",
  },
  {
    "property": "userMetadata.clusterIp",
    "reason": "the answer to "clusterIp" must be an IPv4 or IPv6 address (the question is of type ip)",
  },
  {
    "property": "userMetadata.clusterUuid",
    "reason": "the answer to "clusterUuid" must be a UUID (the question is of type uuid)",
  },
  {
    "property": "userMetadata.enableLacpBonding",
    "reason": "the answer to "enableLacpBonding" must be a boolean (true or false) (the question is of type boolean)",
  },
  {
    "property": "userMetadata.maintenanceDate",
    "reason": "the answer to "maintenanceDate" must be a date as YYYY-MM-DD (the question is of type date)",
  },
  {
    "property": "userMetadata.maintenanceTime",
    "reason": "the answer to "maintenanceTime" must be a time as HH:MM or HH:MM:SS (the question is of type time)",
  },
  {
    "property": "userMetadata.nodeCount",
    "reason": "the answer to "nodeCount" must be a number (the question is of type number)",
  },
]
`);
    const choice = await ovhFailures({ templateName: "win2022core-std_64", userMetadata: { language: "de-de" } });
    expect(choice).toMatchInlineSnapshot(`
[
  {
    "property": "userMetadata.language",
    "reason": "the answer to "language" must be one of: en-us, fr-fr (the question is of type enum)",
  },
]
`);
  });

  it("DedicatedServerInstall: the live rules on onDelete", async () => {
    const rescue = await ovhFailures({ onDelete: { rescue: "rescue99" } });
    expect(rescue).toMatchInlineSnapshot(`
[
  {
    "property": "onDelete.rescue",
    "reason": "server ns3001234.ip-51-68-1.eu has no rescue boot "rescue99"; rescue boots: rescue64-pro (1122: rescue, Rescue 64 bits); rescue12-customer (230242: rescue, Customer rescue system (Debian-12-based))",
  },
]
`);
    const boot = await ovhFailures({ onDelete: { bootId: 999 } });
    expect(boot).toMatchInlineSnapshot(`
[
  {
    "property": "onDelete.bootId",
    "reason": "server ns3001234.ip-51-68-1.eu has no boot 999; boots: hd (1: harddisk, Boot to disk); rescue64-pro (1122: rescue, Rescue 64 bits); rescue12-customer (230242: rescue, Customer rescue system (Debian-12-based))",
  },
]
`);
  });

  it("DedicatedServerInstall: adopt, and a second resource on the same server", async () => {
    const adopt = await ovhFailures({ templateName: "alma9_64", adopt: true });
    expect(adopt).toMatchInlineSnapshot(`
[
  {
    "property": "templateName",
    "reason": "adopt: ns3001234.ip-51-68-1.eu runs debian11_64, not alma9_64, and adopting never installs; declare templateName: "debian11_64" to adopt what runs, or remove adopt to install alma9_64 (that erases the server)",
  },
]
`);
    const urn = (name: string) => `urn:pulumi:dev::p::pulumi-nodejs:dynamic/ovh:DedicatedServerInstall::${name}`;
    expect(await ovhFailures({ __urn: urn("web-1") })).toEqual([]);
    const second = await ovhFailures({ __urn: urn("web-2") });
    expect(second).toMatchInlineSnapshot(`
[
  {
    "property": "serviceName",
    "reason": "ns3001234.ip-51-68-1.eu is already declared by urn:pulumi:dev::p::pulumi-nodejs:dynamic/ovh:DedicatedServerInstall::web-1: one machine can have only one DedicatedServerInstall, or it would be erased twice",
  },
]
`);
    expect(await ovhFailures({ __urn: urn("web-3") }, { serviceName: SCALE7, templateName: "debian12_64" })).toEqual([]);
    expect(ovhFailures.warnings()).toMatchInlineSnapshot(`
[
  "DedicatedServerInstall ns3001234.ip-51-68-1.eu: this create adopts the running install; nothing is erased",
  "DedicatedServerInstall ns3001234.ip-51-68-1.eu: ns3001234.ip-51-68-1.eu is already declared by urn:pulumi:dev::p::pulumi-nodejs:dynamic/ovh:DedicatedServerInstall::web-1: one machine can have only one DedicatedServerInstall, or it would be erased twice; remove one of them (deleting a DedicatedServerInstall leaves the machine as it is)",
]
`);
  });
});
