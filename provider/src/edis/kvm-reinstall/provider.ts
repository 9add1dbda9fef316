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
import { KvmReinstallInputs, kvmInputNames, withImageDefaults, type ReinstallRecord } from "./inputs";
import { kvmLiveFailures } from "./validate";
import { waitForReady } from "./wait";

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

  /** One `set/reinstall`. Never repeated: EDIS gives nothing to tell a lost answer from a refusal. */
  async function reinstall(inputs: KvmReinstallInputs, api: EdisApi, urn: string | undefined): Promise<ReinstallRecord> {
    const session = await api.session(inputs.kvmId);
    const primaryIp = session.primaryIp ?? (await api.primaryIp(inputs.kvmId));
    if (inputs.waitForReady && !primaryIp) {
      throw new ReinstallError("EDIS_API_ERROR", `EDIS reports no IPv4 address for ${inputs.kvmId}, so readiness cannot be observed`, {
        call: "POST /kvm/v2/get/details",
        next: "set waitForReady: false, then run `pulumi up` again",
      });
    }
    const reinstalledAt = runtime.clock.now();
    try {
      await api.reinstall(inputs.kvmId, { image: inputs.image, password: inputs.password, cloudinit_user_data: inputs.cloudInitUserData });
    } catch (error) {
      if (!isReinstallError(error)) throw error;
      const ambiguous = mayHaveHappened(error);
      throw new ReinstallError(
        ambiguous ? "AMBIGUOUS_START" : "EDIS_API_ERROR",
        ambiguous
          ? `the reinstall request for ${inputs.kvmId} failed without a clear answer: the VPS may or may not be reinstalling`
          : "EDIS refused the reinstall; nothing was started",
        {
          call: error.call,
          api: error.api,
          next: ambiguous
            ? "check the VPS console (screenshot in the VPS Management Portal) BEFORE running `pulumi up` again: a second run reinstalls again"
            : "fix the request as EDIS says, then run `pulumi up` again",
          cause: error,
        },
      );
    }
    runtime.progress({ resource: label(inputs.kvmId), urn, message: `${inputs.kvmId}: reinstall of ${inputs.image} accepted by EDIS`, elapsedSeconds: 0 });
    return { apiHost: session.apiHost, primaryIp, reinstalledAt: iso(reinstalledAt) };
  }

  /** Waits for readiness; on timeout, the init-failure form keeps the record so the next up resumes. */
  async function finish(inputs: KvmReinstallInputs, record: ReinstallRecord, news: Props, api: EdisApi): Promise<Props> {
    const urn = urnOf(news);
    if (!inputs.waitForReady) return { ...inputs, ...record };
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
        observeDown: (at) => (downSeenAt = at),
      });
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
      throw asInitFailure(error, inputs.kvmId, {
        ...inputs,
        ...record,
        ...(downSeenAt ? { downSeenAt: iso(downSeenAt) } : {}),
        [waitPendingKey]: true,
        [providerKey]: news[providerKey],
      });
    }
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
      const { api } = connect();
      const record = await reinstall(inputs, api, urnOf(news)).catch(attribute(inputs.kvmId));
      return { id: inputs.kvmId, outs: await finish(inputs, record, news, api) };
    },

    async update(_id: string, olds: Props, news: Props): Promise<dynamic.UpdateResult> {
      const inputs = parseInputs(news);
      const { api } = connect();
      const { reinstalls } = diffInputs(olds, news, kvmReinstallDiffRules);
      const record = pickRecord(olds);
      if (!reinstalls && record) {
        // Resume a wait that an earlier up left unfinished; otherwise just take the new wait settings.
        return { outs: olds[waitPendingKey] === true ? await finish(inputs, record, news, api) : { ...olds, ...inputs } };
      }
      const fresh = await reinstall(inputs, api, urnOf(news)).catch(attribute(inputs.kvmId));
      return { outs: await finish(inputs, fresh, news, api) };
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
