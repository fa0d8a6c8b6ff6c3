/** The service-task phone list's pure logic: the next step of a task, and open vs today's done tasks. */
import type { ServiceTaskView, TaskList } from '../../../src/logistics/api-types.ts';
import type { TaskStatus } from '../../../src/logistics/model.ts';

export type TaskAction = 'accept' | 'start' | 'complete';

/** Accept → Start → Complete. */
export function nextTaskAction(status: TaskStatus): TaskAction | undefined {
  if (status === 'requested') return 'accept';
  if (status === 'accepted') return 'start';
  if (status === 'in-progress') return 'complete';
  return undefined;
}

const PRIORITY_RANK: Record<NonNullable<ServiceTaskView['priority']>, number> = { stat: 0, asap: 1, urgent: 2, routine: 3 };
const rank = (t: ServiceTaskView) => PRIORITY_RANK[t.priority ?? 'routine'] ?? 3;

const sameLocalDay = (a: number, b: number) => {
  const x = new Date(a);
  const y = new Date(b);
  return x.getFullYear() === y.getFullYear() && x.getMonth() === y.getMonth() && x.getDate() === y.getDate();
};

/**
 * Open tasks (the ones in progress first, then by priority, then oldest first) and the tasks
 * finished today (newest first). Cancelled and rejected tasks are not shown.
 */
export function splitTasks(tasks: readonly ServiceTaskView[], now: number): { open: ServiceTaskView[]; doneToday: ServiceTaskView[] } {
  const stage = (t: ServiceTaskView) => (t.status === 'in-progress' ? 0 : t.status === 'accepted' ? 1 : 2);
  const open = tasks
    .filter((t) => nextTaskAction(t.status) !== undefined)
    .sort((a, b) => stage(a) - stage(b) || rank(a) - rank(b) || Date.parse(a.authoredOn) - Date.parse(b.authoredOn));
  const doneToday = tasks
    .filter((t) => t.status === 'completed' && sameLocalDay(Date.parse(t.ended ?? t.authoredOn), now))
    .sort((a, b) => Date.parse(b.ended ?? b.authoredOn) - Date.parse(a.ended ?? a.authoredOn));
  return { open, doneToday };
}

/** The list with one task replaced (or added), e.g. the answer of a POST before the stream brings it. */
export function withTask(list: TaskList, task: ServiceTaskView): TaskList {
  const found = list.tasks.some((t) => t.id === task.id);
  return { ...list, tasks: found ? list.tasks.map((t) => (t.id === task.id ? task : t)) : [...list.tasks, task] };
}
