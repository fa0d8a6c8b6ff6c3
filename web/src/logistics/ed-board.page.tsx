/**
 * Akutmodtagelse, /app/akut: the emergency board, live from /api/logistics/ed/stream. A row per
 * contact: arrival and the time since, triage colour chip with its name, complaint, the process
 * line (each activity Afventer / I gang / Afsluttet / Aflyst with start/done buttons) and the
 * regional deadlines counting down by the browser's clock every second, with "Overskredet" (icon +
 * text) once one passes undone. Above: the KPI strip (share met against the 90 % goal).
 */
import { useId, useState, type FormEvent } from 'react';
import type { EdActivity, EdBoard, EdRow, EdTimer } from '../../../src/logistics/api-types.ts';
import type { Triage } from '../../../src/logistics/model.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { ErrorMessage } from '../ui/error-message.tsx';
import { formatTime } from '../ui/format.ts';
import { PageHeading, usePageTitle } from '../ui/page.tsx';
import { useNow } from '../ui/use-now.ts';
import { activityButtons, activityPhase, formatClock, kpiView, sortEdRows, timerState, TRIAGE_ORDER } from './ed.helpers.ts';
import { Icon } from './icons.tsx';
import { ActionFeedback, Chip, LiveIndicator, TriageChip, useAction } from './logistics.components.tsx';
import { edActivity, setTriage } from './logistics.api.ts';
import { isEdBoard, logisticsPaths } from './logistics.paths.ts';
import { useLiveData } from './use-live.ts';

const ED_EVENTS = ['ed'] as const;

export function EdBoardPage() {
  const { t: all } = useI18n();
  const t = all.logistics;
  usePageTitle(t.ed.title);
  const live = useLiveData<EdBoard>(logisticsPaths.edStream(), ED_EVENTS, isEdBoard);
  const action = useAction();
  const now = useNow(1000);
  const board = live.data;

  const replaceRow = (row: EdRow) => live.update((b) => ({ ...b, rows: b.rows.map((r) => (r.encounterId === row.encounterId ? row : r)) }));
  const act = (row: EdRow, activity: EdActivity, step: 'start' | 'complete') =>
    void action.run(
      () => edActivity(row.encounterId, activity.kind, step),
      (updated) => {
        replaceRow(updated);
        return t.ed.done[step](t.taskKind[activity.kind] ?? activity.kind);
      },
    );
  const triage = (row: EdRow, level: Triage) =>
    action.run(
      () => setTriage(row.encounterId, level),
      (updated) => {
        replaceRow(updated);
        return t.ed.done.triage(t.triage[level]);
      },
    );

  return (
    <section className="page ed-board">
      <header className="board-header">
        <PageHeading>{t.ed.title}</PageHeading>
        <LiveIndicator status={live.status} generatedAt={board?.generatedAt} />
      </header>
      {live.error !== undefined && <ErrorMessage error={live.error} onRetry={live.retry} />}
      {live.error === undefined && !board && <p className="muted">{all.loading}</p>}
      {board && <KpiStrip kpis={board.kpis} />}
      <ActionFeedback message={action.message} error={action.error} />
      {board && board.rows.length === 0 && <p>{t.ed.empty}</p>}
      {board && board.rows.length > 0 && (
        <div className="table-scroll" role="region" aria-labelledby="ed-caption" tabIndex={0}>
          <table className="data-table ed-table" data-testid="ed-table">
            <caption id="ed-caption">{t.ed.caption}</caption>
            <thead>
              <tr>
                <th scope="col">{t.ed.columns.arrived}</th>
                <th scope="col">{t.ed.columns.triage}</th>
                <th scope="col">{t.ed.columns.patient}</th>
                <th scope="col">{t.ed.columns.complaint}</th>
                <th scope="col">{t.ed.columns.process}</th>
                <th scope="col">{t.ed.columns.timers}</th>
              </tr>
            </thead>
            <tbody>
              {sortEdRows(board.rows).map((row) => (
                <EdTableRow key={row.encounterId} row={row} now={now} busy={action.busy} onActivity={act} onTriage={triage} />
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function KpiStrip({ kpis }: { kpis: EdBoard['kpis'] }) {
  const { t: all } = useI18n();
  const t = all.logistics;
  if (kpis.length === 0) return null;
  return (
    <section className="kpi-section" aria-labelledby="kpi-title">
      <h2 id="kpi-title">{t.ed.kpiTitle}</h2>
      <ul className="kpi-strip" data-testid="kpis">
        {kpis.map((k) => {
          const v = kpiView(k);
          return (
            <li key={k.step} className="kpi">
              <span className="kpi-step">{t.ed.step[k.step]}</span>
              <span className="kpi-share">{k.total === 0 ? '–' : `${v.percent} %`}</span>
              <span className="kpi-detail">
                {t.ed.kpiMet(k.met, k.total)}, {t.ed.kpiGoal(v.goalPercent)}
              </span>
              {v.ok === undefined ? (
                <Chip tone="none">{t.ed.kpiNone}</Chip>
              ) : v.ok ? (
                <Chip icon="ok" tone="green">
                  {t.ed.kpiOk}
                </Chip>
              ) : (
                <Chip icon="below" tone="vermillion">
                  {t.ed.kpiNotOk}
                </Chip>
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
}

function EdTableRow({
  row,
  now,
  busy,
  onActivity,
  onTriage,
}: {
  row: EdRow;
  now: number;
  busy: boolean;
  onActivity(row: EdRow, activity: EdActivity, step: 'start' | 'complete'): void;
  onTriage(row: EdRow, level: Triage): Promise<boolean>;
}) {
  const { t: all } = useI18n();
  const t = all.logistics;
  const breached = row.timers.some((tm) => timerState(tm, now).kind === 'breached');
  return (
    <tr data-encounter={row.encounterId} className={breached ? 'row-breached' : undefined}>
      <td className="nowrap">
        <time dateTime={row.arrived} className="arrival-time">
          {formatTime(row.arrived)}
        </time>
        <span className="elapsed">{t.ed.sinceArrival(formatClock(now - Date.parse(row.arrived)))}</span>
      </td>
      <td>
        <TriageChip level={row.triage} />
        {!row.triage && <TriageForm row={row} busy={busy} onTriage={onTriage} />}
      </td>
      <th scope="row" className="ed-patient">
        <span className="patient-name">{row.patient.name}</span>
        {(row.patient.cpr || row.patient.age !== undefined) && (
          <span className="patient-facts">{[row.patient.cpr, row.patient.age !== undefined ? t.board.age(row.patient.age) : undefined].filter(Boolean).join(' · ')}</span>
        )}
      </th>
      <td>
        {row.complaint ?? ''}
        {row.area && <span className="patient-facts">{t.ed.area(row.area)}</span>}
      </td>
      <td>
        <ol className="process-line">
          {row.activities.map((a) => (
            <ActivityItem key={a.kind} row={row} activity={a} busy={busy} onActivity={onActivity} />
          ))}
        </ol>
      </td>
      <td>
        <ul className="timers">
          {row.timers.map((tm) => (
            <TimerItem key={tm.step} timer={tm} now={now} />
          ))}
        </ul>
      </td>
    </tr>
  );
}

const PHASE_TONE = { waiting: 'yellow', 'in-progress': 'blue', done: 'green', cancelled: 'purple' } as const;
const PHASE_ICON = { waiting: 'requested', 'in-progress': 'in-progress', done: 'completed', cancelled: 'cancelled' } as const;

function ActivityItem({ row, activity, busy, onActivity }: { row: EdRow; activity: EdActivity; busy: boolean; onActivity(row: EdRow, a: EdActivity, step: 'start' | 'complete'): void }) {
  const { t: all } = useI18n();
  const t = all.logistics;
  const phase = activityPhase(activity.status);
  const name = t.taskKind[activity.kind] ?? activity.kind;
  const buttons = activityButtons(activity.status);
  return (
    <li className={`activity phase-${phase}`} data-activity={activity.kind}>
      <span className="activity-name">{name}</span>
      <Chip icon={PHASE_ICON[phase]} tone={PHASE_TONE[phase]}>
        {t.activityStatus[phase]}
      </Chip>
      {buttons.length > 0 && (
        <span className="activity-buttons">
          {buttons.map((step) => (
            <button
              key={step}
              type="button"
              className={step === 'start' ? 'button-secondary button-small' : 'button-small'}
              aria-disabled={busy || undefined}
              onClick={() => !busy && onActivity(row, activity, step)}
            >
              {step === 'start' ? t.ed.start : t.ed.complete}
              <span className="visually-hidden">
                {' '}
                – {name}, {row.patient.name}
              </span>
            </button>
          ))}
        </span>
      )}
    </li>
  );
}

function TimerItem({ timer, now }: { timer: EdTimer; now: number }) {
  const { t: all } = useI18n();
  const t = all.logistics;
  const state = timerState(timer, now);
  return (
    <li className={`timer timer-${state.kind}`} data-step={timer.step}>
      <span className="timer-step">
        {t.ed.step[timer.step]} <span className="muted">({t.ed.target(timer.targetMinutes)})</span>
      </span>
      {state.kind === 'running' && <span className="timer-remaining">{t.ed.remaining(formatClock(state.remainingMs))}</span>}
      {state.kind === 'met' && (
        <span className="with-icon">
          <Icon name="ok" />
          {t.ed.metAt(formatTime(state.at))}
        </span>
      )}
      {(state.kind === 'breached' || state.kind === 'late') && (
        <Chip icon="breach" tone="vermillion" className="breach">
          <strong>{t.ed.breached}</strong> {state.kind === 'breached' ? t.ed.overdueBy(formatClock(state.overdueMs)) : t.ed.lateAt(formatTime(state.at))}
        </Chip>
      )}
    </li>
  );
}

function TriageForm({ row, busy, onTriage }: { row: EdRow; busy: boolean; onTriage(row: EdRow, level: Triage): Promise<boolean> }) {
  const { t: all } = useI18n();
  const t = all.logistics;
  const id = useId();
  const [level, setLevel] = useState<Triage | ''>('');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (level) void onTriage(row, level);
  };
  return (
    <form className="triage-form" onSubmit={submit}>
      <label htmlFor={id} className="visually-hidden">
        {t.ed.setTriage}: {row.patient.name}
      </label>
      <select id={id} value={level} onChange={(e) => setLevel(e.target.value as Triage | '')}>
        <option value="">{t.ed.chooseTriage}</option>
        {TRIAGE_ORDER.map((l) => (
          <option key={l} value={l}>
            {t.triage[l]}
          </option>
        ))}
      </select>
      <button type="submit" className="button-small" disabled={busy || !level}>
        {t.ed.save}
        <span className="visually-hidden"> – {row.patient.name}</span>
      </button>
    </form>
  );
}
