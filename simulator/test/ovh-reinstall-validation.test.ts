import { ADVANCE, ED25519, HGR, raw, SCALE, virtualClock, useOvhSimulator } from "./helpers";

const NUTANIX_OK = {
  adminEmail: "ops@example.com",
  clusterIp: "10.0.0.10",
  clusterUuid: "0b7c1d5e-3f0a-4a8e-9c2d-7e6f5a4b3c21",
  nodeCount: 3,
  enableLacpBonding: true,
  maintenanceDate: "2027-01-31",
  maintenanceTime: "03:30",
};
const layout = (fileSystem: string) => [{ partitioning: { layout: [{ fileSystem, mountPoint: "/", size: 0 }] } }];

type Case = [title: string, server: string, body: Record<string, unknown>, status: number, errorClass?: string, message?: string];

/** The classes and templates of docs/api/ovh.md#reinstall-errors, in its (inferred) order; each case runs on a fresh catalogue. */
const CASES: Case[] = [
  [
    "unknown server",
    "ns0.example.eu",
    { operatingSystem: "debian12_64" },
    404,
    "Client::NotFound",
    "The requested object (serviceName = ns0.example.eu) does not exist",
  ],
  ["missing operatingSystem", SCALE, {}, 400, "Client::BadRequest", "Missing parameter operatingSystem"],
  [
    "unknown operatingSystem",
    SCALE,
    { operatingSystem: "debian42_64" },
    404,
    "Client::NotFound::OperatingSystem",
    "Operating system debian42_64 could not be found",
  ],
  [
    "template not compatible with the server",
    ADVANCE,
    { operatingSystem: "win2022core-std_64" },
    409,
    "Client::Conflict::OperatingSystemIncompatible",
    `Operating system win2022core-std_64 is not compatible for server ${ADVANCE}`,
  ],
  [
    "template past its endOfInstall",
    SCALE,
    { operatingSystem: "debian10_64" },
    409,
    "Client::Conflict::OperatingSystemEndOfInstall",
    "Operating system debian10_64 can no longer be installed since 2024-06-30",
  ],
  [
    "customization the template does not have",
    SCALE,
    { operatingSystem: "debian12_64", customizations: { language: "fr-fr" } },
    400,
    "Client::BadRequest::CustomizationName",
    "Customization language doesn't exist for operating system debian12_64",
  ],
  [
    "sshKey that is not a public key",
    SCALE,
    { operatingSystem: "debian12_64", customizations: { sshKey: "AAAAC3Nza my key" } },
    400,
    "Client::BadRequest::CustomizationInvalidFormat",
  ],
  [
    "enum value outside the list",
    SCALE,
    { operatingSystem: "win2022core-std_64", customizations: { language: "de-de" } },
    400,
    "Client::BadRequest::CustomizationInvalidFormat",
    "Invalid customization format for language of type enum: must be one of en-us, fr-fr",
  ],
  [
    "mandatory input without default left out",
    SCALE,
    { operatingSystem: "byolinux_64" },
    400,
    "Client::BadRequest::CustomizationMandatory",
    "Customization imageURL is mandatory for operating system byolinux_64",
  ],
  [
    "url input that is not a URL",
    SCALE,
    { operatingSystem: "byolinux_64", customizations: { imageURL: "deb11.qcow2" } },
    400,
    "Client::BadRequest::CustomizationInvalidFormat",
  ],
  [
    "hexstring input with other characters",
    SCALE,
    { operatingSystem: "byolinux_64", customizations: { imageURL: "https://x.example/i.qcow2", imageCheckSum: "xyz" } },
    400,
    "Client::BadRequest::CustomizationInvalidFormat",
  ],
  [
    "keyValue input that is not an object",
    SCALE,
    { operatingSystem: "byolinux_64", customizations: { imageURL: "https://x.example/i.qcow2", httpHeaders: "Authorization: x" } },
    400,
    "Client::BadRequest::CustomizationInvalidFormat",
  ],
  ...(
    [
      ["adminEmail", "ops.example.com"],
      ["clusterIp", "10.0.0.300"],
      ["clusterUuid", "not-a-uuid"],
      ["nodeCount", "three"],
      ["enableLacpBonding", "yes"],
      ["maintenanceDate", "2027-02-30"],
      ["maintenanceTime", "25:00"],
    ] as const
  ).map(([name, value]): Case => [
    `${name} in the wrong format`,
    SCALE,
    { operatingSystem: "nutanix-ce_64", customizations: { ...NUTANIX_OK, [name]: value } },
    400,
    "Client::BadRequest::CustomizationInvalidFormat",
  ]),
  [
    "hostname label starting with a digit",
    SCALE,
    { operatingSystem: "debian12_64", customizations: { hostname: "web.1bad" } },
    400,
    "Client::BadRequest::HostnameInvalidFormat",
    "Invalid hostname 1bad; must contain no more than 63 characters, start with a letter, end with a letter or a digit and contain only letters, digits and hyphens, see RFC 1035, section 2.3.1",
  ],
  [
    "hostname over 255 characters",
    SCALE,
    { operatingSystem: "debian12_64", customizations: { hostname: Array(5).fill("a".repeat(60)).join(".") } },
    400,
    "Client::BadRequest::HostnameSizeExceeded",
    "Hostname provided is 304 length. It shall not be longer than 255 characters, see RFC 1035, section 2.3.4",
  ],
  [
    "two storage configurations",
    SCALE,
    { operatingSystem: "debian12_64", storage: [{ diskGroupId: 1 }, { diskGroupId: 2 }] },
    501,
    "Server::NotImplemented::DiskGroupMultipleConfigs",
    "Multiple (2) disk groups customization not implemented",
  ],
  [
    "unknown disk group",
    SCALE,
    { operatingSystem: "debian12_64", storage: [{ diskGroupId: 3 }] },
    404,
    "Client::NotFound::DiskGroup",
    `Disk group 3 could not be found on server ${SCALE}`,
  ],
  [
    "custom layout on a noPartitioning template",
    SCALE,
    { operatingSystem: "byolinux_64", customizations: { imageURL: "https://x.example/i.qcow2" }, storage: layout("ext4") },
    400,
    "Client::BadRequest::PartitionIncompatibleCustomPartitioning",
    "Operating system  byolinux_64 doesn't support custom partitioning layout in disk group 1",
  ],
  [
    "filesystem the template does not offer",
    SCALE,
    { operatingSystem: "debian12_64", storage: layout("ntfs") },
    400,
    "Client::BadRequest::PartitionIncompatibleFs",
  ],
  [
    "unknown partition scheme",
    SCALE,
    { operatingSystem: "debian12_64", storage: [{ partitioning: { schemeName: "custom" } }] },
    404,
    "Client::NotFound::SchemeName",
    "Partition scheme custom not found for operating system debian12_64",
  ],
  [
    "hardware RAID on a disk group without controller",
    SCALE,
    { operatingSystem: "debian12_64", storage: [{ diskGroupId: 2, hardwareRaid: [{ raidLevel: 1 }] }] },
    409,
    "Client::Conflict::HardwareRaidIncompatibleOnDiskGroup",
    `Hardware RAID is not supported by disk group 2 on server ${SCALE}`,
  ],
  // Accepted bodies, including the official examples of docs/api/ovh.md#reinstall-examples.
  ["simple", SCALE, { operatingSystem: "debian12_64" }, 200],
  [
    "ssh key and post-install script",
    SCALE,
    { operatingSystem: "debian12_64", customizations: { hostname: "mon-tux", sshKey: ED25519, postInstallationScript: "IyEvYmluL2Jhc2gK" } },
    200,
  ],
  [
    "Windows with a hostname it has no input for",
    SCALE,
    { operatingSystem: "win2022core-std_64", customizations: { hostname: "ma-fenetre", language: "fr-fr" } },
    200,
  ],
  [
    "BYOLinux",
    SCALE,
    {
      operatingSystem: "byolinux_64",
      customizations: {
        imageURL: "https://example.com/deb11k6.qcow2",
        imageCheckSum: "367f26c9",
        imageCheckSumType: "sha512",
        httpHeaders: { Authorization: "Basic bG9naW46cGFzc3dvcmQ=" },
        efiBootloaderPath: "\\efi\\debian\\grubx64.efi",
      },
      properties: { role: "webservers" },
    },
    200,
  ],
  ["every simulator-only input type", SCALE, { operatingSystem: "nutanix-ce_64", customizations: NUTANIX_OK }, 200],
  [
    "custom partitioning",
    SCALE,
    {
      operatingSystem: "debian12_64",
      storage: [
        {
          partitioning: {
            disks: 2,
            layout: [
              { fileSystem: "ext4", mountPoint: "/boot", raidLevel: 1, size: 1024 },
              { fileSystem: "swap", mountPoint: "swap", size: 2048 },
              { fileSystem: "zfs", mountPoint: "/", raidLevel: 1, size: 0, extras: { zp: { name: "poule" } } },
            ],
          },
        },
      ],
    },
    200,
  ],
  [
    "hardware RAID on the group with a controller",
    HGR,
    { operatingSystem: "debian12_64", storage: [{ diskGroupId: 1, hardwareRaid: [{ raidLevel: 5 }] }] },
    200,
  ],
];

describe("OVH simulator: POST /dedicated/server/{serviceName}/reinstall validation", () => {
  const clock = virtualClock();
  const sim = useOvhSimulator(clock);

  // Object rows: with positional rows, jest hands `done` to the parameters a short row leaves empty.
  const rows = CASES.map(([title, server, body, status, errorClass, message]) => ({ title, server, body, status, errorClass, message }));
  it.each(rows)("$title", async ({ server, body, status, errorClass, message }) => {
    const res = await raw(sim(), clock, "POST", `/1.0/dedicated/server/${server}/reinstall`, { body });
    expect(res.status).toBe(status);
    if (status === 200) {
      expect(res.body).toMatchObject({ function: "reinstallServer", status: "init" });
      expect(sim().server(server).taskIds).toHaveLength(1);
    } else {
      expect(res.body).toEqual({ class: errorClass, message: message ?? expect.stringMatching(/\S/) });
      expect([SCALE, ADVANCE, HGR].flatMap((s) => sim().server(s).taskIds)).toEqual([]);
    }
  });
});
