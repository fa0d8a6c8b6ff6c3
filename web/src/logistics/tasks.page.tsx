/**
 * Opgaver, /app/opgaver: the service-task phone list of a staff group (the porters' by default;
 * `?gruppe=rengoering|laborant`, `&afsnit=<wardId>` for one ward), live from
 * /api/logistics/tasks/stream. Open tasks as cards with one big button each (Acceptér → Start →
 * Udført), status as icon + word; today's finished tasks below.
 */
import { useRef } from 'react';
import type { ServiceTaskView, TaskList } from '../../../src/logistics/api-types.ts';
import { isTaskGroup, tasksPath, type TaskGroup, TASK_GROUPS } from '../app/routes.ts';
import { Link, useLocation } from '../app/router.tsx';
import { isClinician } from '../app/navigation.ts';
import { useMe } from '../auth/session.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import { ErrorMessage } from '../ui/error-message.tsx';
import { formatTime } from '../ui/format.ts';
import { PageHeading, usePageTitle } from '../ui/page.tsx';
import { Icon, isIconName } from './icons.tsx';
import { advanceTask } from './logistics.api.ts';
import { ActionFeedback, Chip, LiveIndicator, TaskStatusChip, useAction } from './logistics.components.tsx';
import { isTaskList, logisticsPaths } from './logistics.paths.ts';
import { nextTaskAction, splitTasks, withTask, type TaskAction } from './tasks.helpers.ts';
import { useLiveData } from './use-live.ts';
import { useNow } from '../ui/use-now.ts';

const TASK_EVENTS = ['tasks'] as const;

export function TasksPage() {
  const { t: all } = useI18n();
  const t = all.logistics;
  const me = useMe();
  const { search } = useLocation();
  const q = new URLSearchParams(search);
  const asked = q.get('gruppe');
  const group: TaskGroup = isTaskGroup(asked) ? asked : 'portoer';
  const wardId = q.get('afsnit') || undefined;
  const title = `${t.tasks.title}: ${t.tasks.group[group]}`;
  usePageTitle(title);
  const live = useLiveData<TaskList>(logisticsPaths.tasksStream(group, wardId), TASK_EVENTS, isTaskList);
  const action = useAction();
  const openHeading = useRef<HTMLHeadingElement>(null);
  const now = useNow(30_000);
  const { open, doneToday } = live.data ? splitTasks(live.data.tasks, now) : { open: [], doneToday: [] };
  const wardName = wardId ? (live.data?.tasks.find((x) => x.ward?.id === wardId)?.ward?.name ?? wardId) : undefined;

  const advance = (task: ServiceTaskView, step: TaskAction) =>
    void action
      .run(
        () => advanceTask(task.id, step),
        (updated) => {
          live.update((list) => withTask(list, updated));
          return t.tasks.done[step];
        },
      )
      .then((ok) => {
        // The finished card leaves the list: keep the keyboard in the list.
        if (ok && step === 'complete') openHeading.current?.focus();
      });

  return (
    <section className="page tasks-page">
      <header className="board-header">
        <PageHeading>{title}</PageHeading>
        <LiveIndicator status={live.status} generatedAt={live.data?.generatedAt} />
      </header>
      {isClinician(me) && <GroupSwitch group={group} wardId={wardId} />}
      {wardId && (
        <p>
          {t.tasks.wardFilter(wardName ?? wardId)} · <Link to={tasksPath(group)}>{t.tasks.allWards}</Link>
        </p>
      )}
      {live.error !== undefined && <ErrorMessage error={live.error} onRetry={live.retry} />}
      <ActionFeedback message={action.message} error={action.error} />
      <h2 ref={openHeading} tabIndex={-1}>
        {t.tasks.open}
        {live.data ? ` (${open.length})` : ''}
      </h2>
      {live.error === undefined && !live.data && <p className="muted">{all.loading}</p>}
      {live.data && open.length === 0 && <p>{t.tasks.none}</p>}
      <TaskCards tasks={open} busy={action.busy} onAdvance={advance} />
      <h2>{t.tasks.doneToday}</h2>
      {live.data && doneToday.length === 0 && <p>{t.tasks.noneDone}</p>}
      {doneToday.length > 0 && (
        <ul className="done-tasks" data-testid="done-tasks">
          {doneToday.map((task) => (
            <li key={task.id} data-task={task.id}>
              <TaskTitle task={task} />
              <TaskStatusChip status={task.status} />
              {task.ended && <span className="muted"> {t.tasks.endedAt(formatTime(task.ended))}</span>}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function GroupSwitch({ group, wardId }: { group: TaskGroup; wardId: string | undefined }) {
  const { t } = useI18n();
  return (
    <nav aria-label={t.logistics.tasks.groupLabel} className="view-switch">
      <ul>
        {TASK_GROUPS.map((g) => (
          <li key={g}>
            <Link to={`${tasksPath(g)}${wardId ? `&afsnit=${encodeURIComponent(wardId)}` : ''}`} aria-current={g === group ? 'page' : undefined}>
              {t.logistics.tasks.group[g]}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}

function TaskTitle({ task }: { task: ServiceTaskView }) {
  const { t } = useI18n();
  return (
    <span className="task-title">
      {isIconName(task.kind) && <Icon name={task.kind} />}
      <span>
        {t.logistics.taskKind[task.kind] ?? task.kind}
        {task.patient ? ` – ${task.patient.name}` : ''}
      </span>
    </span>
  );
}

function TaskCards({
  tasks,
  busy,
  onAdvance,
}: {
  tasks: readonly ServiceTaskView[];
  busy: boolean;
  onAdvance(task: ServiceTaskView, step: TaskAction): void;
}) {
  const { t: all } = useI18n();
  const t = all.logistics;
  if (tasks.length === 0) return null;
  const label: Record<TaskAction, string> = { accept: t.tasks.accept, start: t.tasks.start, complete: t.tasks.complete };
  return (
    <ul className="task-cards" data-testid="task-cards">
      {tasks.map((task) => {
        const step = nextTaskAction(task.status);
        const from = [task.ward?.name, task.bed?.name].filter(Boolean).join(', ');
        return (
          <li key={task.id} data-task={task.id}>
            <article className={`task-card status-${task.status}`} aria-labelledby={`task-${task.id}`}>
              <h3 id={`task-${task.id}`}>
                <TaskTitle task={task} />
              </h3>
              <p className="task-status">
                <TaskStatusChip status={task.status} />
                {task.priority && task.priority !== 'routine' && (
                  <Chip icon="priority" tone="vermillion">
                    {t.priority[task.priority]}
                  </Chip>
                )}
              </p>
              <dl className="task-facts">
                {from && (
                  <div>
                    <dt>{t.tasks.from}</dt>
                    <dd>{from}</dd>
                  </div>
                )}
                {task.destination && (
                  <div>
                    <dt>{t.tasks.to}</dt>
                    <dd>{task.destination}</dd>
                  </div>
                )}
                {task.description && (
                  <div>
                    <dt>{t.dialog.task.description}</dt>
                    <dd>{task.description}</dd>
                  </div>
                )}
                {task.owner && (
                  <div>
                    <dt>{t.tasks.owner}</dt>
                    <dd>{task.owner}</dd>
                  </div>
                )}
              </dl>
              <p className="muted task-times">
                {t.tasks.requestedAt(formatTime(task.authoredOn))}
                {task.started ? ` · ${t.tasks.startedAt(formatTime(task.started))}` : ''}
              </p>
              {step && (
                <button type="button" className="button-big" aria-disabled={busy || undefined} onClick={() => !busy && onAdvance(task, step)} data-action={step}>
                  {label[step]}
                  <span className="visually-hidden">
                    {` (${t.taskKind[task.kind] ?? task.kind}${task.patient ? ` – ${task.patient.name}` : ''})`}
                  </span>
                </button>
              )}
            </article>
          </li>
        );
      })}
    </ul>
  );
}
