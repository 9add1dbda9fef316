import * as path from "node:path";
import type { ProgressSink } from "./progress";

/**
 * The Pulumi engine's Log service, for a provider running inside @pulumi/pulumi's dynamic provider host:
 * the host is started with the engine's address as its first argument but does not connect to it, so we do.
 * Progress goes as ephemeral status attached to the resource (what `pulumi up` shows live beside it);
 * warnings as warnings, which the engine shows at preview too.
 */
export interface EngineLog {
  progress: ProgressSink;
  warn: (message: string, urn?: string) => void;
}

/** The engine's address when this process is the dynamic provider host, else undefined. */
export function engineAddress(argv: readonly string[] = process.argv): string | undefined {
  const script = argv[1] ?? "";
  const address = argv[2];
  const isHost = script.split(path.sep).join("/").includes("cmd/dynamic-provider");
  return isHost && address && /^[\w.[\]:-]+:\d+$/.test(address) ? address : undefined;
}

export function engineLog(address: string): EngineLog {
  // @pulumi/pulumi is the host itself, so it is there; load its gRPC pieces from it, in this process only.
  const pulumiDir = path.dirname(require.resolve("@pulumi/pulumi/package.json"));
  const grpc = require(require.resolve("@grpc/grpc-js", { paths: [pulumiDir] })) as typeof import("@grpc/grpc-js");
  const services = require("@pulumi/pulumi/proto/engine_grpc_pb") as typeof import("@pulumi/pulumi/proto/engine_grpc_pb");
  const messages = require("@pulumi/pulumi/proto/engine_pb") as typeof import("@pulumi/pulumi/proto/engine_pb");
  const client = new services.EngineClient(address, grpc.credentials.createInsecure());

  const send = (severity: number, message: string, urn: string | undefined, ephemeral: boolean) => {
    const request = new messages.LogRequest();
    request.setSeverity(severity as never);
    request.setMessage(message);
    request.setUrn(urn ?? "");
    request.setEphemeral(ephemeral);
    // Best effort: a progress line must never fail an install.
    client.log(request, () => undefined);
  };
  return {
    progress: (event) => send(messages.LogSeverity.INFO, event.message, event.urn, true),
    warn: (message, urn) => send(messages.LogSeverity.WARNING, message, urn, false),
  };
}
