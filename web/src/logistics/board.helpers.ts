/**
 * The ward board's pure logic: which cell a template column shows, sorting and the "mine
 * patienter" filter, and which actions a row offers (service task, transfer handshake, discharge).
 */
import type { BoardColumn, WardBoard } from '../../../src/logistics/api-types.ts';
import type { BoardRow, TaskStatus } from '../../../src/logistics/model.ts';
import type { BoardScreen } from '../app/routes.ts';
import type { Lang } from '../i18n/lang.ts';

/** The cells the app knows how to draw. A template column id maps to one of these (with aliases). */
export const KNOWN_COLUMNS = [
  'bed',
  'patient',
  'whereabouts',
  'nurse',
  'doctor',
  'ews',
  'flags',
  'pendingTests',
  'tasks',
  'transfer',
  'expectedDischarge',
  'admitted',
  'comment',
] as const;
export type KnownColumn = (typeof KNOWN_COLUMNS)[number];

const ALIASES: Record<string, KnownColumn> = {
  seng: 'bed',
  stue: 'bed',
  room: 'bed',
  name: 'patient',
  navn: 'patient',
  location: 'whereabouts',
  status: 'whereabouts',
  responsiblenurse: 'nurse',
  'responsible-nurse': 'nurse',
  'ansvarlig-sygeplejerske': 'nurse',
  sygeplejerske: 'nurse',
  responsibledoctor: 'doctor',
  'responsible-doctor': 'doctor',
  'ansvarlig-laege': 'doctor',
  laege: 'doctor',
  earlywarning: 'ews',
  'early-warning': 'ews',
  toks: 'ews',
  news: 'ews',
  news2: 'ews',
  risks: 'flags',
  safety: 'flags',
  risici: 'flags',
  results: 'pendingTests',
  'pending-tests': 'pendingTests',
  tests: 'pendingTests',
  svar: 'pendingTests',
  servicetasks: 'tasks',
  opgaver: 'tasks',
  transfers: 'transfer',
  overflytning: 'transfer',
  discharge: 'expectedDischarge',
  'expected-discharge': 'expectedDischarge',
  udskrivelse: 'expectedDischarge',
  note: 'comment',
  kommentar: 'comment',
};

/** The known cell of a template column id ('responsibleNurse' → 'nurse'); undefined for a column the app cannot draw. */
export function canonicalColumn(id: string): KnownColumn | undefined {
  if ((KNOWN_COLUMNS as readonly string[]).includes(id)) return id as KnownColumn;
  return ALIASES[id.toLowerCase()];
}

/** The columns for the screen, in template order; a default set when the template has none for it. The bed column always comes first. */
export function columnsFor(board: Pick<WardBoard, 'template'>, screen: BoardScreen): { column: BoardColumn | undefined; id: KnownColumn }[] {
  const own = board.template.columns.filter((c) => c.screens.includes(screen)).flatMap((column) => {
    const id = canonicalColumn(column.id);
    return id ? [{ column, id }] : [];
  });
  const columns: { column: BoardColumn | undefined; id: KnownColumn }[] =
    own.length > 0 ? own : (['bed', 'patient', 'nurse', 'ews', 'flags', 'tasks', 'transfer'] as const).map((id) => ({ column: undefined, id }));
  const bed = columns.findIndex((c) => c.id === 'bed');
  if (bed < 0) return [{ column: undefined, id: 'bed' }, ...columns];
  return [columns[bed]!, ...columns.filter((_, i) => i !== bed)];
}

export type SortDirection = 'ascending' | 'descending';
export interface BoardSort {
  readonly column: KnownColumn;
  readonly direction: SortDirection;
}

const OPEN_TASK: readonly TaskStatus[] = ['requested', 'accepted', 'in-progress'];
export const isOpenStatus = (status: TaskStatus): boolean => OPEN_TASK.includes(status);

/** What a column sorts by: text (natural order, so "Stue 2" before "Stue 10"), a number or a time. */
export function sortValue(row: BoardRow, column: KnownColumn): string | number | undefined {
  const time = (s: string | undefined) => (s ? Date.parse(s) : undefined);
  switch (column) {
    case 'bed':
      return row.bed ? [row.bed.room, row.bed.name].filter(Boolean).join(' ') : undefined;
    case 'patient':
      return row.patient?.name;
    case 'whereabouts':
      return row.whereabouts;
    case 'nurse':
      return row.responsibleNurse;
    case 'doctor':
      return row.responsibleDoctor;
    case 'ews':
      return row.earlyWarning?.score;
    case 'flags':
      return row.flags.length || undefined;
    case 'pendingTests':
      return row.pendingTests.length || undefined;
    case 'tasks':
      return row.tasks.filter((t) => isOpenStatus(t.status)).length || undefined;
    case 'transfer':
      return row.transfer?.status;
    case 'expectedDischarge':
      return time(row.expectedDischarge);
    case 'admitted':
      return time(row.admitted);
    case 'comment':
      return row.comment;
  }
}

/** Sorted by the column (rows without a value last, whichever the direction); ties keep the server's order. */
export function sortRows(rows: readonly BoardRow[], sort: BoardSort | undefined, lang: Lang): BoardRow[] {
  if (!sort) return [...rows];
  const collator = new Intl.Collator(lang === 'da' ? 'da' : 'en', { numeric: true, sensitivity: 'base' });
  const sign = sort.direction === 'ascending' ? 1 : -1;
  return rows
    .map((row, index) => ({ row, index, value: sortValue(row, sort.column) }))
    .sort((a, b) => {
      if (a.value === undefined || b.value === undefined) return a.value === b.value ? a.index - b.index : a.value === undefined ? 1 : -1;
      const c = typeof a.value === 'number' && typeof b.value === 'number' ? a.value - b.value : collator.compare(String(a.value), String(b.value));
      return c !== 0 ? sign * c : a.index - b.index;
    })
    .map((x) => x.row);
}

/** Clicking a header: a new column sorts ascending, the same column flips. */
export const nextSort = (current: BoardSort | undefined, column: KnownColumn): BoardSort =>
  current?.column === column ? { column, direction: current.direction === 'ascending' ? 'descending' : 'ascending' } : { column, direction: 'ascending' };

const normalise = (s: string | undefined) => (s ?? '').normalize('NFC').trim().replace(/\s+/g, ' ').toLocaleLowerCase('da');

/** "Mine patienter": rows where the user is the responsible nurse or doctor (the board names them by display name). */
export function mineOnly(rows: readonly BoardRow[], me: { display: string }): BoardRow[] {
  const name = normalise(me.display);
  if (!name) return [];
  return rows.filter((r) => r.patient && (normalise(r.responsibleNurse) === name || normalise(r.responsibleDoctor) === name));
}

/** Free beds of the board (for assigning a bed to an incoming transfer). */
export const freeBeds = (rows: readonly BoardRow[]): { id: string; name: string; room?: string }[] =>
  rows.flatMap((r) => (r.bed && r.bed.status === 'free' && !r.patient ? [{ id: r.bed.id, name: r.bed.name, ...(r.bed.room ? { room: r.bed.room } : {}) }] : []));

export type TransferAction = 'accept' | 'reject' | 'assign-bed' | 'move';
export type RowAction = 'task' | 'transfer' | 'discharge' | 'admit' | TransferAction;

/**
 * The transfer handshake as this ward sees it: the receiving ward accepts or rejects a request,
 * then assigns a bed (ready); once a bed is assigned either ward can report the patient moved.
 */
export function transferActions(transfer: BoardRow['transfer']): TransferAction[] {
  if (!transfer) return [];
  if (transfer.direction === 'in') {
    if (transfer.status === 'requested') return ['accept', 'reject'];
    if (transfer.status === 'accepted') return ['assign-bed'];
    if (transfer.status === 'in-progress') return ['move'];
    return [];
  }
  return transfer.status === 'in-progress' ? ['move'] : [];
}

const hasActiveTransfer = (row: BoardRow) => row.transfer !== undefined && isOpenStatus(row.transfer.status);

/** Everything a clinician can do from a row, in the order the buttons appear. */
export function rowActions(row: BoardRow): RowAction[] {
  const actions: RowAction[] = [...transferActions(row.transfer)];
  const present = row.encounterId !== undefined && row.patient !== undefined && row.whereabouts !== 'incoming';
  if (row.bed || present) actions.push('task');
  if (present && !hasActiveTransfer(row)) actions.push('transfer');
  if (present && !hasActiveTransfer(row)) actions.push('discharge');
  // A free bed with no one in it: admit a patient to it.
  if (row.bed?.status === 'free' && !row.patient) actions.push('admit');
  return actions;
}

/**
 * Symbol keys, as the server's template legend names them: `bed:free`, `flag:isolation`,
 * `task:transport`, `status:in-progress`, `ews:high`, `triage:roed`; and the app's own `where:incoming`,
 * `obs:overdue` (observation overdue) and `tests:pending`. The legend's order: by prefix, then by name.
 */
export const LEGEND_PREFIX_ORDER = ['bed', 'where', 'flag', 'ews', 'obs', 'tests', 'task', 'status', 'triage'] as const;
const NAME_ORDER = [
  'free', 'occupied', 'cleaning', 'blocked',
  'incoming', 'on-leave', 'away', 'corridor',
  'isolation', 'faldrisiko', 'cave',
  'low', 'low-medium', 'medium', 'high',
  'transport', 'rengoering', 'blodproeve', 'overflytning',
  'requested', 'accepted', 'in-progress', 'completed', 'cancelled', 'rejected',
];

/** `flag:isolation` → ['flag', 'isolation']; a key without a prefix has an empty one. */
export function splitKey(key: string): [string, string] {
  const i = key.indexOf(':');
  return i < 0 ? ['', key] : [key.slice(0, i), key.slice(i + 1)];
}

/** The symbols the visible columns actually show for these rows: the legend explains those and no others. */
export function legendKeys(rows: readonly BoardRow[], columns: readonly KnownColumn[]): string[] {
  const used = new Set<string>();
  const shown = new Set(columns);
  for (const r of rows) {
    if (shown.has('bed') && r.bed && r.bed.status !== 'occupied') used.add(`bed:${r.bed.status}`);
    if ((shown.has('bed') || shown.has('whereabouts')) && r.whereabouts && r.whereabouts !== 'in-bed') used.add(`where:${r.whereabouts}`);
    if (shown.has('flags')) for (const f of r.flags) used.add(`flag:${f}`);
    if (shown.has('ews') && r.earlyWarning) {
      used.add(`ews:${r.earlyWarning.risk}`);
      if (r.earlyWarning.overdue) used.add('obs:overdue');
    }
    if (shown.has('pendingTests') && r.pendingTests.length > 0) used.add('tests:pending');
    if (shown.has('tasks')) {
      for (const t of r.tasks) {
        if (!isOpenStatus(t.status)) continue;
        used.add(`task:${t.kind}`);
        used.add(`status:${t.status}`);
      }
    }
    if (shown.has('transfer') && r.transfer) {
      used.add('task:overflytning');
      used.add(`status:${r.transfer.status}`);
    }
  }
  const rank = (key: string) => {
    const [prefix, name] = splitKey(key);
    const p = (LEGEND_PREFIX_ORDER as readonly string[]).indexOf(prefix);
    const n = NAME_ORDER.indexOf(name);
    return (p < 0 ? 99 : p) * 1000 + (n < 0 ? 999 : n);
  };
  return [...used].sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
}

/** How a row is named to people: "Stue 3, Seng 10 – Åse Ørn", or the patient alone. */
export function rowLabel(row: BoardRow, noBed: string): string {
  const place = row.bed ? [row.bed.room, row.bed.name].filter(Boolean).join(', ') : noBed;
  return row.patient ? `${place} – ${row.patient.name}` : place;
}
