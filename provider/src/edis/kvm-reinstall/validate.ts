import type { CheckFailure } from "../../check-failures";
import { ReinstallError, isReinstallError } from "../../errors";
import { quoted } from "../../text-inputs";
import { touchesUnknown, type Path } from "../../unknowns";
import { cloudInitProblem } from "./cloud-init";
import type { KvmReinstallInputs } from "./inputs";

export interface KvmLiveCheck {
  inputs: Partial<KvmReinstallInputs>;
  unknownPaths: Path[];
  /** The VPS's current image list (cached per provider process). */
  images: (kvmId: string) => Promise<string[]>;
}

/** Validates what zod cannot: the image against the live list, and the cloud-init data against the image. */
export async function kvmLiveFailures({ inputs, unknownPaths, images }: KvmLiveCheck): Promise<CheckFailure[]> {
  const known = (...path: Path) => !touchesUnknown(path, unknownPaths);
  const failures: CheckFailure[] = [];
  const { kvmId, image, cloudInitUserData } = inputs;

  if (kvmId && image && known("kvmId") && known("image")) {
    const offered = await images(kvmId).catch((e: unknown) => {
      // An unknown kvm id is an input problem, reported as one (the sessions list the account's VPSes).
      if (isReinstallError(e, "INVALID_INPUT")) return e;
      throw e;
    });
    if (offered instanceof ReinstallError) {
      failures.push({ property: "kvmId", reason: offered.message.split("\n")[0] });
    } else if (!offered.includes(image)) {
      failures.push({
        property: "image",
        reason: `EDIS offers no image ${quoted(image)} for ${kvmId}; closest: ${closest(image, offered).join(", ")} (all ${offered.length}: ${offered.join(", ")})`,
      });
    }
  }
  if (cloudInitUserData !== undefined && known("cloudInitUserData")) {
    if (image && known("image") && !image.startsWith("cloudinit_")) {
      failures.push({ property: "cloudInitUserData", reason: `image ${image} does not run cloud-init; use a cloudinit_* image or drop cloudInitUserData` });
    }
    const problem = cloudInitProblem(cloudInitUserData);
    if (problem) failures.push({ property: "cloudInitUserData", reason: problem });
  }
  return failures;
}

/** Only this much of each name is compared: a typo shows in the first characters, and the work stays small. */
const comparedLength = 64;

/** The three names nearest to `name` by edit distance: image names churn (docs/api/edis.md#images). */
export function closest(name: string, names: string[]): string[] {
  const typed = name.slice(0, comparedLength);
  return names
    .map((candidate) => ({ candidate, d: distance(typed, candidate.slice(0, comparedLength)) }))
    .sort((a, b) => a.d - b.d || a.candidate.localeCompare(b.candidate))
    .slice(0, 3)
    .map((c) => c.candidate);
}

function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return row[b.length];
}
