import { ADVANCE, HGR, raw, SCALE, virtualClock, useOvhSimulator } from "./helpers";

const root = { partitioning: { layout: [{ fileSystem: "ext4", mountPoint: "/", size: 0 }] } };

type Refusal = [title: string, server: string, storage: unknown[], status: number, errorClass: string, message: string];

/** The rules of docs/api/ovh.md#keeping-data-disk-groups; the classes of the last two are inferred there. */
const REFUSALS: Refusal[] = [
  [
    "a further entry that partitions",
    SCALE,
    [root, { diskGroupId: 2, erase: false, ...root }],
    501,
    "Server::NotImplemented::DiskGroupMultipleConfigs",
    "Multiple (2) disk groups customization not implemented",
  ],
  [
    "a further entry with hardware RAID",
    HGR,
    [{ diskGroupId: 2 }, { diskGroupId: 1, erase: false, hardwareRaid: [{ raidLevel: 5 }] }],
    501,
    "Server::NotImplemented::DiskGroupMultipleConfigs",
    "Multiple (2) disk groups customization not implemented",
  ],
  [
    "a further group the server does not have",
    SCALE,
    [{}, { diskGroupId: 3, erase: false }],
    404,
    "Client::NotFound::DiskGroup",
    `Disk group 3 could not be found on server ${SCALE}`,
  ],
  [
    "a further entry without a group (0, automatic: the OS's)",
    SCALE,
    [{}, { erase: false }],
    400,
    "Client::BadRequest::DiskGroupDuplicated",
    "Disk group 1 is declared more than once in storage",
  ],
  [
    "a second group on a server with one",
    ADVANCE,
    [{}, { diskGroupId: 2, erase: false }],
    404,
    "Client::NotFound::DiskGroup",
    `Disk group 2 could not be found on server ${ADVANCE}`,
  ],
  [
    "erase: false on the group the OS goes on",
    SCALE,
    [{ diskGroupId: 1, erase: false }],
    400,
    "Client::BadRequest::DiskGroupEraseMandatory",
    "Disk group 1 must be erased to install operating system debian12_64",
  ],
  [
    "the OS's group named again (automatic is group 1)",
    SCALE,
    [{}, { diskGroupId: 1, erase: false }],
    400,
    "Client::BadRequest::DiskGroupDuplicated",
    "Disk group 1 is declared more than once in storage",
  ],
  [
    "a further group named twice",
    SCALE,
    [{}, { diskGroupId: 2, erase: false }, { diskGroupId: 2, erase: true }],
    400,
    "Client::BadRequest::DiskGroupDuplicated",
    "Disk group 2 is declared more than once in storage",
  ],
];

type Accepted = [title: string, server: string, storage: unknown[] | undefined, disks: { installedOn: number; erased: number[]; kept: number[] }];

const ACCEPTED: Accepted[] = [
  ["no storage: the default group, every group erased", SCALE, undefined, { installedOn: 1, erased: [1, 2], kept: [] }],
  ["one entry on group 2: every group erased", SCALE, [{ diskGroupId: 2 }], { installedOn: 2, erased: [1, 2], kept: [] }],
  ["group 1 installed, group 2 kept", SCALE, [root, { diskGroupId: 2, erase: false }], { installedOn: 1, erased: [1], kept: [2] }],
  [
    "group 2 installed, group 1 kept",
    SCALE,
    [
      { diskGroupId: 2, erase: true },
      { diskGroupId: 1, erase: false },
    ],
    { installedOn: 2, erased: [2], kept: [1] },
  ],
  ["group 2 erased explicitly", SCALE, [{}, { diskGroupId: 2, erase: true }], { installedOn: 1, erased: [1, 2], kept: [] }],
  [
    "hardware RAID on the OS's group, the SSD group kept",
    HGR,
    [
      { diskGroupId: 1, hardwareRaid: [{ raidLevel: 5 }] },
      { diskGroupId: 2, erase: false },
    ],
    { installedOn: 1, erased: [1], kept: [2] },
  ],
];

describe("OVH simulator: /reinstall keeping data disk groups (storage[].erase)", () => {
  const clock = virtualClock();
  const sim = useOvhSimulator(clock);
  const post = (server: string, storage: unknown[] | undefined) =>
    raw(sim(), clock, "POST", `/1.0/dedicated/server/${server}/reinstall`, { body: { operatingSystem: "debian12_64", ...(storage && { storage }) } });

  const refusals = REFUSALS.map(([title, server, storage, status, errorClass, message]) => ({ title, server, storage, status, errorClass, message }));
  it.each(refusals)("refuses $title, starting nothing", async ({ server, storage, status, errorClass, message }) => {
    const res = await post(server, storage);
    expect({ status: res.status, body: res.body }).toEqual({ status, body: { class: errorClass, message } });
    expect(sim().server(server)).toMatchObject({ taskIds: [], disks: null });
  });

  const accepted = ACCEPTED.map(([title, server, storage, disks]) => ({ title, server, storage, disks }));
  it.each(accepted)("records $title", async ({ server, storage, disks }) => {
    const res = await post(server, storage);
    expect(res.status).toBe(200);
    expect(sim().server(server).disks).toEqual(disks);
  });

  it("a kept group stays recorded on the server once the install is done", async () => {
    await post(SCALE, [{}, { diskGroupId: 2, erase: false }]);
    clock.advance(3_600_000);
    expect(sim().server(SCALE)).toMatchObject({ os: "debian12_64", disks: { installedOn: 1, erased: [1], kept: [2] } });
  });
});
