import { randomBytes } from "node:crypto";
import { ensureCertificates, type Certificates } from "../certs";
import { FaultBook } from "../http/faults";
import { Journal } from "../http/journal";
import { listenHttps } from "../http/listen-https";
import { createSimHandler } from "../http/sim-handler";
import type { Simulator } from "../http/simulator";
import { OvhAuth, SIMULATOR_CREDENTIALS, type OvhCredentials } from "./auth";
import type { ServerSpec } from "./catalogue";
import { ovhDispatcher } from "./dispatch";
import { faultBody } from "./errors";
import { authTimeRoutes, oauth2Routes } from "./routes/auth";
import { bootRoutes } from "./routes/boots";
import { installRoutes, installStartRoutes } from "./routes/install";
import { serverRoutes } from "./routes/servers";
import { taskRoutes } from "./routes/tasks";
import { templateRoutes } from "./routes/templates";
import { ovhRateLimit, type OvhRateLimitOptions } from "./rate-limit";
import { OvhState, type LiveServer } from "./state";
import type { InstallFailure } from "./tasks";

export interface OvhSimOptions extends OvhRateLimitOptions {
  /** Default 0: an ephemeral port. */
  port?: number;
  /** Duration of an install from POST to done; default 8. setInstallSeconds overrides it per server. */
  installSeconds?: number;
  /** Duration of a reboot (POST …/reboot) from POST to done; default `installSeconds`. */
  rebootSeconds?: number;
  /** Serve the legacy POST …/install/start; default false, i.e. behave as today's API (unknown route). */
  installStart?: boolean;
  /**
   * Clock in ms since the epoch; tests pass a virtual one, or a real one set off the machine's. Drives tasks, dates,
   * /auth/time, the X-Ovh-Timestamp check and the journal. Token lifetimes stay on real time.
   */
  now?: () => number;
  /**
   * Refuse signed requests whose X-Ovh-Timestamp is minutes off `now` (QUERY_TIME_OUT). Default: only without an
   * injected clock, since node-ovh signs on Date.now plus the offset it learned once, which a virtual clock that
   * jumps leaves behind; a clock that runs at real speed, however far off, can be checked.
   */
  checkTimestamps?: boolean;
  /** Default: ensureCertificates(). */
  certs?: Certificates;
}

export interface OvhSimulator extends Simulator<OvhCredentials> {
  /** "https://127.0.0.1:PORT" */
  readonly origin: string;
  /** origin + "/1.0": what users put in OVH_ENDPOINT. */
  readonly endpoint: string;
  addServer(spec: ServerSpec): void;
  cloneServer(from: string, newName: string): void;
  /** Live state, for assertions. */
  server(serviceName: string): LiveServer;
  /** Starts a reinstallServer task as if another client had, and returns its id. */
  startInstall(serviceName: string, operatingSystem: string): number;
  /**
   * Another client (the control panel, another machine) starts an install of `operatingSystem` on this server right
   * before the next install POST to it arrives: between a client's look at the tasks and its POST.
   */
  startInstallBeforeNextPost(serviceName: string, operatingSystem: string): void;
  /** Forgets the server's finished tasks, as OVH purges old ones: their ids answer 404 from then on. */
  purgeTasks(serviceName: string): void;
  /** Installs started on this server from now on take this long from POST to done, instead of `installSeconds`. */
  setInstallSeconds(serviceName: string, seconds: number): void;
  /** Makes the next install on this server fail at step `atStep` (1-based). */
  failNextInstall(serviceName: string, failure: InstallFailure): void;
  /** The boot the server is set to (PUT bootId), for assertions. */
  bootId(serviceName: string): number;
  /** Makes the next reboot of this server end in ovhError with this comment. */
  failNextReboot(serviceName: string, comment: string): void;
  /** Back to the catalogue: no tasks, no faults, empty journal and rate-limit window. */
  reset(): void;
}

export async function startOvhSimulator(options: OvhSimOptions = {}): Promise<OvhSimulator> {
  const now = options.now ?? Date.now;
  const installMs = (options.installSeconds ?? 8) * 1000;
  const state = new OvhState(now, installMs, options.rebootSeconds === undefined ? installMs : options.rebootSeconds * 1000);
  const auth = new OvhAuth(SIMULATOR_CREDENTIALS, { wall: Date.now, server: now, checkTimestamps: options.checkTimestamps ?? options.now === undefined });
  const journal = new Journal();
  const faults = new FaultBook();
  const rateLimit = ovhRateLimit(options, now);
  const api = [
    ...authTimeRoutes,
    ...serverRoutes,
    ...taskRoutes,
    ...installRoutes,
    ...bootRoutes,
    ...templateRoutes,
    ...(options.installStart ? installStartRoutes : []),
  ];

  const queryIdPrefix = `EU.ext-3.${randomBytes(4).toString("hex")}.${process.pid}`;
  let queries = 0;
  const handler = createSimHandler({
    now,
    journal,
    faults,
    dispatch: ovhDispatcher(state, auth, { api, root: oauth2Routes }),
    faultReply: (status, body, dispatch) => ({ status, body: body ?? faultBody(status, dispatch.params) }),
    throttle: rateLimit.throttle,
    // Real answers carry a query id that support asks for (docs/api/ovh-transport.md#query-ids).
    headers: () => ({ "X-Ovh-Queryid": `${queryIdPrefix}.${++queries}` }),
  });
  const listener = await listenHttps(options.certs ?? ensureCertificates(), options.port ?? 0, handler);
  const origin = `https://127.0.0.1:${listener.port}`;

  return {
    origin,
    endpoint: `${origin}/1.0`,
    credentials: auth.credentials,
    get journal() {
      return journal.entries;
    },
    count: (filter) => journal.count(filter),
    inject: (fault) => faults.inject(fault),
    clearFaults: () => faults.clear(),
    addServer: (spec) => state.addServer(spec),
    cloneServer: (from, newName) => state.cloneServer(from, newName),
    server: (serviceName) => state.live(serviceName),
    startInstall: (serviceName, operatingSystem) => state.startInstallOfAnotherClient(serviceName, operatingSystem).taskId,
    startInstallBeforeNextPost: (serviceName, operatingSystem) => state.startInstallBeforeNextPost(serviceName, operatingSystem),
    setInstallSeconds: (serviceName, seconds) => state.setInstallSeconds(serviceName, seconds),
    failNextInstall: (serviceName, failure) => state.failNextInstall(serviceName, failure),
    purgeTasks: (serviceName) => state.purgeTasks(serviceName),
    bootId: (serviceName) => state.boots.bootId(serviceName),
    failNextReboot: (serviceName, comment) => state.boots.failNextReboot(serviceName, comment),
    reset: () => {
      state.reset();
      faults.clear();
      journal.clear();
      rateLimit.clear();
    },
    close: () => listener.close(),
  };
}
