/**
 * Pure helpers of the vital-signs screens: parameter names and units for people, decimal numbers
 * typed with a comma, the order of patients and escalations, the Validation and ManualVitals bodies
 * built from what a nurse ticked and typed, plausibility hints, and an OperationOutcome's issues
 * mapped to the form's fields.
 */
import type { OperationOutcome } from '@medplum/fhirtypes';
import type { Acvpu, EscalationLevel, EscalationView, ManualVitals, PatientPending, ReadingView, ScoreView, Validation } from '../../../src/vitals/api-types.ts';
import type { Lang } from '../i18n/lang.ts';

export const ACVPU: readonly Acvpu[] = ['A', 'C', 'V', 'P', 'U'];
export const isAcvpu = (s: unknown): s is Acvpu => (ACVPU as readonly unknown[]).includes(s);

const PARAMETER_NAMES: Readonly<Record<string, { readonly da: string; readonly en: string }>> = {
  heartRate: { da: 'Puls', en: 'Heart rate' },
  respiratoryRate: { da: 'Respirationsfrekvens', en: 'Respiratory rate' },
  spo2: { da: 'SpO₂', en: 'SpO₂' },
  systolic: { da: 'Systolisk blodtryk', en: 'Systolic blood pressure' },
  diastolic: { da: 'Diastolisk blodtryk', en: 'Diastolic blood pressure' },
  meanPressure: { da: 'Middelblodtryk', en: 'Mean arterial pressure' },
  temperature: { da: 'Temperatur', en: 'Temperature' },
  consciousness: { da: 'Bevidsthed (ACVPU)', en: 'Consciousness (ACVPU)' },
  supplementalOxygen: { da: 'Ilttilskud', en: 'Supplemental oxygen' },
  concern: { da: 'Bekymring', en: 'Concern' },
};

/**
 * The name of a parameter in the language: the server's label when it sent one, else Kerne's name
 * of the parameter, else the raw code (a device code Kerne does not map).
 */
export function parameterLabel(parameter: string | undefined, lang: Lang, serverLabel?: { readonly da: string; readonly en: string }, code?: string): string {
  if (serverLabel?.[lang]) return serverLabel[lang];
  const known = parameter ? PARAMETER_NAMES[parameter] : undefined;
  return known ? known[lang] : (parameter ?? code ?? '');
}

/** UCUM units as people write them ('mm[Hg]' → 'mmHg', 'Cel' → '°C', '{beats}/min' → '/min'). */
export function unitText(unit: string | undefined): string {
  if (!unit) return '';
  const map: Record<string, string> = { 'mm[Hg]': 'mmHg', Cel: '°C', '[degF]': '°F', '/min': '/min', '{beats}/min': '/min', '{breaths}/min': '/min', '%': '%' };
  return map[unit] ?? unit;
}

/** A number as the language writes it (Danish decimal comma), without trailing zeros. */
export function formatNumber(value: number, lang: Lang): string {
  const text = String(Math.round(value * 100) / 100);
  return lang === 'da' ? text.replace('.', ',') : text;
}

/** "37,5 °C", "88 %", "112 /min". */
export function formatValue(value: number | string, unit: string | undefined, lang: Lang): string {
  const number = typeof value === 'number' ? formatNumber(value, lang) : value;
  const u = unitText(unit);
  return u ? `${number} ${u}` : number;
}

/** A decimal number typed by a person ('37,5', ' 37.5 '); undefined for an empty field, NaN for something else. */
export function parseDecimal(text: string): number | undefined {
  const s = text.trim().replace(',', '.');
  if (s === '') return undefined;
  return /^-?\d+(\.\d+)?$/.test(s) ? Number(s) : Number.NaN;
}

/** Beds in natural order ('Seng 2' before 'Seng 10'); patients without a bed last; then by name. */
export function sortPatients<T extends Pick<PatientPending, 'patient'>>(patients: readonly T[]): T[] {
  const collator = new Intl.Collator('da', { numeric: true, sensitivity: 'base' });
  return [...patients].sort((a, b) => {
    const ab = a.patient.bed;
    const bb = b.patient.bed;
    if (ab && !bb) return -1;
    if (!ab && bb) return 1;
    return collator.compare(ab ?? '', bb ?? '') || collator.compare(a.patient.name, b.patient.name);
  });
}

const LEVEL_ORDER: Readonly<Record<EscalationLevel, number>> = { emergency: 0, urgent: 1, red: 2, concern: 3 };
const STATUS_ORDER: Readonly<Record<EscalationView['status'], number>> = { requested: 0, accepted: 1, completed: 2 };
const time = (iso: string | undefined) => (iso ? Date.parse(iso) : Number.POSITIVE_INFINITY);

/** Escalations as a doctor works them: unacknowledged first, the most urgent level first, the earliest respond-by (then the oldest) first. */
export function sortEscalations(list: readonly EscalationView[]): EscalationView[] {
  return [...list].sort(
    (a, b) =>
      STATUS_ORDER[a.status] - STATUS_ORDER[b.status] ||
      (LEVEL_ORDER[a.level] ?? 9) - (LEVEL_ORDER[b.level] ?? 9) ||
      time(a.respondBy) - time(b.respondBy) ||
      time(a.authoredOn) - time(b.authoredOn),
  );
}

/** An unacknowledged escalation whose respond-by time has passed. */
export const isOverdue = (e: Pick<EscalationView, 'respondBy' | 'status'>, now: number): boolean =>
  e.status === 'requested' && e.respondBy !== undefined && Date.parse(e.respondBy) < now;

/** Whole minutes from `from` to `now` (never negative). */
export const minutesSince = (from: string, now: number): number => Math.max(0, Math.floor((now - Date.parse(from)) / 60_000));

/** Scores of the last `hours` hours, newest first. */
export function recentScores(scores: readonly ScoreView[], now: number, hours = 24): ScoreView[] {
  const from = now - hours * 3600_000;
  return scores.filter((s) => Date.parse(s.at) >= from).sort((a, b) => Date.parse(b.at) - Date.parse(a.at));
}

/** What the nurse did to a patient's pending readings: ticks (checked unless unticked), corrections as typed, ACVPU and oxygen. */
export interface ValidationDraft {
  readonly unchecked: ReadonlySet<string>;
  readonly corrections: Readonly<Record<string, string>>;
  readonly consciousness?: Acvpu;
  readonly supplementalOxygen?: boolean;
}

export const selectedReadings = (readings: readonly ReadingView[], draft: Pick<ValidationDraft, 'unchecked'>): ReadingView[] =>
  readings.filter((r) => !draft.unchecked.has(r.id));

/**
 * The Validation body for the ticked readings: accept with corrections (ticked readings whose
 * typed value differs from the device's), ACVPU and oxygen; or reject. `invalid` names the readings
 * whose correction is not a number (nothing is sent then).
 */
export function buildValidation(
  readings: readonly ReadingView[],
  draft: ValidationDraft,
  action: 'accept' | 'reject',
): { readonly body?: Validation; readonly invalid: readonly string[] } {
  const selected = selectedReadings(readings, draft);
  if (selected.length === 0) return { invalid: [] };
  if (action === 'reject') return { body: { reject: selected.map((r) => r.id) }, invalid: [] };
  const corrections: { id: string; value: number }[] = [];
  const invalid: string[] = [];
  for (const r of selected) {
    const value = parseDecimal(draft.corrections[r.id] ?? '');
    if (value === undefined) continue;
    if (Number.isNaN(value)) invalid.push(r.id);
    else if (value !== r.value) corrections.push({ id: r.id, value });
  }
  if (invalid.length > 0) return { invalid };
  const body: Validation = {
    accept: selected.map((r) => r.id),
    ...(corrections.length > 0 ? { corrections } : {}),
    ...(draft.consciousness ? { consciousness: draft.consciousness } : {}),
    ...(draft.supplementalOxygen !== undefined ? { supplementalOxygen: draft.supplementalOxygen } : {}),
  };
  return { body, invalid: [] };
}

/** The numeric fields of the manual vitals form, in display order. */
export const MANUAL_FIELDS = ['respiratoryRate', 'spo2', 'systolic', 'diastolic', 'heartRate', 'temperature'] as const;
export type ManualField = (typeof MANUAL_FIELDS)[number];

/** Plausible ranges: a value outside gets a hint to check it (the server decides what it accepts). */
export const PLAUSIBLE: Readonly<Record<ManualField, { readonly min: number; readonly max: number }>> = {
  respiratoryRate: { min: 4, max: 60 },
  spo2: { min: 50, max: 100 },
  systolic: { min: 50, max: 280 },
  diastolic: { min: 20, max: 180 },
  heartRate: { min: 20, max: 250 },
  temperature: { min: 30, max: 44 },
};

/** 'low' or 'high' when a typed number is outside the plausible range; undefined when it is inside, empty or not a number. */
export function rangeHint(field: ManualField, text: string): 'low' | 'high' | undefined {
  const value = parseDecimal(text);
  if (value === undefined || Number.isNaN(value)) return undefined;
  const { min, max } = PLAUSIBLE[field];
  return value < min ? 'low' : value > max ? 'high' : undefined;
}

export interface ManualDraft {
  readonly values: Readonly<Partial<Record<ManualField, string>>>;
  readonly consciousness?: Acvpu;
  readonly supplementalOxygen?: boolean;
  readonly concern: boolean;
}

/** The ManualVitals body of the form: only what was filled in; `invalid` lists fields that are not numbers; `empty` when nothing was entered. */
export function buildManualVitals(draft: ManualDraft): { readonly body?: ManualVitals; readonly invalid: readonly ManualField[]; readonly empty: boolean } {
  const numbers: Partial<Record<ManualField, number>> = {};
  const invalid: ManualField[] = [];
  for (const field of MANUAL_FIELDS) {
    const value = parseDecimal(draft.values[field] ?? '');
    if (value === undefined) continue;
    if (Number.isNaN(value)) invalid.push(field);
    else numbers[field] = value;
  }
  const body: ManualVitals = {
    ...numbers,
    ...(draft.consciousness ? { consciousness: draft.consciousness } : {}),
    ...(draft.supplementalOxygen !== undefined ? { supplementalOxygen: draft.supplementalOxygen } : {}),
    ...(draft.concern ? { concern: true } : {}),
  };
  const empty = Object.keys(body).length === 0;
  return invalid.length > 0 || empty ? { invalid, empty } : { body, invalid, empty };
}

/**
 * The messages of an OperationOutcome by form field: an issue's FHIRPath expression (or location)
 * names the field by its last segment ('ManualVitals.spo2', 'spo2', 'corrections[0].value');
 * issues that name no known field are `general`.
 */
export function outcomeByField<F extends string>(outcome: OperationOutcome | undefined, fields: readonly F[]): { readonly fields: Partial<Record<F, string>>; readonly general: readonly string[] } {
  const byField: Partial<Record<F, string>> = {};
  const general: string[] = [];
  for (const issue of outcome?.issue ?? []) {
    const text = issue.diagnostics ?? issue.details?.text ?? '';
    if (!text) continue;
    const paths = [...(issue.expression ?? []), ...(issue.location ?? [])];
    const field = paths.map((p) => p.split('.').at(-1)?.replace(/\[\d+\]$/, '')).find((f): f is F => f !== undefined && (fields as readonly string[]).includes(f));
    if (field && byField[field] === undefined) byField[field] = text;
    else if (field) byField[field] = `${byField[field]} ${text}`;
    else general.push(text);
  }
  return { fields: byField, general };
}

/** A datetime-local value (the browser's time zone) as an ISO instant; undefined when empty or invalid. */
export function localDateTimeToIso(value: string): string | undefined {
  if (!value) return undefined;
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? undefined : d.toISOString();
}
