import { ensureCertificates, type Certificates } from "../certs";
import { FaultBook } from "../http/faults";
import { Journal } from "../http/journal";
import { listenHttps, type HttpsListener } from "../http/listen-https";
import { createSimHandler } from "../http/sim-handler";
import type { Simulator } from "../http/simulator";
import { EDIS_CREDENTIALS, isWindowsImage, SSH_BANNER, type EdisCredentials } from "./catalogue";
import { edisDispatcher } from "./dispatch";
import { faultBody } from "./errors";
import { journalBody, type EdisRoute, type EdisWorld } from "./route";
import { authRoutes } from "./routes/auth";
import { infoRoutes } from "./routes/info";
import { installRoutes } from "./routes/install";
import { listenServicePort, type PortAnswer, type ServicePort } from "./service-port";
import { SessionBook } from "./sessions";
import { EdisState, type LiveVps } from "./state";

export interface EdisSimOptions {
  /** Default 0: an ephemeral port. The session host serves only get/auth. */
  sessionPort?: number;
  /** Default 0. The API host (one "host node") serves the per-VPS routes. */
  apiPort?: number;
  /** Duration of a Linux reinstall from set/reinstall until the VPS is up for good; default 20. Windows images take 3×. */
  reinstallSeconds?: number;
  /** Lifetime of a signature: valid_until = now + this; default 3600. The real lifetime is undocumented (docs/api/edis.md#session-lifetime). */
  sessionSeconds?: number;
  /** Clock in ms since the epoch; tests pass a virtual one. Drives sessions, reinstall timelines and the journal. */
  now?: () => number;
  /** Default: ensureCertificates(). */
  certs?: Certificates;
}

export interface EdisSimulator extends Simulator<EdisCredentials> {
  /** "https://127.0.0.1:PORT": what users put in EDIS_SESSION_URL. */
  readonly sessionUrl: string;
  /** "127.0.0.1:PORT2", returned by get/auth as `api_host`; clients use it verbatim (docs/api/edis.md#api-host). */
  readonly apiHost: string;
  /** Live state, for assertions. */
  vps(kvmId: string): LiveVps;
  readonly vpsList: readonly { kvmId: string; description: string; port: number; image: string }[];
  /** get/auth then reports `suspended: "y"` and per-VPS calls answer 403. */
  suspend(kvmId: string): void;
  /** Every signature issued so far becomes invalid: the next per-VPS call gets 401. */
  expireSessions(): void;
  /**
   * Every signature issued so far becomes invalid as each of the next `times` (default 1) requests to `route` arrives,
   * before it is checked: a session that expired or was revoked just before that call.
   */
  expireSessionsBefore(route: string, times?: number): void;
  /** Back to the catalogue: no reinstalls or suspensions, no faults, empty journal, sessions forgotten. Ports stay. */
  reset(): void;
  /** Closes both HTTPS listeners and every stand-in SSH/RDP listener. */
  close(): Promise<void>;
}

const SESSION_ROUTES: readonly EdisRoute[] = authRoutes;
const API_ROUTES: readonly EdisRoute[] = [...installRoutes, ...infoRoutes];

export async function startEdisSimulator(options: EdisSimOptions = {}): Promise<EdisSimulator> {
  const now = options.now ?? Date.now;
  const certs = options.certs ?? ensureCertificates();
  const state = new EdisState(now, options.reinstallSeconds ?? 20);
  const sessions = new SessionBook(now, options.sessionSeconds ?? 3600);
  const journal = new Journal();
  const faults = new FaultBook();
  /** Arrivals of a route still to expire every session first (expireSessionsBefore). */
  const expiring = new Map<string, number>();
  // Known once the API listener is bound; get/auth, the only reader, is served by the session host, bound after it.
  let apiHost = "";
  const world: EdisWorld = {
    state,
    sessions,
    credentials: EDIS_CREDENTIALS,
    get apiHost() {
      return apiHost;
    },
  };
  const handler = (routes: readonly EdisRoute[]) => {
    const dispatcher = edisDispatcher(world, routes);
    return createSimHandler({
      now,
      journal,
      faults,
      dispatch: (exchange) => {
        const dispatch = dispatcher(exchange);
        const left = expiring.get(dispatch.route) ?? 0;
        if (left > 0) {
          expiring.set(dispatch.route, left - 1);
          sessions.forget();
        }
        return dispatch;
      },
      faultReply: (status, body, dispatch) => ({ status, body: body ?? faultBody(status, dispatch.route) }),
      journalBody,
    });
  };

  const opened: { close(): Promise<void> }[] = [];
  const ports = new Map<string, ServicePort>();
  let api: HttpsListener;
  let session: HttpsListener;
  try {
    for (const spec of state.specs()) {
      const port = await listenServicePort(() => portAnswer(state, spec.kvmId));
      opened.push(port);
      ports.set(spec.kvmId, port);
    }
    api = await listenHttps(certs, options.apiPort ?? 0, handler(API_ROUTES));
    opened.push(api);
    apiHost = `127.0.0.1:${api.port}`;
    session = await listenHttps(certs, options.sessionPort ?? 0, handler(SESSION_ROUTES));
    opened.push(session);
  } catch (err) {
    await Promise.all(opened.map((l) => l.close()));
    throw err;
  }
  const portOf = (kvmId: string) => {
    const port = ports.get(kvmId);
    if (!port) throw new Error(`simulator: no VPS with kvm_id ${kvmId}`);
    return port.port;
  };

  return {
    sessionUrl: `https://127.0.0.1:${session.port}`,
    apiHost,
    credentials: EDIS_CREDENTIALS,
    get journal() {
      return journal.entries;
    },
    count: (filter) => journal.count(filter),
    inject: (fault) => faults.inject(fault),
    clearFaults: () => faults.clear(),
    vps: (kvmId) => state.live(kvmId, portOf(kvmId)),
    get vpsList() {
      return state.specs().map((s) => ({ kvmId: s.kvmId, description: s.description, port: portOf(s.kvmId), image: state.machine(s.kvmId).os.image }));
    },
    suspend: (kvmId) => state.suspend(kvmId),
    expireSessions: () => sessions.forget(),
    expireSessionsBefore: (route, times = 1) => expiring.set(route, (expiring.get(route) ?? 0) + times),
    reset: () => {
      state.reset();
      sessions.forget();
      expiring.clear();
      faults.clear();
      journal.clear();
    },
    close: async () => {
      await Promise.all(opened.map((l) => l.close()));
    },
  };
}

/** Linux answers with an SSH banner; Windows' RDP waits for the client to speak first, so it sends nothing. */
function portAnswer(state: EdisState, kvmId: string): PortAnswer {
  const machine = state.machine(kvmId);
  if (!machine.portOpen) return { open: false };
  return isWindowsImage(machine.os.image) ? { open: true } : { open: true, banner: SSH_BANNER };
}
