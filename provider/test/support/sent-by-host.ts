import { Struct } from "google-protobuf/google/protobuf/struct_pb";
import type { Props } from "./host";

/**
 * Properties as @pulumi/pulumi's dynamic provider host sends them to the engine and back (cmd/dynamic-provider puts
 * what create, update and read return in a google.protobuf.Struct). `Struct.fromJavaScript` throws "Unexpected
 * struct type." on a property whose value is undefined: that call fails at the host, after the provider did its work.
 */
export function sentByHost(props: Props): Props {
  return Struct.fromJavaScript(props as Parameters<typeof Struct.fromJavaScript>[0]).toJavaScript();
}
