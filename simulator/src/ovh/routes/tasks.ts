import { rebootResource } from "../boots";
import { objectNotFound, ovhError } from "../errors";
import { forServer, ok, type OvhCall, type OvhRoute } from "../route";
import type { ServerSpec } from "../catalogue";
import { taskResource } from "../task-json";
import { viewTask, type TaskRecord } from "../tasks";
import { OVH_ROUTES, routeOf } from "../../route-names";

export const taskRoutes: OvhRoute[] = [
  {
    // `function` and `status` filters narrow the id list (docs/api/ovh.md#task-list-and-cancel).
    ...routeOf(OVH_ROUTES.tasks),
    access: "authenticated",
    handler: forServer(({ state, exchange, now }, server) => {
      const { function: fn, status } = exchange.query;
      const tasks = [
        ...state.tasksOf(server.name).map((t) => ({ taskId: t.taskId, function: t.function, status: () => viewTask(t, now).status })),
        ...state.boots.rebootsOf(server.name).map((r) => ({ taskId: r.taskId, function: r.function, status: () => rebootResource(r, now).status })),
      ];
      const ids = tasks
        .filter((t) => fn === undefined || t.function === fn)
        .filter((t) => status === undefined || t.status() === status)
        .map((t) => t.taskId);
      return ok(ids.sort((a, b) => a - b));
    }),
  },
  {
    ...routeOf(OVH_ROUTES.task),
    access: "authenticated",
    handler: forServer((call, server) => {
      const reboot = call.state.boots.rebootsOf(server.name).find((r) => String(r.taskId) === call.params.taskId);
      return reboot ? ok(rebootResource(reboot, call.now)) : withTask(({ now }, task) => ok(taskResource(task, now)))(call, server);
    }),
  },
  {
    ...routeOf(OVH_ROUTES.cancelTask),
    access: "authenticated",
    handler: forServer(
      withTask(({ now }, task) => {
        const { status } = viewTask(task, now);
        if (status === "init" || status === "todo") {
          task.cancelledAt = now;
          // `void` in the spec: 200 with an empty body (docs/api/ovh.md#task-list-and-cancel).
          return { status: 200 };
        }
        // Inferred: whether a started task can be cancelled, and the refusal's body, are undocumented (docs/api/ovh.md#task-list-and-cancel).
        return ovhError(403, "Client::Forbidden", `Task ${task.taskId} can not be cancelled: its status is ${status}`);
      }),
    ),
  },
];

/** Resolves {taskId} among the server's tasks; anything else is the bare-message 404 of docs/api/ovh.md#task-list-and-cancel. */
function withTask(handler: (call: OvhCall, task: TaskRecord) => ReturnType<OvhRoute["handler"]>) {
  return (call: OvhCall, server: ServerSpec) => {
    const task = call.state.tasksOf(server.name).find((t) => String(t.taskId) === call.params.taskId);
    return task ? handler(call, task) : objectNotFound("taskId", call.params.taskId);
  };
}
