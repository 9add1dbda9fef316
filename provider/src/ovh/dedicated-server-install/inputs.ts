import { z } from "zod";
import { Triggers, boundedText, longText, quoted, textLimits } from "../../text-inputs";

/** Keys an object drops ("__proto__") or that read as its machinery; no template question has such a name. */
const reservedKeys = ["__proto__", "constructor", "prototype"];

function keyProblem(key: string): string | undefined {
  if (key === "") return "a key cannot be empty";
  if (key.length > textLimits.name) return `a key is ${key.length} characters long; the limit is ${textLimits.name}`;
  if (reservedKeys.includes(key)) return `${quoted(key)} cannot be a key: ${reservedKeys.join(", ")} are reserved (an object would drop or misread them)`;
  return undefined;
}

const Key = z.string().superRefine((key, ctx) => {
  const problem = keyProblem(key);
  if (problem) ctx.addIssue({ code: "custom", message: problem });
});

/**
 * A map whose keys are checked before z.record sees them: zod, like any object, drops a "__proto__" key
 * without a word, and the answer it held would silently never reach OVH.
 */
function checkedMap<V extends z.ZodType>(field: string, value: V) {
  return z
    .unknown()
    .superRefine((input, ctx) => {
      if (typeof input !== "object" || input === null || Array.isArray(input)) return;
      const keys = Object.keys(input);
      if (keys.length > textLimits.entries)
        ctx.addIssue({ code: "custom", message: `${field} has ${keys.length} entries; the limit is ${textLimits.entries}` });
      for (const key of keys.slice(0, textLimits.entries)) {
        const problem = keyProblem(key);
        if (problem) ctx.addIssue({ code: "custom", path: [key], message: problem });
      }
    })
    .pipe(z.record(z.string(), value));
}

export const Answer = z
  .union([longText("an answer"), z.number(), z.boolean(), checkedMap("a keyValue answer", longText("a value"))])
  .describe("an answer: text, a number, true or false, or a map from names to text");
export type Answer = z.infer<typeof Answer>;

const AnswerList = z
  .array(z.strictObject({ key: Key, value: Answer }))
  .max(textLimits.entries, `userMetadata has more than ${textLimits.entries} answers`)
  .superRefine((list, ctx) => {
    const seen = new Set<string>();
    list.forEach(({ key }, i) => {
      if (seen.has(key)) ctx.addIssue({ code: "custom", path: [i, "key"], message: `${quoted(key)} is answered twice` });
      seen.add(key);
    });
  })
  .transform((list) => Object.fromEntries(list.map(({ key, value }) => [key, value])));

/** Answers to the template's questions: a map, or the `[{key, value}]` list of the OVH install guide. */
export const UserMetadata = z
  .union([checkedMap("userMetadata", Answer), AnswerList])
  .describe("a map from question names to answers, or a list of {key, value} entries");
export type UserMetadata = Record<string, Answer>;

const label = /^[A-Za-z]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?$/;

/** RFC 1035 §2.3.4 length, then §2.3.1 labels (letter first, ≤ 63 characters); OVH's own wording on failure. */
export const Hostname = boundedText("customHostname", textLimits.hostname).superRefine((name, ctx) => {
  const bad = name.split(".").find((l) => !label.test(l));
  if (bad !== undefined) {
    ctx.addIssue({
      code: "custom",
      message: `invalid hostname label ${quoted(bad)}: each label must have 1 to 63 characters, start with a letter, end with a letter or a digit and contain only letters, digits and hyphens (RFC 1035 §2.3.1)`,
    });
  }
});

export const fileSystems = ["btrfs", "ext3", "ext4", "fat16", "none", "ntfs", "reiserfs", "swap", "ufs", "vmfs5", "vmfs6", "vmfsl", "xfs", "zfs"] as const;

const count = z.number().int().positive();

/** One entry of `/reinstall`'s `storage` (docs/api/ovh.md#reinstall-request). */
export const StorageEntry = z.strictObject({
  diskGroupId: z.number().int().nonnegative().optional(),
  hardwareRaid: z
    .array(
      z.strictObject({
        arrays: count.optional(),
        disks: count.optional(),
        raidLevel: z.union([z.literal([0, 1, 5, 6, 10, 50, 60]), z.null()]).optional(),
        spares: z.number().int().nonnegative().optional(),
      }),
    )
    .max(1, "only one hardware RAID configuration is supported (OVH: Server::NotImplemented::HardwareRaidMultipleConfigs)")
    .optional(),
  partitioning: z
    .strictObject({
      disks: count.optional(),
      schemeName: boundedText("schemeName", textLimits.name).optional(),
      layout: z
        .array(
          z.strictObject({
            fileSystem: z.enum(fileSystems),
            mountPoint: boundedText("mountPoint", textLimits.mountPoint),
            raidLevel: z.union([z.literal([0, 1, 5, 6, 7, 10]), z.null()]).optional(),
            size: z.number().int().nonnegative().optional(),
            extras: z
              .strictObject({
                lv: z.strictObject({ name: z.string().regex(/^[A-Za-z0-9]{1,16}$/, "an LVM volume name must be 1 to 16 letters and digits") }).optional(),
                zp: z
                  .strictObject({
                    name: z
                      .string()
                      .regex(/^[A-Za-z][A-Za-z0-9_:.]{0,238}$/, "a ZFS pool name must be a letter, then letters, digits, _ : or . (at most 239 characters)"),
                  })
                  .optional(),
              })
              .optional(),
          }),
        )
        .min(1)
        .max(128, "layout has more than 128 partitions, what a GPT disk holds by default")
        .optional(),
    })
    .optional(),
  // Keeping data disk groups: `false` leaves a further entry's disk group as it is (docs/api/ovh.md#keeping-data-disk-groups).
  erase: z.boolean().optional(),
});
export type StorageEntry = z.infer<typeof StorageEntry>;

/** The fields of a further storage entry: it names a disk group to keep or erase, and installs nothing there. */
const keepOnlyFields = ["diskGroupId", "erase"];
/** Far above the two disk groups of OVH's hardware example; only so that a list cannot be arbitrarily long. */
const maxStorageEntries = 16;

/**
 * `storage`: the first entry installs the OS (and its disk group is always erased); each further entry names another
 * disk group and whether to erase it, nothing else (docs/api/ovh.md#keeping-data-disk-groups).
 */
export const StorageList = z
  .array(StorageEntry)
  .max(maxStorageEntries, `storage has more than ${maxStorageEntries} entries, more disk groups than a server has`)
  .superRefine((entries, ctx) => {
    const fail = (path: (string | number)[], message: string) => ctx.addIssue({ code: "custom", path, message });
    if (entries[0]?.erase === false)
      fail([0, "erase"], "storage[0] is the disk group the OS is installed on, which OVH always erases: erase cannot be false there");
    const seen = new Map<number, number>();
    entries.forEach((entry, i) => {
      if (i === 0) return;
      const extra = Object.keys(entry).filter((k) => !keepOnlyFields.includes(k));
      if (entry.erase === undefined || extra.length > 0) {
        fail(
          [i],
          `OVH installs on one disk group: give at most one storage entry that installs (storage[0]); storage[${i}] may only name a diskGroupId and set erase (Server::NotImplemented::DiskGroupMultipleConfigs)`,
        );
      } else if (!entry.diskGroupId) {
        fail([i, "diskGroupId"], `storage[${i}] keeps or erases another disk group than the OS's: give its diskGroupId (1 or more)`);
      }
      const id = entry.diskGroupId;
      if (!id) return;
      // Naming the OS's own group is a check of validate.ts, which knows the resource's diskGroupId and the default.
      const earlier = seen.get(id);
      if (earlier !== undefined) fail([i, "diskGroupId"], `disk group ${id} is already in storage[${earlier}]; name each disk group once`);
      seen.set(id, i);
    });
  });

export const installApis = ["reinstall", "install/start"] as const;

/**
 * onDelete (issue 12): what deleting the resource does to the server. Absent, delete only forgets. Given, delete
 * sets the server's boot (a boot id, or a rescue boot by its kernel name) and reboots it. Never reinstalls (diff.ts).
 */
export const OnDelete = z
  .strictObject({
    bootId: z.number().int().positive().optional(),
    rescue: boundedText("onDelete.rescue", textLimits.name).optional(),
  })
  .refine((d) => (d.bootId === undefined) !== (d.rescue === undefined), {
    message: "give exactly one of bootId (one of the server's boot ids) or rescue (the kernel name of one of its rescue boots, e.g. rescue12-customer)",
  });
export type OnDelete = z.infer<typeof OnDelete>;

/**
 * DedicatedServerInstall's inputs, strict: a misspelt field fails at preview. Descriptions live once, in
 * schema.json; a test keeps these fields, the SDK's and the schema's in step.
 */
export const DedicatedServerInstallInputs = z.strictObject({
  serviceName: boundedText("serviceName", textLimits.hostname),
  templateName: boundedText("templateName", textLimits.name),
  customHostname: Hostname.optional(),
  diskGroupId: z.number().int().positive().optional(),
  userMetadata: UserMetadata.optional(),
  partitionSchemeName: boundedText("partitionSchemeName", textLimits.name).optional(),
  storage: StorageList.optional(),
  installApi: z.enum(installApis).default("reinstall"),
  triggers: Triggers.optional(),
  timeoutMinutes: z.number().positive().max(1440).default(120),
  // Adoption (issue 12): a create that records the install the server runs instead of installing
  // (adopt-install.ts). No default: state written before it existed must diff as unchanged.
  adopt: z.boolean().optional(),
  // issue 12: what delete does to the server (boot + reboot); absent, delete only forgets.
  onDelete: OnDelete.optional(),
});
export type DedicatedServerInstallInputs = z.infer<typeof DedicatedServerInstallInputs>;

export const inputNames = Object.keys(DedicatedServerInstallInputs.shape) as (keyof DedicatedServerInstallInputs)[];

/** What the install leaves in state besides the inputs. */
export interface InstallRecord {
  /** Absent only for an adopted install whose server lists no finished reinstall task. */
  taskId?: number;
  taskStatus: string;
  taskComment?: string;
  startDate?: string;
  doneDate?: string;
  installedOs?: string;
  elapsedSeconds?: number;
}

export type DedicatedServerInstallOutputs = DedicatedServerInstallInputs & InstallRecord;
