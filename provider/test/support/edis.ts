import * as fs from "node:fs";
import * as net from "node:net";
import * as os from "node:os";
import * as path from "node:path";
import { EDIS_ROUTES, REINSTALL_PHASES, startEdisSimulator, type EdisSimOptions, type EdisSimulator, type ReinstallPhase } from "pulumi-reinstall-simulator";
import { VirtualClock } from "../../src/clock";
import { defaultConnectTimeoutMs } from "../../src/connect-deadline";
import { EdisClient } from "../../src/edis/client";
import { edisCredentialKey, resolveEdisConfig } from "../../src/edis/config";
import { kvmReinstallProvider } from "../../src/edis/kvm-reinstall/provider";
import { EdisSessions } from "../../src/edis/sessions";
import { RequestScheduler } from "../../src/scheduler";
import { dryRun, hosted, type HostedFixture, type Props } from "./host";
import { failureOf } from "./failure-of";

export const EDGE1 = "kvm_123456_789012";
export const WIN1 = "kvm_123456_789014";
/** A password that meets the policy; the simulator's account password holds + & = on purpose, this one too. */
export const ROOT_PASSWORD = "Rt+&=9correct-horse";

/** The simulator's EDIS account, as a user exports it: EDIS_SESSION_URL, EDIS_EMAIL, EDIS_PASSWORD. */
export function edisAccountEnv(sim: EdisSimulator): NodeJS.ProcessEnv {
  return { EDIS_SESSION_URL: sim.sessionUrl, EDIS_EMAIL: sim.credentials.email, EDIS_PASSWORD: sim.credentials.password };
}

export interface EdisFixture extends HostedFixture<EdisSimulator, ReturnType<typeof kvmReinstallProvider>> {
  /** Inputs for the VPS, with readinessPort pointing at the simulator's stand-in for SSH. */
  inputs(kvmId?: string, extra?: Props): Props;
  /** A new provider process on the same machine (same intent journal), as the next `pulumi up` starts. */
  restart(): ReturnType<typeof hosted<ReturnType<typeof kvmReinstallProvider>>>;
  reinstalls(): number;
}

/**
 * The real provider against the real EDIS simulator: HTTPS through got, TCP probes on the simulator's
 * listeners, in virtual time shared by both. A reinstall takes 5 minutes here, as EDIS documents for Linux.
 */
export async function edisFixture(
  options: EdisSimOptions & {
    env?: NodeJS.ProcessEnv | ((sim: EdisSimulator) => NodeJS.ProcessEnv);
    stackConfig?: Record<string, string>;
    /** PULUMI_REINSTALL_TIME_SCALE, added to the environment: a dry run's. */
    timeScale?: number;
  } = {},
): Promise<EdisFixture> {
  if (!process.env.NODE_EXTRA_CA_CERTS) throw new Error("NODE_EXTRA_CA_CERTS is not set: run the tests with `make test`");
  const clock = new VirtualClock();
  const sim = await startEdisSimulator({ reinstallSeconds: 300, ...options, now: () => clock.now() });
  const env = typeof options.env === "function" ? options.env(sim) : (options.env ?? edisAccountEnv(sim));
  // Each fixture is a machine of its own: no intent journal left by another test.
  const journal = fs.mkdtempSync(path.join(os.tmpdir(), "reinstall-journal-"));
  const start = () => hosted(kvmReinstallProvider, clock, { PULUMI_REINSTALL_JOURNAL_DIR: journal, ...env, ...dryRun(options.timeScale) }, options.stackConfig);
  const host = await start();
  return {
    clock,
    sim,
    ...host,
    inputs: (kvmId = EDGE1, extra = {}) => ({
      kvmId,
      image: "cloudinit_debian-bookworm",
      password: ROOT_PASSWORD,
      readinessPort: sim.vps(kvmId).port,
      ...extra,
    }),
    restart: start,
    reinstalls: () => sim.count({ route: EDIS_ROUTES.reinstall }),
    close: () => {
      fs.rmSync(journal, { recursive: true, force: true });
      return sim.close();
    },
  };
}

/** The simulator's own get/auth answer for the VPS, real signature included: for a test to script a variant of it. */
export async function loginAnswer(sim: EdisSimulator, kvmId: string): Promise<{ data: Record<string, Record<string, unknown>> }> {
  const form = new URLSearchParams({ email: sim.credentials.email, pw: sim.credentials.password, kvm_id: kvmId });
  return (await (await fetch(`${sim.sessionUrl}/kvm/v2/get/auth`, { method: "POST", body: form })).json()) as { data: Record<string, Record<string, unknown>> };
}

/**
 * From now on get/auth answers with the simulator's own entry for the VPS, real signature included, but without
 * `primary_ip`: the provider must take the VPS's address from get/details.
 */
export async function withoutPrimaryIpAtLogin(f: Pick<EdisFixture, "sim">, kvmId = EDGE1): Promise<void> {
  const login = await loginAnswer(f.sim, kvmId);
  const { primary_ip: _ip, ...entry } = login.data[kvmId];
  f.sim.inject({ route: EDIS_ROUTES.auth, kind: "status", status: 200, body: { ...login, data: { [kvmId]: entry } }, times: 100 });
}

/** From now on EDIS knows no IPv4 address of the VPS: none at login (withoutPrimaryIpAtLogin), none in get/details. */
export async function withNoKnownIpv4(f: Pick<EdisFixture, "sim">, kvmId = EDGE1): Promise<void> {
  await withoutPrimaryIpAtLogin(f, kvmId);
  f.sim.inject({ route: EDIS_ROUTES.details, kind: "status", status: 200, body: { status: "success", data: { ip: { ipv4: [] } } }, times: 100 });
}

/**
 * `up` of the fixture's VPS by a provider whose journal directory is a file, so that no intent can be journaled:
 * the failure, and the path it should name.
 */
export async function upWithUnwritableJournal(f: EdisFixture) {
  const blocked = path.join(os.tmpdir(), `reinstall-journal-blocked-${process.pid}`);
  fs.writeFileSync(blocked, "a file where the journal directory should be");
  try {
    const host = await hosted(kvmReinstallProvider, f.clock, { ...edisAccountEnv(f.sim), PULUMI_REINSTALL_JOURNAL_DIR: blocked });
    return { error: await failureOf(host.up(f.inputs())), blocked };
  } finally {
    fs.rmSync(blocked);
  }
}

/** When `phase` of the simulator's timeline begins, in ms after set/reinstall, for a reinstall of `reinstallSeconds`. */
export const phaseStartMs = (phase: ReinstallPhase, reinstallSeconds = 300) => REINSTALL_PHASES.find((p) => p.phase === phase)!.from * reinstallSeconds * 1000;

/** A port on the VPS's address where nothing listens: a VPS whose SSH is down. */
export async function closedPort(): Promise<number> {
  const server = net.createServer().listen(0, "127.0.0.1");
  await new Promise((resolve) => server.once("listening", resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/**
 * The client and logins the provider opens for the simulator's account, without a provider around them: for tests of
 * the client's and the sessions' own decisions. `Client`: a subclass, to make one of its calls fail as nothing real does.
 */
export function edisConnection<C extends EdisClient = EdisClient>(
  sim: EdisSimulator,
  clock: VirtualClock,
  options: { perMinute?: number; requestTimeoutMs?: number; Client?: new (...args: ConstructorParameters<typeof EdisClient>) => C } = {},
) {
  const config = resolveEdisConfig(() => undefined, edisAccountEnv(sim));
  const Client = options.Client ?? (EdisClient as new (...args: ConstructorParameters<typeof EdisClient>) => C);
  const client = new Client(edisCredentialKey(config), {
    scheduler: new RequestScheduler(clock, { perMinute: options.perMinute ?? 60 }),
    clock,
    requestTimeoutMs: options.requestTimeoutMs ?? 3_000,
    connectTimeoutMs: defaultConnectTimeoutMs,
    env: {},
  });
  return { client, sessions: new EdisSessions(client, config, clock) };
}
