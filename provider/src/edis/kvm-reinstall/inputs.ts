import { z } from "zod";
import { Triggers, boundedText, longText, quoted, textLimits } from "../../text-inputs";
import { Password } from "./password";

/**
 * KvmReinstall's inputs, strict: a misspelt field fails at preview. Descriptions live in schema.json; a
 * test keeps these fields, the SDK's and the schema's in step.
 */
export const KvmReinstallInputs = z.strictObject({
  kvmId: boundedText("kvmId", textLimits.name).regex(/^kvm_[A-Za-z0-9]+_[A-Za-z0-9]+$/, {
    error: (issue) => `kvmId ${quoted(String(issue.input))} is not an EDIS KVM id; they read like "kvm_123456_789012", as the VPS Management Portal shows them`,
  }),
  image: boundedText("image", textLimits.name),
  password: Password,
  cloudInitUserData: longText("cloudInitUserData").min(1).optional(),
  waitForReady: z.boolean().default(true),
  readinessPort: z.number().int().min(1).max(65_535).optional(),
  timeoutMinutes: z.number().positive().max(1440).optional(),
  triggers: Triggers.optional(),
});
export type KvmReinstallInputs = z.infer<typeof KvmReinstallInputs>;

export const kvmInputNames = Object.keys(KvmReinstallInputs.shape) as (keyof KvmReinstallInputs)[];

export const isWindowsImage = (image: string) => image.startsWith("windows-");

/** Waiting defaults follow the image: SSH and 30 minutes for Linux, RDP and 60 for Windows (docs/api/edis.md#install-duration-and-ports). */
export function withImageDefaults<T extends Partial<KvmReinstallInputs>>(inputs: T): T {
  if (inputs.image === undefined) return inputs;
  const windows = isWindowsImage(inputs.image);
  return { ...inputs, readinessPort: inputs.readinessPort ?? (windows ? 3389 : 22), timeoutMinutes: inputs.timeoutMinutes ?? (windows ? 60 : 30) };
}

/** What the reinstall leaves in state besides the inputs. */
export interface ReinstallRecord {
  apiHost: string;
  primaryIp?: string;
  reinstalledAt: string;
  /** When the wait first saw the old system go down: a resumed wait needs not see it again. */
  downSeenAt?: string;
  readyAt?: string;
  elapsedSeconds?: number;
  powerState?: string;
}
