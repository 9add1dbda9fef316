import type * as dynamic from "@pulumi/pulumi/dynamic";
import { failedBeforeSending } from "../../check-failures";
import { checkInputs, parseChecked, providerKey, recordedUrn } from "../../check-inputs";
import { diffInputs, type DiffRules } from "../../diff-inputs";
import { ReinstallError, rethrowAsResourceError } from "../../errors";
import type { Path } from "../../unknowns";
import { Memo } from "../../memo";
import { retryProgress } from "../../retry-progress";
import { sharedRuntime, type ProviderRuntime } from "../../runtime";
import { EdisApi } from "../api";
import { describeCall, EdisClient, edisUrl } from "../client";
import { edisCredentialKey, resolveEdisConfig } from "../config";
import { EdisSessions } from "../sessions";
import { KvmReinstallInputs, kvmInputNames, withImageDefaults, type ReinstallRecord } from "./inputs";
import { pickRecord, previousInputs } from "./recorded-reinstall";
import { kvmLiveFailures } from "./validate";
import { finishReinstall, neverStarted, type FinishContext } from "./finish-reinstall";
import { declaredInputs, resourceProvider } from "../../resource-provider";
import {
  acceptedKey,
  interruptedOtherwise,
  sendReinstall,
  startReinstall,
  underWayWithinMs,
  waitPendingKey,
  type StartContext,
  type Started,
} from "./start-reinstall";

type Props = Record<string, unknown>;

export const kvmReinstallDiffRules: DiffRules = {
  inputs: kvmInputNames,
  replaceOn: ["kvmId"],
  waitOnly: ["waitForReady", "readinessPort", "timeoutMinutes"],
};

const label = (kvmId: unknown) => `KvmReinstall ${String(kvmId)}`;
const iso = (ms: number) => new Date(ms).toISOString();

/**
 * KvmReinstall's CRUD, for @pulumi/pulumi's dynamic provider host. Create and update send one
 * `set/reinstall` and, unless told not to, block until the new system is observed up; delete forgets
 * (the VPS keeps its OS).
 */
export function kvmReinstallProvider(runtime: ProviderRuntime = sharedRuntime()) {
  const shared = resourceProvider(
    {
      type: "KvmReinstall",
      idKey: "kvmId",
      erases: "its disk",
      machine: "VPS",
      resolveConfig: resolveEdisConfig,
      credentialKey: edisCredentialKey,
      open: (config, key) => {
        const client = new EdisClient(key, {
          scheduler: runtime.scheduler,
          clock: runtime.clock,
          requestTimeoutMs: runtime.requestTimeoutMs,
          connectTimeoutMs: runtime.connectTimeoutMs,
          env: runtime.env,
        });
        return { client, sessions: new EdisSessions(client, config, runtime.clock, retryProgress(runtime.progress, "EDIS API")), memo: new Memo() };
      },
    },
    runtime,
  );
  const { journal } = shared;

  /** A reinstall this machine sent after the recorded one with other inputs than these: an interrupted update's. */
  const interruptedUpdate = (olds: Props, news: Props) => {
    const declared = declaredInputs(KvmReinstallInputs, kvmInputNames, news);
    const recordedAt = typeof olds.reinstalledAt === "string" ? Date.parse(olds.reinstalledAt) : -Infinity;
    return declared.success ? interruptedOtherwise(journal(), withImageDefaults(declared.data), recordedAt, runtime.clock.now()) : undefined;
  };

  /** Whether an update with these inputs leaves the VPS alone: the recorded reinstall was seen through, and no input that reinstalls changed. */
  const nothingToSend = (olds: Props, news: Props, reinstalls: boolean) =>
    !reinstalls && pickRecord(olds) !== undefined && olds[waitPendingKey] !== true && !interruptedUpdate(olds, news);

  /** Declared as the engine's `olds` (the inputs Check returned last time) say they were, image defaults applied. */
  const unchanged = (olds: Props, inputs: Partial<KvmReinstallInputs>) =>
    Object.keys(olds).length > 0 && diffInputs(olds, withImageDefaults(inputs as KvmReinstallInputs), kvmReinstallDiffRules).changed.length === 0;

  /** The live rules of a preview; the image list is read once per VPS per process. */
  const live = (inputs: Partial<KvmReinstallInputs>, unknownPaths: Path[] = []) => {
    const { api, memo } = connect(inputs);
    return kvmLiveFailures({ inputs, unknownPaths, images: (kvmId) => memo.once(`images ${kvmId}`, () => api.images(kvmId)) });
  };

  /** `props`: the resource the calls are for, whose progress shows their retries; the shared logins' retries show as the API's. */
  const connect = (props: Props) => {
    const connection = shared.connection();
    const resource = label(props.kvmId);
    return {
      ...connection,
      api: new EdisApi(connection.client, connection.sessions, runtime.clock, retryProgress(runtime.progress, resource, recordedUrn(props)), resource),
    };
  };

  /** What starting and waiting on a reinstall of `news` share. */
  const context = (inputs: KvmReinstallInputs, news: Props, api: EdisApi): FinishContext => ({
    api,
    runtime,
    journal: journal(),
    resource: label(inputs.kvmId),
    urn: recordedUrn(news),
    provider: news[providerKey],
  });

  const finish = (inputs: KvmReinstallInputs, started: Started, news: Props, api: EdisApi) => finishReinstall(context(inputs, news, api), inputs, started);

  /** A reinstall sent this long ago has ended, whatever anyone saw of it: its image's reinstall window is past. */
  const longOver = (sentAt: string, image: string) => runtime.clock.now() - Date.parse(sentAt) > underWayWithinMs(image) * runtime.timeScale;

  /**
   * Starts (or finds under way) a reinstall and waits for it. A reinstall that state records as still settling
   * is seen through first, with the inputs it was sent with; so is one found under way with other inputs; then the
   * declared one is sent. A VPS found down that never came up is reinstalled.
   */
  async function reinstallAndWait(inputs: KvmReinstallInputs, olds: Props, news: Props): Promise<Props> {
    const { api } = connect(news);
    const fail = rethrowAsResourceError(label(inputs.kvmId));
    const validate = async (sent: KvmReinstallInputs, apiHost: string) => {
      const failures = await live(sent);
      if (failures.length > 0) throw failedBeforeSending(failures, label(sent.kvmId), describeCall(edisUrl(apiHost, "set/reinstall")));
    };
    const ctx: StartContext = { ...context(inputs, news, api), validate };
    const recorded = pickRecord(olds);
    if (recorded && olds[waitPendingKey] === true && !longOver(recorded.reinstalledAt, inputs.image)) {
      if (!inputs.waitForReady) throw fail(unseenEnd(inputs, recorded, "state records it as still settling"));
      await finish(previousInputs(olds, inputs), { record: recorded, accepted: olds[acceptedKey] === true }, news, api).catch((e: unknown) => {
        if (!neverStarted(e, recorded, runtime.clock.now(), runtime.timeScale)) throw e;
      });
    }
    const started = await startReinstall(ctx, inputs, recorded ? Date.parse(recorded.reinstalledAt) : -Infinity).catch(fail);
    if (started.thenSend && !inputs.waitForReady && !longOver(started.record.reinstalledAt, inputs.image)) {
      throw fail(unseenEnd(inputs, started.record, "an earlier run, interrupted, sent it with other inputs"));
    }
    const outs = started.thenSend && !inputs.waitForReady ? undefined : await finish(inputs, started, news, api);
    if (outs && !started.thenSend) return outs;
    if (!outs)
      runtime.progress({
        resource: label(inputs.kvmId),
        urn: ctx.urn,
        message: `${inputs.kvmId}: nothing is reinstalling; starting the reinstall`,
        elapsedSeconds: 0,
      });
    const session = await api.session(inputs.kvmId).catch(fail);
    const record = await sendReinstall(ctx, inputs, session.apiHost, started.record.primaryIp).catch(fail);
    return (await finish(inputs, { record, accepted: true }, news, api))!;
  }

  const provider = {
    ...shared.methods,

    async check(olds: Props, news: Props): Promise<dynamic.CheckResult> {
      return checkInputs(
        KvmReinstallInputs,
        news,
        async (inputs, unknownPaths) => {
          // The engine's `olds` are the inputs Check returned last time. Declared again as they were, they were
          // validated then, and a reinstall sent from them is validated again right before it goes (sendReinstall),
          // so a preview of an unchanged stack asks EDIS nothing.
          const claims = shared.claim(olds, news, inputs.kvmId);
          if (unknownPaths.length === 0 && unchanged(olds, inputs)) return claims;
          return [...claims, ...(await live(inputs, unknownPaths).catch(rethrowAsResourceError(label(inputs.kvmId))))];
        },
        withImageDefaults,
      );
    },

    async diff(_id: string, olds: Props, news: Props): Promise<dynamic.DiffResult> {
      const d = diffInputs(olds, news, kvmReinstallDiffRules);
      const interrupted = !d.reinstalls && interruptedUpdate(olds, news);
      if (interrupted) {
        shared.warn(
          news,
          `an interrupted run on this machine sent a reinstall with other inputs than these at ${iso(interrupted.sentAt)}; this update waits for it, then REINSTALLS ${String(news.kvmId)} as declared and erases its disk`,
        );
      } else if (d.reinstalls) {
        shared.warnReinstalls(news, d.changed);
      }
      return { changes: d.changed.length > 0 || interrupted !== undefined, replaces: d.replaces, deleteBeforeReplace: false };
    },

    async create(news: Props): Promise<dynamic.CreateResult> {
      const inputs = parseInputs(news);
      return runtime.stopping.run(async () => ({ id: inputs.kvmId, outs: await reinstallAndWait(inputs, {}, news) }));
    },

    async update(_id: string, olds: Props, news: Props): Promise<dynamic.UpdateResult> {
      const inputs = parseInputs(news);
      const { reinstalls } = diffInputs(olds, news, kvmReinstallDiffRules);
      const record = pickRecord(olds);
      if (nothingToSend(olds, news, reinstalls)) return { outs: { ...olds, ...inputs } };
      return runtime.stopping.run(async () => {
        // Resume a wait that an earlier up left unfinished.
        if (!reinstalls && record && olds[waitPendingKey] === true)
          return { outs: (await finish(inputs, { record, accepted: olds[acceptedKey] === true }, news, connect(news).api))! };
        return { outs: await reinstallAndWait(inputs, olds, news) };
      });
    },

    async read(id: string, props: Props): Promise<dynamic.ReadResult> {
      const kvmId = String(props.kvmId ?? id);
      const { api } = connect({ ...props, kvmId });
      const refreshed = await (async () => {
        const session = await api.session(kvmId);
        const primaryIp = session.primaryIp ?? (await api.primaryIp(kvmId));
        // What EDIS says now: no address when it gives none (state cannot hold an undefined one), not the recorded one.
        return { apiHost: session.apiHost, ...(primaryIp ? { primaryIp } : {}), powerState: await api.power(kvmId) };
      })().catch(rethrowAsResourceError(label(kvmId)));
      const { primaryIp: _recorded, ...kept } = props;
      return { id, props: { ...kept, ...refreshed } };
    },
  };
  return provider satisfies dynamic.ResourceProvider;
}

function unseenEnd(inputs: KvmReinstallInputs, sent: ReinstallRecord, why: string): ReinstallError {
  return new ReinstallError(
    "TASK_ALREADY_RUNNING",
    `a reinstall was sent to ${inputs.kvmId} at ${sent.reinstalledAt} (${why}); with waitForReady: false this run cannot see it end, so it sends none over it`,
    {
      call: describeCall(edisUrl(sent.apiHost, "set/reinstall")),
      next: "set waitForReady: true (this run then waits for it and reinstalls as declared), or run `pulumi up` again once the VPS console shows it finished",
    },
  );
}

function parseInputs(news: Props): KvmReinstallInputs {
  return withImageDefaults(parseChecked(KvmReinstallInputs, news, label(news.kvmId)));
}
