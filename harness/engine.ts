import * as grpc from "@grpc/grpc-js";
import * as services from "@pulumi/pulumi/proto/engine_grpc_pb";
import * as messages from "@pulumi/pulumi/proto/engine_pb";
import * as emptyproto from "google-protobuf/google/protobuf/empty_pb";

export interface LogEntry {
  severity: "debug" | "info" | "warning" | "error";
  message: string;
  urn: string;
  ephemeral: boolean;
}

export interface RecordingEngine {
  address: string;
  logs: LogEntry[];
  close(): Promise<void>;
}

const severities = {
  [messages.LogSeverity.DEBUG]: "debug",
  [messages.LogSeverity.INFO]: "info",
  [messages.LogSeverity.WARNING]: "warning",
  [messages.LogSeverity.ERROR]: "error",
} as const;

/** The engine's side of the Log RPC, as the CLI serves it to plugins, recording what arrives. */
export async function startRecordingEngine(onLog: (entry: LogEntry) => void = () => undefined): Promise<RecordingEngine> {
  const logs: LogEntry[] = [];
  const server = new grpc.Server();
  server.addService(services.EngineService, {
    log: (call: grpc.ServerUnaryCall<messages.LogRequest, emptyproto.Empty>, callback: grpc.sendUnaryData<emptyproto.Empty>) => {
      const r = call.request;
      const entry: LogEntry = { severity: severities[r.getSeverity()], message: r.getMessage(), urn: r.getUrn(), ephemeral: r.getEphemeral() };
      logs.push(entry);
      onLog(entry);
      callback(null, new emptyproto.Empty());
    },
    getRootResource: (_call: unknown, callback: grpc.sendUnaryData<messages.GetRootResourceResponse>) => callback(null, new messages.GetRootResourceResponse()),
    setRootResource: (_call: unknown, callback: grpc.sendUnaryData<messages.SetRootResourceResponse>) => callback(null, new messages.SetRootResourceResponse()),
    startDebugging: (_call: unknown, callback: grpc.sendUnaryData<emptyproto.Empty>) => callback(null, new emptyproto.Empty()),
  });
  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync("127.0.0.1:0", grpc.ServerCredentials.createInsecure(), (err, p) => (err ? reject(err) : resolve(p))),
  );
  return {
    address: `127.0.0.1:${port}`,
    logs,
    close: () => new Promise((resolve) => server.tryShutdown(() => resolve())),
  };
}
