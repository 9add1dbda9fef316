import { ovhDateTime } from "./dates";
import { viewTask, type TaskRecord } from "./tasks";

/**
 * `dedicated.server.Task`, the full object of GET …/task/{taskId} (docs/api/ovh.md#task-object) and of the legacy
 * install/start (docs/api/ovh.md#removed-installstart).
 */
export function taskResource(task: TaskRecord, now: number) {
  const view = viewTask(task, now);
  return {
    taskId: task.taskId,
    function: task.function,
    status: view.status,
    comment: view.comment,
    startDate: ovhDateTime(task.startedAt),
    doneDate: view.doneAt === null ? null : ovhDateTime(view.doneAt),
    lastUpdate: ovhDateTime(view.lastUpdateAt),
    needSchedule: false,
    note: null,
    plannedInterventionId: null,
    tags: null,
    ticketReference: null,
  };
}

/** `dedicated.server.task.Response`, the small object POST …/reinstall answers with (docs/api/ovh.md#reinstall-answer). */
export function taskResponse(task: TaskRecord, now: number) {
  const { taskId, function: fn, status, comment, startDate, doneDate } = taskResource(task, now);
  return { taskId, function: fn, status, comment, startDate, doneDate };
}
