import type * as dynamic from "@pulumi/pulumi/dynamic";
import { failedBeforeSending } from "../../check-failures";
import { checkInputs, parseChecked, providerKey, recordedUrn } from "../../check-inputs";
import { asResourceError, isReinstallError, rethrowAsResourceError } from "../../errors";
import { asInitFailure } from "../../init-failure";
import { sharedRuntime, type ProviderRuntime } from "../../runtime";
import { OvhApi, serverPath } from "../api";
import { OvhClient } from "../client";
import { credentialKey, resolveOvhConfig } from "../config";
import { OvhLookups } from "../lookups";
import { retryProgress } from "../../retry-progress";
import { isFinal } from "../responses";
import { adoptInstall, adoptNotice } from "./adopt-install";
import { diffInstall } from "./diff";
import { DedicatedServerInstallInputs, inputNames, type DedicatedServerInstallOutputs } from "./inputs";
import { finishInstall, type ResumedStart } from "./finish-install";
import { historyOf, installDone, interruptedOtherwise, startInstall, unconfirmedOf, type Start, type StartHistory } from "./start-install";
import { declaredInputs, resourceProvider } from "../../resource-provider";
import { interrupted } from "../../stop";
import type { Path } from "../../unknowns";
import { liveFailures } from "./validate";
import { afterPurge, pickRecord, purged } from "./purged-task";
import { readInstall } from "./read-install";
import { rebootOnDelete } from "./reboot-on-delete";

type Props = Record<string, unknown>;

/**
 * DedicatedServerInstall's CRUD, for @pulumi/pulumi's dynamic provider host. Create and update start an
 * install and block until OVH's task is done; delete forgets (the server keeps its OS), or with `onDelete` boots and reboots it.
 */
export function dedicatedServerInstallProvider(runtime: ProviderRuntime = sharedRuntime()) {
  const shared = resourceProvider(
    {
      type: "DedicatedServerInstall",
      idKey: "serviceName",
      erases: "its disks",
      machine: "server",
      resolveConfig: (settings, env) => resolveOvhConfig(settings, env),
      credentialKey,
      open: (config) => {
        const client = new OvhClient(config, {
          scheduler: runtime.scheduler,
          requestTimeoutMs: runtime.requestTimeoutMs,
          connectTimeoutMs: runtime.connectTimeoutMs,
          env: runtime.env,
        });
        return { client, lookups: new OvhLookups(new OvhApi(client, runtime.clock, retryProgress(runtime.progress, "OVH API"))) };
      },
    },
    runtime,
  );
  const { journal } = shared;

  /** An install this machine posted after the recorded one with other inputs than these: an interrupted update's. */
  const interruptedUpdate = (olds: Props, news: Props) => {
    const declared = declaredInputs(DedicatedServerInstallInputs, inputNames, news);
    return declared.success
      ? interruptedOtherwise(journal(), declared.data, typeof olds.taskId === "number" ? olds.taskId : 0, runtime.clock.now())
      : undefined;
  };

  /** Whether an update with these inputs leaves the server alone: the recorded install finished, and no input that reinstalls changed. */
  const nothingToInstall = (olds: Props, news: Props, reinstalls: boolean) => !reinstalls && olds.taskStatus === "done" && !interruptedUpdate(olds, news);

  /** Declared as the engine's `olds` (the inputs Check returned last time) say they were. A create's olds are empty: serviceName changed. */
  const unchanged = (olds: Props, inputs: Partial<DedicatedServerInstallInputs>) => diffInstall(olds, inputs).changed.length === 0;

  /** A create (new resource, or replacement on another server) with `adopt`, which records what runs: said at preview. */
  function adopting(olds: Props, news: Props, inputs: Partial<DedicatedServerInstallInputs>): boolean {
    const creates = inputs.adopt === true && (Object.keys(olds).length === 0 || olds.serviceName !== inputs.serviceName);
    if (creates) shared.warn(news, adoptNotice);
    return creates;
  }

  /** The live rules of a preview, on fully known inputs: what create and update run again before they post. */
  const live = (inputs: Partial<DedicatedServerInstallInputs>, unknownPaths: Path[] = [], adopting = false) =>
    liveFailures({ inputs, unknownPaths, lookups: shared.connection().lookups, today: new Date(runtime.clock.now()).toISOString().slice(0, 10), adopting });

  /** `news`: the resource the calls are for, whose progress shows their retries; the shared look-ups' retries show as the API's. */
  const connect = (news: Props) => {
    const connection = shared.connection();
    const resource = label(news.serviceName);
    const retries = retryProgress(runtime.progress, resource, recordedUrn(news));
    return { ...connection, api: new OvhApi(connection.client, runtime.clock, retries, resource) };
  };

  const finish = (inputs: DedicatedServerInstallInputs, start: Start | ResumedStart, news: Props, api: OvhApi) =>
    finishInstall({ api, runtime, journal: journal(), resource: label(inputs.serviceName) }, inputs, start, news);

  /** Installs (or adopts an install) and waits; one found under way with other inputs is seen through, then installed over. */
  async function installAndWait(
    inputs: DedicatedServerInstallInputs,
    news: Props,
    api: OvhApi,
    lookups: OvhLookups,
    history: StartHistory,
  ): Promise<DedicatedServerInstallOutputs> {
    const started = await start(inputs, news, api, lookups, history);
    const outs = await finish(inputs, started, news, api);
    return started.adopted && started.thenInstall ? installAndWait(inputs, news, api, lookups, { afterTaskId: started.task.taskId }) : outs;
  }

  /** An adopting create: records the install the server runs, or waits for the one under way; never posts. */
  async function adopt(inputs: DedicatedServerInstallInputs, news: Props, api: OvhApi): Promise<DedicatedServerInstallOutputs> {
    const found = await adoptInstall(api, runtime.clock, inputs).catch(rethrowAsResourceError(label(inputs.serviceName)));
    if ("start" in found) return finish(inputs, found.start, news, api);
    // No install runs: one this machine posted earlier has ended. Its entry, left, would read as an interrupted update's and install.
    installDone(journal(), inputs.serviceName);
    runtime.progress({ resource: label(inputs.serviceName), urn: recordedUrn(news), message: found.message, elapsedSeconds: 0 });
    return { ...inputs, ...found.record };
  }

  /** Starts (or adopts) an install; a start whose outcome is unknown goes to state so the next up resolves it. */
  async function start(inputs: DedicatedServerInstallInputs, news: Props, api: OvhApi, lookups: OvhLookups, history: StartHistory): Promise<Start> {
    const fail = rethrowAsResourceError(label(inputs.serviceName));
    if (runtime.stopping.signal.aborted) fail(interrupted(runtime.stopping.signal, `about to install ${inputs.serviceName}; nothing was sent`));
    const template = await lookups.template(inputs.templateName).catch(fail);
    const validate = async () => {
      const failures = await live(inputs);
      if (failures.length > 0) throw failedBeforeSending(failures, label(inputs.serviceName), `POST ${serverPath(inputs.serviceName)}/reinstall`);
    };
    const ctx = { api, clock: runtime.clock, timeScale: runtime.timeScale, signal: runtime.stopping.signal, journal: journal(), validate };
    return startInstall(ctx, inputs, template, history).catch((e: unknown) => {
      const error = asResourceError(e, label(inputs.serviceName));
      if (!isReinstallError(error) || !error.record) throw error;
      throw asInitFailure(error, inputs.serviceName, { ...inputs, ...error.record, [providerKey]: news[providerKey] });
    });
  }

  const provider = {
    ...shared.methods,

    async check(olds: Props, news: Props): Promise<dynamic.CheckResult> {
      return checkInputs(DedicatedServerInstallInputs, news, async (inputs, unknownPaths) => [
        ...shared.claim(olds, news, inputs.serviceName),
        // The engine's `olds` are the inputs Check returned last time. Declared again as they were, they were
        // validated then, and whatever installs from them is validated again before it posts (`start`), so a
        // preview of an unchanged stack asks the API nothing. A create never has unchanged inputs.
        ...(unknownPaths.length === 0 && unchanged(olds, inputs)
          ? []
          : await live(inputs, unknownPaths, adopting(olds, news, inputs)).catch(rethrowAsResourceError(label(inputs.serviceName)))),
      ]);
    },

    async diff(_id: string, olds: Props, news: Props): Promise<dynamic.DiffResult> {
      const d = diffInstall(olds, news);
      const failed = isFinal(olds.taskStatus) && olds.taskStatus !== "done";
      const interrupted = !d.reinstalls && interruptedUpdate(olds, news);
      if (interrupted) {
        shared.warn(
          news,
          `an interrupted run on this machine posted an install with other inputs than these at ${new Date(interrupted.sentAt).toISOString()}; this update waits for it, then INSTALLS as declared and erases the disks of ${String(news.serviceName)}`,
        );
      } else if (unconfirmedOf(olds) && !d.reinstalls) {
        shared.warn(
          news,
          `the last install request got no clear answer; this update looks for the task it may have created and, only if none appeared, INSTALLS and erases the disks of ${String(news.serviceName)}`,
        );
      } else if (d.reinstalls) {
        shared.warnReinstalls(news, d.changed);
      } else if (failed) {
        // The engine retries a resource whose install failed (its init error) even without a changed input.
        shared.warn(
          news,
          `the last install (task ${String(olds.taskId)}) ended with ${String(olds.taskStatus)}; this update INSTALLS AGAIN and erases the disks of ${String(news.serviceName)}`,
        );
      }
      return { changes: d.changed.length > 0 || interrupted !== undefined, replaces: d.replaces, deleteBeforeReplace: false };
    },

    async create(news: Props): Promise<dynamic.CreateResult> {
      const inputs = parseInputs(news);
      const { api, lookups } = connect(news);
      return runtime.stopping.run(async () => ({
        id: inputs.serviceName,
        outs: inputs.adopt ? await adopt(inputs, news, api) : await installAndWait(inputs, news, api, lookups, {}),
      }));
    },

    async update(_id: string, olds: Props, news: Props): Promise<dynamic.UpdateResult> {
      const inputs = parseInputs(news);
      const { api, lookups } = connect(news);
      const { reinstalls } = diffInstall(olds, news);
      const status = olds.taskStatus;
      const oldTaskId = typeof olds.taskId === "number" ? olds.taskId : undefined;

      if (nothingToInstall(olds, news, reinstalls)) {
        return { outs: { ...pickRecord(olds), ...inputs } };
      }
      return runtime.stopping.run(async () => {
        if (!reinstalls && oldTaskId !== undefined && !isFinal(status)) {
          // The last up timed out or was interrupted while OVH was still installing: wait on that task again.
          return {
            outs: await finish(inputs, { task: { taskId: oldTaskId }, resumed: true }, news, api).catch(async (e: unknown) => {
              if (!(await purged(api, inputs.serviceName, oldTaskId, e))) throw e;
              return afterPurge(inputs, olds, await api.server(inputs.serviceName), label(inputs.serviceName));
            }),
          };
        }
        if (oldTaskId !== undefined && !isFinal(status)) {
          // A change while the recorded install still runs: see it through first, as what it was asked to be.
          await finish(previousInputs(olds, inputs), { task: { taskId: oldTaskId }, resumed: true, thenInstall: true }, news, api).catch(async (e: unknown) => {
            if (!(await purged(api, inputs.serviceName, oldTaskId, e))) throw e;
          });
        }
        // The inputs changed, the last install failed, or its start is unconfirmed: install, unless a newer
        // task (an interrupted update's, a lost answer's) is found first.
        return { outs: await installAndWait(inputs, news, api, lookups, historyOf(olds, oldTaskId)) };
      });
    },

    async delete(id: string, props: Props): Promise<void> {
      if (props.onDelete === undefined) return shared.methods.delete(id, props);
      const resource = label(props.serviceName);
      await runtime.stopping
        .run(() => rebootOnDelete({ ...connect(props), journal: journal(), runtime, resource, urn: recordedUrn(props) }, props))
        .catch(rethrowAsResourceError(resource));
    },

    async read(id: string, props: Props): Promise<dynamic.ReadResult> {
      const serviceName = String(props.serviceName ?? id);
      const { api } = connect({ ...props, serviceName });
      return { id, props: await readInstall(api, serviceName, props, label(serviceName)) };
    },
  };
  return provider satisfies dynamic.ResourceProvider;
}

/** The inputs the recorded install was asked for with (state echoes them), or the new ones if state is unreadable. */
function previousInputs(olds: Props, inputs: DedicatedServerInstallInputs): DedicatedServerInstallInputs {
  const recorded = declaredInputs(DedicatedServerInstallInputs, inputNames, olds);
  return recorded.success ? { ...recorded.data, timeoutMinutes: inputs.timeoutMinutes } : inputs;
}

function parseInputs(news: Props): DedicatedServerInstallInputs {
  return parseChecked(DedicatedServerInstallInputs, news, label(news.serviceName));
}

const label = (serviceName: unknown) => `DedicatedServerInstall ${String(serviceName)}`;
