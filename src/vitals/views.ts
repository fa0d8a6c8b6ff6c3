/** The JSON views of /api/vitals built from FHIR resources and the holding area's rows (pure). */
import type { Communication, Observation, Patient, Task } from '@medplum/fhirtypes';
import { READING_FLAG_EXTENSION } from '../devices/index.ts';
import { readEscalationTask, readScoreObservation } from '../early-warning/domain/index.ts';
import { refId } from '../logistics/index.ts';
import type { AlarmView, EscalationView, OutsideReadingView, PatientRef, ReadingView, ScoreView } from './api-types.ts';
import { PARAMETER_LABEL, parameterOf } from './parameter-labels.ts';

const CPR_SYSTEM = 'urn:oid:1.2.208.176.1.2';

export function patientRef(patient: Patient | undefined, id: string, bed?: string): PatientRef {
  const name = patient?.name?.[0];
  const text = name?.text ?? [...(name?.given ?? []), name?.family].filter(Boolean).join(' ');
  const cpr = patient?.identifier?.find((i) => i.system === CPR_SYSTEM)?.value;
  return { id, name: text || `Patient ${id}`, ...(cpr ? { cpr } : {}), ...(bed ? { bed } : {}) };
}

export function readingView(obs: Observation, deviceNames: ReadonlyMap<string, string> = new Map()): ReadingView | undefined {
  const parameter = parameterOf(obs);
  const value = obs.valueQuantity?.value;
  if (!obs.id || value === undefined) return undefined;
  const deviceId = refId(obs.device, 'Device');
  const deviceName = deviceId ? deviceNames.get(deviceId) : undefined;
  return {
    id: obs.id,
    parameter: parameter ?? obs.code.coding?.[0]?.code ?? 'unknown',
    label: parameter ? PARAMETER_LABEL[parameter] : { da: obs.code.text ?? 'Måling', en: obs.code.text ?? 'Reading' },
    value,
    unit: obs.valueQuantity?.code ?? obs.valueQuantity?.unit ?? '',
    at: obs.effectiveDateTime ?? obs.issued ?? '',
    status: obs.status as ReadingView['status'],
    ...(deviceId ? { device: { id: deviceId, ...(deviceName ? { name: deviceName } : {}) } } : {}),
    flags: (obs.extension ?? []).filter((x) => x.url === READING_FLAG_EXTENSION && x.valueCode).map((x) => x.valueCode!),
  };
}

export interface OutsideRow {
  key: string;
  state: 'held' | 'aside';
  device_id: string;
  observed_at: string | Date;
  received_at: string | Date;
  bed_id: string | null;
  reading: { concept?: string; code?: { code: string; display?: string }; value?: number; unit?: string; original?: { value: string; unit?: string }; observation?: Observation };
  reason: string;
}

const iso = (v: string | Date) => (v instanceof Date ? v.toISOString() : new Date(v).toISOString());

export function outsideView(row: OutsideRow, names: { device?: string; bed?: string } = {}): OutsideReadingView {
  const r = row.reading;
  const obs = r.observation;
  return {
    id: row.key,
    state: row.state,
    ...(r.concept ? { parameter: r.concept } : obs ? { parameter: parameterOf(obs) ?? '' } : {}),
    code: r.code ? `${r.code.code}${r.code.display ? ` ${r.code.display}` : ''}` : obs?.code.coding?.[0]?.code ?? '',
    value: r.original?.value ?? (r.value !== undefined ? String(r.value) : obs?.valueQuantity?.value !== undefined ? String(obs.valueQuantity.value) : ''),
    ...((r.original?.unit ?? r.unit ?? obs?.valueQuantity?.code) ? { unit: r.original?.unit ?? r.unit ?? obs?.valueQuantity?.code } : {}),
    at: iso(row.observed_at),
    receivedAt: iso(row.received_at),
    device: { id: row.device_id, ...(names.device ? { name: names.device } : {}), ...(names.bed ? { bed: names.bed } : {}) },
    reason: row.reason,
  };
}

export function alarmView(c: Communication, deviceNames: ReadonlyMap<string, string>, patient?: PatientRef): AlarmView {
  const details = c.extension?.find((x) => x.url === 'https://kerne.dk/fhir/StructureDefinition/device-alarm')?.extension ?? [];
  const part = (url: string) => details.find((x) => x.url === url)?.valueString;
  const deviceId = refId(c.about?.[0], 'Device') ?? '';
  const name = deviceNames.get(deviceId);
  const priority = part('priority');
  const state = part('state');
  const phase = part('phase');
  return {
    id: c.id!,
    device: { id: deviceId, ...(name ? { name } : {}) },
    ...(patient ? { patient } : {}),
    text: c.payload?.[0]?.contentString ?? 'Alarm',
    ...(priority ? { priority } : {}),
    ...(state ? { state } : {}),
    ...(phase ? { phase } : {}),
    at: c.sent ?? '',
    active: c.status === 'in-progress',
  };
}

export function scoreView(obs: Observation, now: Date): ScoreView | undefined {
  const s = readScoreObservation(obs, now);
  if (!s) return undefined;
  return {
    observationId: s.observationId,
    system: s.scoreCode,
    ruleSet: s.ruleSet,
    total: s.total,
    risk: s.risk,
    level: s.level,
    at: s.at,
    ...(s.nextDue ? { nextDue: s.nextDue } : {}),
    overdue: s.overdue,
    provisional: s.provisional,
    parts: s.parts,
    ...(s.adjusted ? { adjusted: { level: s.adjusted.level ?? s.level, reason: s.adjusted.reason ?? '', expires: s.adjusted.expires ?? '' } } : {}),
    concern: s.concern,
  };
}

export function escalationView(task: Task, patient: PatientRef, now: Date): EscalationView | undefined {
  const e = readEscalationTask(task, now);
  if (!e?.id) return undefined;
  const status = e.status === 'completed' ? 'completed' : e.status === 'requested' ? 'requested' : 'accepted';
  return {
    id: e.id,
    patient,
    level: e.level,
    priority: e.priority,
    description: e.description,
    ...(e.score ? { score: { total: e.score.total, system: e.score.scoreCode } } : {}),
    status,
    authoredOn: e.authoredOn ?? '',
    ...(e.respondBy ? { respondBy: e.respondBy } : {}),
    ...(e.acknowledgedBy ? { acknowledgedBy: e.acknowledgedBy } : {}),
    ...(e.acknowledgedAt ? { acknowledgedAt: e.acknowledgedAt } : {}),
  };
}
