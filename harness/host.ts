import { spawn, type ChildProcess } from "node:child_process";
import * as grpc from "@grpc/grpc-js";
import * as provrpc from "@pulumi/pulumi/proto/provider_grpc_pb";
import * as provproto from "@pulumi/pulumi/proto/provider_pb";
import * as statusproto from "@pulumi/pulumi/proto/status_pb";
import { specialSecretSig, specialSigKey } from "@pulumi/pulumi/runtime/rpc";
import * as structproto from "google-protobuf/google/protobuf/struct_pb";

type Props = Record<string, unknown>;

export interface InitFailure {
  id: string;
  properties: Props;
  reasons: string[];
}

/** A failed RPC: the message the engine would print, and the init-failure detail when the host sent one. */
export class HostError extends Error {
  constructor(
    message: string,
    readonly initFailure?: InitFailure,
  ) {
    super(message);
  }
}

export interface ProviderHost {
  /** Milliseconds from spawning the process to its printing the port. */
  startMs: number;
  /**
   * The stack's config, keys as a user sets them (`ovh:endpoint`); those in `secretKeys` (set with `pulumi config
   * set --secret`) arrive as the engine sends secrets, wrapped in Pulumi's secret signature, for the host to unwrap.
   */
  configure(config: Record<string, string>, secretKeys?: readonly string[]): Promise<void>;
  check(urn: string, olds: Props, news: Props): Promise<{ inputs: Props; failures: { property: string; reason: string }[] }>;
  diff(urn: string, id: string, olds: Props, news: Props): Promise<{ changes: "unknown" | "none" | "some"; replaces: string[] }>;
  create(urn: string, properties: Props): Promise<{ id: string; properties: Props }>;
  update(urn: string, id: string, olds: Props, news: Props): Promise<Props>;
  read(urn: string, id: string, properties: Props): Promise<{ id: string; properties: Props }>;
  delete(urn: string, id: string, properties: Props): Promise<void>;
  stop(): void;
  /** Sends the process a signal (SIGKILL: a crash, a closed laptop; SIGTERM/SIGINT: a cancelled job, Ctrl-C). */
  kill(signal: NodeJS.Signals): void;
  /** Settles when the process has exited, with its exit code (null when a signal ended it). */
  exited: Promise<number | null>;
}

/**
 * A host's environment as the CLI leaves it for a test: no credentials (they come through Configure), the
 * simulator's CA, time scaled down for dry runs, and the intent journal of the machine it stands for.
 */
export function hostEnv(journalDir: string, timeScale = "0.05"): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    NODE_EXTRA_CA_CERTS: process.env.NODE_EXTRA_CA_CERTS,
    PULUMI_REINSTALL_TIME_SCALE: timeScale,
    PULUMI_REINSTALL_JOURNAL_DIR: journalDir,
  };
}

/**
 * Starts @pulumi/pulumi's dynamic provider host from a packed install, as the CLI does (the
 * pulumi-resource-pulumi-nodejs plugin runs `node …/cmd/dynamic-provider <engine address>` in the program's
 * directory and reads the port it prints), and drives it over gRPC with @pulumi/pulumi's own stubs.
 */
export async function startProviderHost(programDir: string, engineAddress: string, env: NodeJS.ProcessEnv): Promise<ProviderHost> {
  const started = Date.now();
  const entry = require.resolve("@pulumi/pulumi/cmd/dynamic-provider", { paths: [programDir] });
  const child: ChildProcess = spawn(process.execPath, [entry, engineAddress], { cwd: programDir, env, stdio: ["ignore", "pipe", "pipe"] });
  let stderr = "";
  child.stderr!.on("data", (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  const port = await new Promise<string>((resolve, reject) => {
    child.stdout!.once("data", (d: Buffer) => resolve(d.toString().trim()));
    child.once("exit", (code) => reject(new Error(`the provider host exited (${code}) before printing its port:\n${stderr}`)));
  });
  const startMs = Date.now() - started;
  const client = new provrpc.ResourceProviderClient(`127.0.0.1:${port}`, grpc.credentials.createInsecure());
  const struct = (props: Props) => structproto.Struct.fromJavaScript(props as never);

  const call = <Req, Res>(method: (req: Req, cb: (err: grpc.ServiceError | null, res: Res) => void) => unknown, req: Req) =>
    new Promise<Res>((resolve, reject) => method.call(client, req, (err, res) => (err ? reject(hostError(err, stderr)) : resolve(res))));

  return {
    startMs,
    async configure(config, secretKeys = []) {
      const req = new provproto.ConfigureRequest();
      const args = Object.fromEntries(
        Object.entries(config).map(([k, v]) => [k, secretKeys.includes(k) ? { [specialSigKey]: specialSecretSig, value: v } : v]),
      );
      req.setArgs(struct(args));
      for (const [k, v] of Object.entries(config)) req.getVariablesMap().set(k, v);
      req.setAcceptsecrets(true);
      req.setAcceptresources(true);
      await call(client.configure, req);
    },
    async check(urn, olds, news) {
      const req = new provproto.CheckRequest();
      req.setUrn(urn);
      req.setOlds(struct(olds));
      req.setNews(struct(news));
      const res = await call<provproto.CheckRequest, provproto.CheckResponse>(client.check, req);
      return {
        inputs: (res.getInputs()?.toJavaScript() ?? {}) as Props,
        failures: res.getFailuresList().map((f) => ({ property: f.getProperty(), reason: f.getReason() })),
      };
    },
    async diff(urn, id, olds, news) {
      const req = new provproto.DiffRequest();
      req.setUrn(urn);
      req.setId(id);
      req.setOlds(struct(olds));
      req.setNews(struct(news));
      const res = await call<provproto.DiffRequest, provproto.DiffResponse>(client.diff, req);
      const changes = {
        [provproto.DiffResponse.DiffChanges.DIFF_UNKNOWN]: "unknown",
        [provproto.DiffResponse.DiffChanges.DIFF_NONE]: "none",
        [provproto.DiffResponse.DiffChanges.DIFF_SOME]: "some",
      } as const;
      return { changes: changes[res.getChanges()], replaces: res.getReplacesList() };
    },
    async create(urn, properties) {
      const req = new provproto.CreateRequest();
      req.setUrn(urn);
      req.setProperties(struct(properties));
      const res = await call<provproto.CreateRequest, provproto.CreateResponse>(client.create, req);
      return { id: res.getId(), properties: (res.getProperties()?.toJavaScript() ?? {}) as Props };
    },
    async update(urn, id, olds, news) {
      const req = new provproto.UpdateRequest();
      req.setUrn(urn);
      req.setId(id);
      req.setOlds(struct(olds));
      req.setNews(struct(news));
      const res = await call<provproto.UpdateRequest, provproto.UpdateResponse>(client.update, req);
      return (res.getProperties()?.toJavaScript() ?? {}) as Props;
    },
    async read(urn, id, properties) {
      const req = new provproto.ReadRequest();
      req.setUrn(urn);
      req.setId(id);
      req.setProperties(struct(properties));
      const res = await call<provproto.ReadRequest, provproto.ReadResponse>(client.read, req);
      return { id: res.getId(), properties: (res.getProperties()?.toJavaScript() ?? {}) as Props };
    },
    async delete(urn, id, properties) {
      const req = new provproto.DeleteRequest();
      req.setUrn(urn);
      req.setId(id);
      req.setProperties(struct(properties));
      await call(client.delete, req);
    },
    stop() {
      client.close();
      child.kill();
    },
    kill(signal) {
      child.kill(signal);
    },
    exited,
  };
}

/** The engine reads an init failure from the `grpc-status-details-bin` trailer (pulumirpc.ErrorResourceInitFailed). */
function hostError(err: grpc.ServiceError, stderr: string): HostError {
  const details = err.metadata?.get("grpc-status-details-bin")[0];
  let initFailure: InitFailure | undefined;
  if (details instanceof Buffer) {
    for (const any of statusproto.Status.deserializeBinary(details).getDetailsList()) {
      if (any.getTypeName() !== "pulumirpc.ErrorResourceInitFailed") continue;
      const failure = provproto.ErrorResourceInitFailed.deserializeBinary(any.getValue_asU8());
      initFailure = { id: failure.getId(), properties: (failure.getProperties()?.toJavaScript() ?? {}) as Props, reasons: failure.getReasonsList() };
    }
  }
  return new HostError(err.details || `${err.message}${stderr ? `\n${stderr}` : ""}`, initFailure);
}
