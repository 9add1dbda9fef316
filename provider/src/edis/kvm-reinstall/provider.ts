import type * as dynamic from "@pulumi/pulumi/dynamic";
import { checkInputs, parseChecked, providerKey, urnOf } from "../../check-inputs";
import { diffInputs, type DiffRules } from "../../diff-inputs";
import { ReinstallError, attributed, isReinstallError, mayHaveHappened, rethrowFor } from "../../errors";
import { asInitFailure } from "../../init-failure";
import { Memo } from "../../memo";
import { formatElapsed } from "../../progress";
import { sharedRuntime, type ProviderRuntime } from "../../runtime";
import { settingsFrom, type SettingSource } from "../../settings";
import { EdisApi } from "../api";
import { EdisClient } from "../client";
import { edisCredentialKey, resolveEdisConfig } from "../config";
import { EdisSessions } from "../sessions";
import { KvmReinstallInputs, isWindowsImage, kvmInputNames, withImageDefaults, type ReinstallRecord } from "./inputs";
import { kvmLiveFailures } from "./validate";
import { readinessSchedule, waitForReady } from "./wait";
import { IntentJournal, journalDir, type Intent } from "../../intent-journal";
import { probePort } from "../../probe";
import { interrupted } from "../../stop";

type Props = Record<string, unknown>;

export const kvmReinstallDiffRules: DiffRules = {
  inputs: kvmInputNames,
  replaceOn: ["kvmId"],
  waitOnly: ["waitForReady", "readinessPort", "timeoutMinutes"],
};

const label = (kvmId: unknown) => `KvmReinstall ${String(kvmId)}`;
/**
 * Marks state left by a wait that did not finish (the init-failure form): only such a wait is resumed. Turning
 * waitForReady on after an unwaited reinstall must not wait for a "down" that happened long ago.
 */
const waitPendingKey = "__waitPending";
const iso = (ms: number) => new Date(ms).toISOString();

/**
 * KvmReinstall's CRUD, for @pulumi/pulumi's dynamic provider host. Create and update send one
 * `set/reinstall` and, unless told not to, block until the new system is observed up; delete forgets
 * (the VPS keeps its OS).
 */
export function kvmReinstallProvider(runtime: ProviderRuntime = sharedRuntime()) {
  let settings: SettingSource = () => undefined;
  const connections = new Map<string, { client: EdisClient; sessions: EdisSessions; memo: Memo }>();

  const journal = () => new IntentJournal(journalDir(runtime.env));

  const connect = () => {
    const config = resolveEdisConfig(settings, runtime.env);
    const key = edisCredentialKey(config);
    let connection = connections.get(key);
    if (!connection) {
      const client = new EdisClient(key, { scheduler: runtime.scheduler, clock: runtime.clock, requestTimeoutMs: runtime.requestTimeoutMs });
      connection = { client, sessions: new EdisSessions(client, config, runtime.clock), memo: new Memo() };
      connections.set(key, connection);
    }
    return { ...connection, api: new EdisApi(connection.client, connection.sessions, runtime.clock) };
  };

  const attribute = (kvmId: unknown) => rethrowFor(label(kvmId));

  /**
   * Starts one reinstall, or finds one under way and returns it to be waited on instead: one that an
   * interrupted run on this machine started (the intent journal), or, when readiness is observed, a VPS
   * found down, which may be reinstalling. `set/reinstall` itself is sent once, never repeated.
   */
  async function start(inputs: KvmReinstallInputs, olds: Props, news: Props, api: EdisApi): Promise<Started> {
    const { kvmId } = inputs;
    const urn = urnOf(news);
    if (runtime.stopping.signal.aborted) throw interrupted(runtime.stopping.signal, `about to reinstall ${kvmId}; nothing was sent`);
    const session = await api.session(kvmId);
    const primaryIp = session.primaryIp ?? (await api.primaryIp(kvmId));
    if (inputs.waitForReady && !primaryIp) {
      throw new ReinstallError("EDIS_API_ERROR", `EDIS reports no IPv4 address for ${kvmId}, so readiness cannot be observed`, {
        call: "POST /kvm/v2/get/details",
        next: "set waitForReady: false, then run `pulumi up` again",
      });
    }
    const now = runtime.clock.now();
    const recorded = typeof olds.reinstalledAt === "string" ? Date.parse(olds.reinstalledAt) : -Infinity;
    const intent = journal().read(kvmId, now);
    if (intent && intent.sentAt > recorded) return adoptIntent(inputs, intent, now);

    const guard = inputs.waitForReady && !(await probePort(primaryIp!, inputs.readinessPort!, readinessSchedule.probe));
    if (guard) {
      const within = underWayWithinMs(inputs.image) * runtime.timeScale;
      runtime.progress({
        resource: label(kvmId),
        urn,
        message: `${kvmId}: port ${inputs.readinessPort} does not answer: a reinstall may be under way (an interrupted run's?); watching it for up to ${formatElapsed(within / 1000)} before starting one`,
        elapsedSeconds: 0,
      });
      return {
        record: { apiHost: session.apiHost, primaryIp, reinstalledAt: iso(now), downSeenAt: iso(now) },
        adopted: `${kvmId}: port ${inputs.readinessPort} was closed when this run began and then came up: a reinstall was under way (most likely an interrupted run's), so none was started. To reinstall anyway, change \`triggers\``,
        giveUpUnlessUpBy: now + within,
      };
    }
    return { record: await send(inputs, api, session.apiHost, primaryIp, news) };
  }

  /** The one `set/reinstall`, journaled first so that a run killed from here on is followed by a wait, not another call. */
  async function send(inputs: KvmReinstallInputs, api: EdisApi, apiHost: string, primaryIp: string | undefined, news: Props): Promise<ReinstallRecord> {
    const urn = urnOf(news);
    const sentAt = runtime.clock.now();
    const record: ReinstallRecord = { apiHost, primaryIp, reinstalledAt: iso(sentAt) };
    const horizon = (inputs.waitForReady ? inputs.timeoutMinutes! * 60_000 : 0) + underWayWithinMs(inputs.image) * runtime.timeScale;
    journal().write(inputs.kvmId, { image: inputs.image, sentAt, expiresAt: sentAt + horizon, apiHost, ...(primaryIp ? { primaryIp } : {}) });
    try {
      await api.reinstall(inputs.kvmId, { image: inputs.image, password: inputs.password, cloudinit_user_data: inputs.cloudInitUserData });
    } catch (error) {
      if (!isReinstallError(error)) throw error;
      if (!mayHaveHappened(error)) {
        journal().clear(inputs.kvmId);
        throw new ReinstallError("EDIS_API_ERROR", "EDIS refused the reinstall; nothing was started", { call: error.call, api: error.api, next: "fix the request as EDIS says, then run `pulumi up` again" });
      }
      // Into state, as a wait left pending: the next up watches for this reinstall instead of sending another.
      throw asInitFailure(
        new ReinstallError("AMBIGUOUS_START", `the reinstall request for ${inputs.kvmId} failed without a clear answer: the VPS may or may not be reinstalling`, {
          resource: label(inputs.kvmId),
          call: error.call,
          api: error.api,
          next: "run `pulumi up` again: it watches the VPS for this reinstall and sends none; if the VPS console (VPS Management Portal) shows that nothing happened, change `triggers` to reinstall",
        }),
        inputs.kvmId,
        { ...inputs, ...record, [waitPendingKey]: true, [providerKey]: news[providerKey] },
      );
    }
    runtime.progress({ resource: label(inputs.kvmId), urn, message: `${inputs.kvmId}: reinstall of ${inputs.image} accepted by EDIS`, elapsedSeconds: 0 });
    return record;
  }

  function adoptIntent(inputs: KvmReinstallInputs, intent: Intent, now: number): Started {
    const { kvmId } = inputs;
    if (intent.image !== inputs.image) {
      throw new ReinstallError("TASK_ALREADY_RUNNING", `an earlier run, interrupted, sent a reinstall of ${intent.image} to ${kvmId} at ${iso(intent.sentAt)}; not sending one of ${inputs.image} over it`, {
        resource: label(kvmId),
        call: "POST /kvm/v2/set/reinstall",
        next: `declare image: "${intent.image}" to wait for that reinstall, or run \`pulumi up\` again after ${iso(intent.expiresAt)}, when it has surely ended (that reinstalls ${inputs.image})`,
      });
    }
    // A reinstall sent long enough ago went down while nobody watched: only its coming up is left to see.
    const downSeenAt = intent.downSeenAt ?? (now - intent.sentAt > readinessSchedule.downWithinMs * runtime.timeScale ? intent.sentAt : undefined);
    return {
      record: { apiHost: intent.apiHost, primaryIp: intent.primaryIp, reinstalledAt: iso(intent.sentAt), ...(downSeenAt ? { downSeenAt: iso(downSeenAt) } : {}) },
      adopted: `${kvmId}: an earlier run, interrupted, sent a reinstall of ${intent.image} at ${iso(intent.sentAt)}; waiting for it instead of sending another. To reinstall anyway, change \`triggers\``,
    };
  }

  /**
   * Waits for readiness; on timeout or a stop signal, the init-failure form keeps the record so the next up
   * resumes. Undefined when a VPS found down never came up within `giveUpUnlessUpBy`: nothing was reinstalling.
   */
  async function finish(inputs: KvmReinstallInputs, started: Started, news: Props, api: EdisApi): Promise<Props | undefined> {
    const { record } = started;
    const urn = urnOf(news);
    if (started.adopted) runtime.warn(started.adopted, urn);
    if (!inputs.waitForReady) {
      journal().clear(inputs.kvmId);
      return { ...inputs, ...record };
    }
    const reinstalledAt = Date.parse(record.reinstalledAt);
    let downSeenAt = record.downSeenAt ? Date.parse(record.downSeenAt) : undefined;
    try {
      const ready = await waitForReady({
        api,
        clock: runtime.clock,
        resource: label(inputs.kvmId),
        urn,
        kvmId: inputs.kvmId,
        host: record.primaryIp!,
        port: inputs.readinessPort!,
        reinstalledAt,
        downSeenAt,
        deadline: runtime.clock.now() + inputs.timeoutMinutes! * 60_000,
        progress: runtime.progress,
        timeScale: runtime.timeScale,
        observeDown: (at) => {
          downSeenAt = at;
          const intent = journal().read(inputs.kvmId, at);
          if (intent?.sentAt === reinstalledAt) journal().write(inputs.kvmId, { ...intent, downSeenAt: at });
        },
        giveUpUnlessUpBy: started.giveUpUnlessUpBy,
        signal: runtime.stopping.signal,
      });
      if (!ready) return undefined;
      journal().clear(inputs.kvmId);
      const elapsedSeconds = Math.round((ready.readyAt - reinstalledAt) / 1000);
      runtime.progress({
        resource: label(inputs.kvmId),
        urn,
        message: `${inputs.kvmId}: ${inputs.image} ready after ${formatElapsed(elapsedSeconds)} (${api.calls} API calls)`,
        elapsedSeconds,
      });
      return { ...inputs, ...record, downSeenAt: iso(ready.downSeenAt), readyAt: iso(ready.readyAt), elapsedSeconds };
    } catch (e) {
      const error = attributed(e, label(inputs.kvmId));
      // Stopped while watching a VPS found down: this run sent nothing, so state has nothing to keep.
      if (started.giveUpUnlessUpBy !== undefined && isReinstallError(error, "INTERRUPTED")) throw error;
      throw asInitFailure(error, inputs.kvmId, {
        ...inputs,
        ...record,
        ...(downSeenAt ? { downSeenAt: iso(downSeenAt) } : {}),
        [waitPendingKey]: true,
        [providerKey]: news[providerKey],
      });
    }
  }

  /** Start (or find under way) a reinstall and wait for it; a VPS found down that never came up is reinstalled. */
  async function reinstallAndWait(inputs: KvmReinstallInputs, olds: Props, news: Props): Promise<Props> {
    const { api } = connect();
    const urn = urnOf(news);
    const started = await start(inputs, olds, news, api).catch(attribute(inputs.kvmId));
    const outs = await finish(inputs, started, news, api);
    if (outs) return outs;
    const session = await api.session(inputs.kvmId).catch(attribute(inputs.kvmId));
    runtime.progress({ resource: label(inputs.kvmId), urn, message: `${inputs.kvmId}: port ${inputs.readinessPort} never answered: nothing was reinstalling; starting the reinstall`, elapsedSeconds: 0 });
    const record = await send(inputs, api, session.apiHost, started.record.primaryIp, news).catch(attribute(inputs.kvmId));
    return (await finish(inputs, { record }, news, api))!;
  }

  const provider = {
    async configure(req: dynamic.ConfigureRequest) {
      settings = settingsFrom(req);
    },

    async check(_olds: Props, news: Props): Promise<dynamic.CheckResult> {
      return checkInputs(
        KvmReinstallInputs,
        news,
        (inputs, unknownPaths) => {
          const { api, memo } = connect();
          const images = (kvmId: string) => memo.once(`images ${kvmId}`, () => api.images(kvmId));
          return kvmLiveFailures({ inputs, unknownPaths, images }).catch(attribute(inputs.kvmId));
        },
        withImageDefaults,
      );
    },

    async diff(_id: string, olds: Props, news: Props): Promise<dynamic.DiffResult> {
      const d = diffInputs(olds, news, kvmReinstallDiffRules);
      if (d.reinstalls) {
        runtime.warn(`${label(news.kvmId)}: this update REINSTALLS ${String(news.kvmId)} and erases its disk (changed: ${d.changed.join(", ")})`, urnOf(news));
      }
      return { changes: d.changed.length > 0, replaces: d.replaces, deleteBeforeReplace: false };
    },

    async create(news: Props): Promise<dynamic.CreateResult> {
      const inputs = parseInputs(news);
      return runtime.stopping.run(async () => ({ id: inputs.kvmId, outs: await reinstallAndWait(inputs, {}, news) }));
    },

    async update(_id: string, olds: Props, news: Props): Promise<dynamic.UpdateResult> {
      const inputs = parseInputs(news);
      const { reinstalls } = diffInputs(olds, news, kvmReinstallDiffRules);
      const record = pickRecord(olds);
      if (!reinstalls && record && olds[waitPendingKey] !== true) return { outs: { ...olds, ...inputs } };
      return runtime.stopping.run(async () => {
        // Resume a wait that an earlier up left unfinished.
        if (!reinstalls && record) return { outs: (await finish(inputs, { record }, news, connect().api))! };
        return { outs: await reinstallAndWait(inputs, olds, news) };
      });
    },

    async read(id: string, props: Props): Promise<dynamic.ReadResult> {
      const kvmId = String(props.kvmId ?? id);
      const { api } = connect();
      const refreshed = await (async () => {
        const session = await api.session(kvmId);
        return {
          apiHost: session.apiHost,
          primaryIp: session.primaryIp ?? (await api.primaryIp(kvmId)),
          powerState: await api.power(kvmId),
        };
      })().catch(attribute(kvmId));
      return { id, props: { ...props, ...refreshed } };
    },

    async delete(_id: string, props: Props): Promise<void> {
      runtime.progress({ resource: label(props.kvmId), urn: urnOf(props), message: `${String(props.kvmId)}: forgotten; the VPS keeps its operating system`, elapsedSeconds: 0 });
    },
  };
  return provider satisfies dynamic.ResourceProvider;
}

function underWayWithinMs(image: string): number {
  return readinessSchedule.underWayWithinMs[isWindowsImage(image) ? "windows" : "linux"];
}

/** A reinstall to wait for: one just sent, or one found under way (`adopted` says how, for a warning). */
interface Started {
  record: ReinstallRecord;
  adopted?: string;
  giveUpUnlessUpBy?: number;
}

function parseInputs(news: Props): KvmReinstallInputs {
  return withImageDefaults(parseChecked(KvmReinstallInputs, news, label(news.kvmId)));
}

function pickRecord(olds: Props): ReinstallRecord | undefined {
  if (typeof olds.reinstalledAt !== "string" || typeof olds.apiHost !== "string") return undefined;
  const optional = (k: string) => (typeof olds[k] === "string" ? { [k]: olds[k] } : {});
  return {
    apiHost: olds.apiHost,
    reinstalledAt: olds.reinstalledAt,
    ...optional("primaryIp"),
    ...optional("downSeenAt"),
    ...optional("readyAt"),
    ...(typeof olds.elapsedSeconds === "number" ? { elapsedSeconds: olds.elapsedSeconds } : {}),
  };
}
