/** Keeps only what a screen's columns show: a row's fields for hidden columns are dropped before the JSON leaves the server (privacy on public screens). */
import type { BoardRow } from '../model.ts';

type Field = Exclude<keyof BoardRow, 'key' | 'encounterId' | 'admitted'>;

/** BoardRow fields each ward column shows; key, encounterId and admitted always stay. */
export const COLUMN_FIELDS: Readonly<Record<string, readonly Field[]>> = {
  bed: ['bed'],
  patient: ['patient'],
  whereabouts: ['whereabouts', 'awayAt', 'stayKind'],
  'responsible-nurse': ['responsibleNurse'],
  'responsible-doctor': ['responsibleDoctor'],
  'early-warning': ['earlyWarning'],
  flags: ['flags'],
  'pending-tests': ['pendingTests'],
  tasks: ['tasks'],
  'expected-discharge': ['expectedDischarge'],
  transfer: ['transfer'],
  comment: ['comment'],
};

const LIST_FIELDS: readonly Field[] = ['flags', 'pendingTests', 'tasks'];

/** The row with only the fields of the given columns (lists of hidden columns become empty). */
export function projectRow(row: BoardRow, columnIds: readonly string[]): BoardRow {
  const keep = new Set(columnIds.flatMap((id) => COLUMN_FIELDS[id] ?? []));
  const out: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(row)) {
    const f = field as keyof BoardRow;
    if (f === 'key' || f === 'encounterId' || f === 'admitted' || keep.has(f)) out[field] = value;
    else if ((LIST_FIELDS as readonly string[]).includes(f)) out[field] = [];
  }
  return out as unknown as BoardRow;
}
