/** The icon legend of a board: symbol and Danish/English text for flags, task kinds, task statuses, bed statuses, EWS risk and triage. */
import type { ResolvedTemplate } from '../api-types.ts';
import { BedStatus, BoardFlag, ED_ACTIVITY_KINDS, SERVICE_TASK_KINDS, TaskKind, TaskStatus, Triage } from '../model.ts';
import { EwsRisk } from './early-warning.ts';
import { BED_STATUS_SWATCHES, EWS_RISK_SWATCHES, TASK_STATUS_SWATCHES, TRIAGE_SWATCHES } from './palette.ts';

export type LegendEntry = ResolvedTemplate['legend'][number];
type Words = { readonly symbol: string; readonly da: string; readonly en: string };

export const FLAG_LEGEND: Readonly<Record<BoardFlag, Words>> = {
  isolation: { symbol: '☣', da: 'Isolation', en: 'Isolation' },
  faldrisiko: { symbol: '⤓', da: 'Faldrisiko', en: 'Fall risk' },
  cave: { symbol: '⚠', da: 'CAVE', en: 'CAVE (serious allergy or intolerance)' },
};

/** One symbol per staff group's task kind (portør, rengøring, laborant) and per ED activity. */
export const TASK_KIND_LEGEND: Readonly<Record<TaskKind, Words>> = {
  transport: { symbol: '⇄', da: 'Portør/transport', en: 'Porter/transport' },
  rengoering: { symbol: '✧', da: 'Rengøring', en: 'Cleaning' },
  blodproeve: { symbol: '⚗', da: 'Blodprøve (laborant)', en: 'Blood sample (lab technician)' },
  overflytning: { symbol: '⇥', da: 'Overflytning', en: 'Transfer' },
  triage: { symbol: '▲', da: 'Triage', en: 'Triage' },
  'oplyst-ventetid': { symbol: '⌛', da: 'Oplyst ventetid', en: 'Expected wait told' },
  'sygeplejerske-vurdering': { symbol: 'S', da: 'Sygeplejerskevurdering', en: 'Nurse assessment' },
  'laege-vurdering': { symbol: 'L', da: 'Lægevurdering', en: 'Doctor assessment' },
  'behandling-startet': { symbol: '▶', da: 'Behandling startet', en: 'Treatment started' },
  plan: { symbol: '☰', da: 'Plan lagt', en: 'Plan made' },
  afsluttet: { symbol: '✔', da: 'Afsluttet behandling', en: 'Treatment finished' },
};

const entries = <K extends string>(prefix: string, keys: readonly K[], table: Readonly<Record<K, Words>>): LegendEntry[] =>
  keys.map((k) => ({ key: `${prefix}:${k}`, symbol: table[k].symbol, da: table[k].da, en: table[k].en }));

const values = <T extends Record<string, string>>(o: T): T[keyof T][] => Object.values(o) as T[keyof T][];

/** The legend a board of this kind shows; keys are `flag:…`, `task:…`, `status:…`, `bed:…`, `ews:…`, `triage:…`. */
export function legendFor(kind: 'ward' | 'emergency'): LegendEntry[] {
  const statuses = entries('status', values(TaskStatus), TASK_STATUS_SWATCHES);
  if (kind === 'emergency') {
    return [...entries('triage', values(Triage), TRIAGE_SWATCHES), ...entries('task', ED_ACTIVITY_KINDS, TASK_KIND_LEGEND), ...statuses];
  }
  return [
    ...entries('flag', values(BoardFlag), FLAG_LEGEND),
    ...entries('task', [...SERVICE_TASK_KINDS, TaskKind.transfer], TASK_KIND_LEGEND),
    ...statuses,
    ...entries('bed', values(BedStatus), BED_STATUS_SWATCHES),
    ...entries('ews', values(EwsRisk), EWS_RISK_SWATCHES),
  ];
}
