/**
 * The cells of a ward board row, one per known column, shared by the wall, list and phone
 * presentations; and the legend of the symbols they use. Every symbol has its word beside it.
 */
import type { ResolvedTemplate } from '../../../src/logistics/api-types.ts';
import type { BoardRow } from '../../../src/logistics/model.ts';
import type { BoardScreen } from '../app/routes.ts';
import { useI18n } from '../i18n/i18n.tsx';
import type { Messages } from '../i18n/da.ts';
import type { Lang } from '../i18n/lang.ts';
import { formatDate, formatTime } from '../ui/format.ts';
import { isOpenStatus, splitKey, type KnownColumn } from './board.helpers.ts';
import { Icon, isIconName, type IconName } from './icons.tsx';
import { BedStatusChip, Chip, TaskStatusChip } from './logistics.components.tsx';
import { BED_TONE, EWS_TONE, STATUS_TONE, TRIAGE_TONE, type Tone } from './tones.ts';

type Legend = ResolvedTemplate['legend'];
type L = Messages['logistics'];

/** The column's header: the template's label in the language, or the app's default. */
export function columnLabel(label: { da: string; en: string } | undefined, id: KnownColumn, lang: Lang, t: L): string {
  return label?.[lang] || t.columns[id];
}

/** The word for a symbol key (`flag:isolation`): the template's own text first, then the app's. */
export function symbolText(key: string, t: L, lang: Lang, legend: Legend): string {
  const own = legend.find((l) => l.key === key)?.[lang];
  if (own) return own;
  const [prefix, name] = splitKey(key);
  const table: Record<string, Record<string, string>> = { bed: t.bedStatus, where: t.whereabouts, flag: t.flag, task: t.taskKind, status: t.taskStatus, triage: t.triage };
  const word = table[prefix]?.[name];
  if (word) return word;
  if (prefix === 'ews') return `${t.columns.ews}: ${t.risk[name] ?? name}`;
  if (key === 'obs:overdue') return t.ews.overdue;
  if (key === 'tests:pending') return t.pendingTests;
  return name;
}

/** The app's icon for a symbol key, if it has one. */
export function iconFor(key: string): IconName | undefined {
  const [prefix, name] = splitKey(key);
  if (prefix === 'ews') return 'ews';
  if (key === 'obs:overdue') return 'ews-overdue';
  if (key === 'tests:pending') return 'pending-tests';
  if (prefix === 'triage') return undefined;
  return isIconName(name) ? name : undefined;
}

/** The colour a key's chip has (statuses, bed states, risks, triage), if any. */
function toneFor(key: string): Tone | undefined {
  const [prefix, name] = splitKey(key);
  const table: Record<string, Record<string, Tone>> = { status: STATUS_TONE, bed: BED_TONE, ews: EWS_TONE, triage: TRIAGE_TONE };
  return table[prefix]?.[name];
}

/** The app's icon for a key, or the template's symbol for a key the app does not know. */
function KeySymbol({ name, legend }: { name: string; legend: Legend }) {
  const icon = iconFor(name);
  if (icon) return <Icon name={icon} />;
  const glyph = legend.find((l) => l.key === name)?.symbol;
  return glyph ? (
    <span className="glyph" aria-hidden="true">
      {glyph}
    </span>
  ) : null;
}

export function BoardCell({
  column,
  row,
  screen,
  legend,
  whereaboutsColumn = false,
}: {
  column: KnownColumn;
  row: BoardRow;
  screen: BoardScreen;
  legend: Legend;
  /** The screen has a whereabouts column: the bed cell need not repeat it. */
  whereaboutsColumn?: boolean;
}) {
  const { t: all, lang } = useI18n();
  const t = all.logistics;
  switch (column) {
    case 'bed': {
      const away = row.whereabouts && row.whereabouts !== 'in-bed' ? row.whereabouts : undefined;
      const awayText = away ? (away === 'away' && row.awayAt ? t.awayAt(row.awayAt) : symbolText(`where:${away}`, t, lang, legend)) : '';
      return (
        <>
          <span className="bed-name">
            {row.bed ? (
              <>
                {row.bed.room && <span className="nowrap">{row.bed.room},</span>} <span className="nowrap">{row.bed.name}</span>
              </>
            ) : away && !whereaboutsColumn ? (
              <span className="with-icon">
                <KeySymbol name={`where:${away}`} legend={legend} />
                {awayText}
              </span>
            ) : (
              t.board.noBed
            )}
          </span>
          {row.bed && row.bed.status !== 'occupied' && (
            <>
              {' '}
              <BedStatusChip status={row.bed.status} />
            </>
          )}
          {row.bed && away && !whereaboutsColumn && (
            <span className="whereabouts">
              <KeySymbol name={`where:${away}`} legend={legend} />
              {awayText}
            </span>
          )}
        </>
      );
    }
    case 'patient':
      if (!row.patient) return null;
      return (
        <>
          <span className="patient-name">{row.patient.name}</span>
          {screen !== 'wall' && (row.patient.cpr || row.patient.age !== undefined) && (
            <span className="patient-facts">
              {row.patient.cpr && <span className="nowrap">{row.patient.cpr}</span>}
              {row.patient.cpr && row.patient.age !== undefined && ' · '}
              {row.patient.age !== undefined && <span className="nowrap">{t.board.age(row.patient.age)}</span>}
            </span>
          )}
          {row.stayKind && <span className="patient-facts">{t.stayKind[row.stayKind] ?? row.stayKind}</span>}
        </>
      );
    case 'whereabouts':
      if (!row.whereabouts) return null;
      return (
        <span className="with-icon">
          <KeySymbol name={`where:${row.whereabouts}`} legend={legend} />
          {row.whereabouts === 'away' && row.awayAt ? t.awayAt(row.awayAt) : symbolText(`where:${row.whereabouts}`, t, lang, legend)}
        </span>
      );
    case 'nurse':
      return row.responsibleNurse ? <>{row.responsibleNurse}</> : null;
    case 'doctor':
      return row.responsibleDoctor ? <>{row.responsibleDoctor}</> : null;
    case 'ews': {
      const ews = row.earlyWarning;
      if (!ews) return null;
      return (
        <>
          <Chip icon="ews" tone={EWS_TONE[ews.risk] ?? 'none'}>
            {t.ews.value(ews.score, t.risk[ews.risk] ?? ews.risk)}
          </Chip>
          {ews.overdue && (
            <span className="flag-overdue">
              <Icon name="ews-overdue" />
              {symbolText('obs:overdue', t, lang, legend)}
            </span>
          )}
          {!ews.overdue && ews.nextDue && screen !== 'wall' && <span className="muted small">{t.ews.nextDue(formatTime(ews.nextDue))}</span>}
        </>
      );
    }
    case 'flags':
      if (row.flags.length === 0) return null;
      return (
        <ul className="inline-list">
          {row.flags.map((f) => (
            <li key={f} className={`board-flag flag-${f}`}>
              <KeySymbol name={`flag:${f}`} legend={legend} />
              {symbolText(`flag:${f}`, t, lang, legend)}
            </li>
          ))}
        </ul>
      );
    case 'pendingTests':
      if (row.pendingTests.length === 0) return null;
      return (
        <span className="with-icon">
          <Icon name="pending-tests" />
          <span>
            <span className="visually-hidden">{t.pendingTests}: </span>
            {row.pendingTests.join(', ')}
          </span>
        </span>
      );
    case 'tasks': {
      const open = row.tasks.filter((task) => isOpenStatus(task.status));
      if (open.length === 0) return null;
      return (
        <ul className="stack-list">
          {open.map((task) => (
            <li key={task.id} data-task={task.id} data-status={task.status}>
              <span className="with-icon">
                <KeySymbol name={`task:${task.kind}`} legend={legend} />
                {symbolText(`task:${task.kind}`, t, lang, legend)}
              </span>{' '}
              <TaskStatusChip status={task.status} />
            </li>
          ))}
        </ul>
      );
    }
    case 'transfer': {
      const tr = row.transfer;
      if (!tr) return null;
      return (
        <>
          <span className="with-icon">
            <Icon name="overflytning" />
            {tr.direction === 'in' ? t.transfer.into(tr.otherWard) : t.transfer.outOf(tr.otherWard)}
            {tr.bed ? `, ${t.transfer.bed(tr.bed)}` : ''}
          </span>{' '}
          <TaskStatusChip status={tr.status} />
        </>
      );
    }
    case 'expectedDischarge':
      return row.expectedDischarge ? <span className="nowrap">{formatDate(row.expectedDischarge, lang)}</span> : null;
    case 'admitted':
      return row.admitted ? <span className="nowrap">{formatDate(row.admitted, lang)}</span> : null;
    case 'comment':
      return row.comment ? <span className="board-comment">{row.comment}</span> : null;
  }
}

/** The wall board's legend: the symbols and colours in use, each as it appears on the board, with its word. */
export function BoardLegend({ keys, template }: { keys: readonly string[]; template: ResolvedTemplate }) {
  const { t, lang } = useI18n();
  if (keys.length === 0) return null;
  return (
    <section className="legend" aria-labelledby="board-legend-title" data-testid="legend">
      <h2 id="board-legend-title">{t.logistics.board.legend}</h2>
      <ul>
        {keys.map((key) => {
          const tone = toneFor(key);
          const text = symbolText(key, t.logistics, lang, template.legend);
          return (
            <li key={key} data-key={key}>
              {tone ? (
                <Chip icon={iconFor(key)} tone={tone}>
                  {text}
                </Chip>
              ) : (
                <>
                  <KeySymbol name={key} legend={template.legend} />
                  {text}
                </>
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
