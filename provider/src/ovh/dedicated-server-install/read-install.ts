import { isReinstallError, rethrowAsResourceError } from "../../errors";
import type { OvhApi } from "../api";

type Props = Record<string, unknown>;

/**
 * `read` (refresh): the recorded task's status as OVH reports it now, and the OS the server runs. `resource`
 * names the resource in errors.
 */
export async function readInstall(api: OvhApi, serviceName: string, props: Props, resource: string): Promise<Props> {
  let refreshed: Props = { ...props };
  if (typeof props.taskId === "number") {
    try {
      const task = await api.task(serviceName, props.taskId);
      // What OVH leaves out is left out: the host cannot send an undefined property to the engine (the refresh would fail).
      const { taskComment: _comment, doneDate: _done, ...kept } = refreshed;
      refreshed = {
        ...kept,
        taskStatus: task.status,
        ...(task.comment ? { taskComment: task.comment } : {}),
        ...(task.doneDate ? { doneDate: task.doneDate } : {}),
      };
    } catch (e) {
      // OVH purges old tasks: a 404 means "no longer known", not an error (docs/api/ovh.md#task-object).
      if (!(isReinstallError(e, "OVH_API_ERROR") && e.api?.status === 404)) rethrowAsResourceError(resource)(e);
    }
  }
  const server = await api.server(serviceName).catch(rethrowAsResourceError(resource));
  refreshed.installedOs = server.os;
  return refreshed;
}
