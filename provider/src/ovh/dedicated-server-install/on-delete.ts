import type { CheckFailure } from "../../check-failures";
import { quoted } from "../../text-inputs";
import type { OvhLookups } from "../lookups";
import type { Boot } from "../responses";
import type { OnDelete } from "./inputs";

/** "rescue12-customer (230242: Customer rescue system)": how a message lists a server's boots. */
export function describeBoots(boots: Boot[]): string {
  if (boots.length === 0) return "(none)";
  return boots.map((b) => `${b.kernel} (${b.bootId}: ${b.bootType}${b.description ? `, ${b.description}` : ""})`).join("; ");
}

/**
 * The server boot `onDelete` names: a rescue boot by its kernel, among `GET …/boot?bootType=rescue`, or any of
 * the server's boots by id (docs/api/ovh.md#boots-and-reboot). Otherwise the failure, with the boots allowed.
 */
export async function resolveBoot(onDelete: OnDelete, serviceName: string, lookups: OvhLookups): Promise<{ boot: Boot } | { failure: CheckFailure }> {
  if (onDelete.rescue !== undefined) {
    const rescues = await lookups.boots(serviceName, "rescue");
    const boot = rescues.find((b) => b.kernel === onDelete.rescue);
    if (boot) return { boot };
    return {
      failure: {
        property: "onDelete.rescue",
        reason: `server ${serviceName} has no rescue boot ${quoted(onDelete.rescue)}; rescue boots: ${describeBoots(rescues)}`,
      },
    };
  }
  const boots = await lookups.boots(serviceName);
  const boot = boots.find((b) => b.bootId === onDelete.bootId);
  if (boot) return { boot };
  return { failure: { property: "onDelete.bootId", reason: `server ${serviceName} has no boot ${String(onDelete.bootId)}; boots: ${describeBoots(boots)}` } };
}
