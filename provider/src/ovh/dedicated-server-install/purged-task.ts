import { ReinstallError, isReinstallError } from "../../errors";
import type { OvhApi } from "../api";
import type { Server } from "../responses";
import type { DedicatedServerInstallInputs, DedicatedServerInstallOutputs, InstallRecord } from "./inputs";

type Props = Record<string, unknown>;

/**
 * OVH purges old tasks (a 404 from then on, docs/api/ovh.md#task-object): a recorded task that answers 404 and is no longer
 * listed is long over, and nothing is left to wait for.
 */
export async function purged(api: OvhApi, serviceName: string, taskId: number, error: unknown): Promise<boolean> {
  if (!(isReinstallError(error, "OVH_API_ERROR") && error.api?.status === 404)) return false;
  return !(await api.installTaskIds(serviceName)).includes(taskId);
}

/**
 * A recorded task OVH purged while nobody waited: it is long over, and only the server tells how it went. Its OS
 * being the declared template is what a finished install leaves; anything else is not the declared install.
 */
export function afterPurge(inputs: DedicatedServerInstallInputs, olds: Props, server: Server, resource: string): DedicatedServerInstallOutputs {
  if (server.os !== inputs.templateName) {
    throw new ReinstallError(
      "TASK_FAILED",
      `install task ${String(olds.taskId)} on ${inputs.serviceName} was purged by OVH before its end was seen, and the server runs ${server.os}, not ${inputs.templateName}`,
      {
        resource,
        call: `GET /dedicated/server/${inputs.serviceName}`,
        next: "change `triggers` to install again (that erases the server), or declare the template it runs",
      },
    );
  }
  return { ...inputs, ...pickRecord(olds), taskStatus: "done", installedOs: server.os } as DedicatedServerInstallOutputs;
}

/** The outputs state records of an install, without the inputs. */
const recordKeys: (keyof InstallRecord)[] = ["taskId", "taskStatus", "taskComment", "startDate", "doneDate", "installedOs", "elapsedSeconds"];

export function pickRecord(olds: Props): Props {
  return Object.fromEntries(recordKeys.filter((k) => olds[k] !== undefined).map((k) => [k, olds[k]]));
}
