import { isReinstallError, rethrowAsResourceError } from "../../errors";
import type { OvhApi } from "../api";

type Props = Record<string, unknown>;

/**
 * `read` (refresh): the recorded task's status as OVH reports it now, and the OS the server runs. `resource`
 * names the resource in errors.
 */
export async function readInstall(api: OvhApi, serviceName: string, props: Props, resource: string): Promise<Props> {
  const refreshed: Props = { ...props };
  if (typeof props.taskId === "number") {
    try {
      const task = await api.task(serviceName, props.taskId);
      Object.assign(refreshed, { taskStatus: task.status, taskComment: task.comment ?? undefined, doneDate: task.doneDate ?? undefined });
    } catch (e) {
      // OVH purges old tasks: a 404 means "no longer known", not an error (docs/api/ovh.md#task-object).
      if (!(isReinstallError(e, "OVH_API_ERROR") && e.api?.status === 404)) rethrowAsResourceError(resource)(e);
    }
  }
  const server = await api.server(serviceName).catch(rethrowAsResourceError(resource));
  refreshed.installedOs = server.os;
  return refreshed;
}
