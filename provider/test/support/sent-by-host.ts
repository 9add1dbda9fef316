import { Struct } from "google-protobuf/google/protobuf/struct_pb";
import type { Props } from "./host";

/**
 * Properties as @pulumi/pulumi's dynamic provider host sends them to the engine and back (cmd/dynamic-provider puts
 * what create, update and read return in a google.protobuf.Struct). `Struct.fromJavaScript` throws "Unexpected
 * struct type." on a property whose value is undefined: that call fails at the host, after the provider did its work.
 * The error here also names those properties, which the host's does not.
 */
export function sentByHost(props: Props): Props {
  try {
    return Struct.fromJavaScript(props as Parameters<typeof Struct.fromJavaScript>[0]).toJavaScript();
  } catch (e) {
    throw new Error(`the dynamic provider host cannot send ${unsendable(props).join(", ")}: ${(e as Error).message}`);
  }
}

/** The paths of the values google.protobuf.Struct has no kind for (undefined, functions, bigints, symbols). */
function unsendable(value: unknown, at = "properties"): string[] {
  if (value === null || ["string", "number", "boolean"].includes(typeof value)) return [];
  if (typeof value !== "object") return [at];
  return Object.entries(value).flatMap(([key, v]) => unsendable(v, Array.isArray(value) ? `${at}[${key}]` : `${at}.${key}`));
}
