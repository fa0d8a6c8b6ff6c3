import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { EscalationView, PatientPending, ReadingView, ScoreView } from '../../../src/vitals/api-types.ts';
import {
  buildManualVitals,
  buildValidation,
  formatValue,
  isOverdue,
  localDateTimeToIso,
  minutesSince,
  outcomeByField,
  parameterLabel,
  parseDecimal,
  rangeHint,
  recentScores,
  sortEscalations,
  sortPatients,
  unitText,
} from './vitals.helpers.ts';

const reading = (id: string, parameter: string, value: number, unit = '/min'): ReadingView => ({
  id,
  parameter,
  label: { da: parameter, en: parameter },
  value,
  unit,
  at: '2025-01-15T10:00:00Z',
  status: 'preliminary',
  flags: [],
});

const escalation = (id: string, level: EscalationView['level'], extra: Partial<EscalationView> = {}): EscalationView => ({
  id,
  patient: { id: `p-${id}`, name: id },
  level,
  priority: 'urgent',
  description: '',
  status: 'requested',
  authoredOn: '2025-01-15T10:00:00Z',
  ...extra,
});

describe('parameter labels, units and numbers', () => {
  it('prefers the server’s label, then Kerne’s name, then the raw code', () => {
    assert.equal(parameterLabel('heartRate', 'da', { da: 'Hjertefrekvens', en: 'HR' }), 'Hjertefrekvens', 'the server’s Danish label');
    assert.equal(parameterLabel('heartRate', 'en', { da: 'Hjertefrekvens', en: 'HR' }), 'HR', 'the server’s English label');
    assert.equal(parameterLabel('respiratoryRate', 'da'), 'Respirationsfrekvens', 'Kerne’s Danish name');
    assert.equal(parameterLabel('temperature', 'en'), 'Temperature', 'Kerne’s English name');
    assert.equal(parameterLabel(undefined, 'da', undefined, 'MDC_PULS_OXIM_PERF_REL'), 'MDC_PULS_OXIM_PERF_REL', 'an unmapped device code as it came');
    assert.equal(parameterLabel('somethingElse', 'da'), 'somethingElse', 'an unknown parameter as it came');
  });

  it('writes UCUM units as people do and Danish numbers with a decimal comma', () => {
    assert.equal(unitText('mm[Hg]'), 'mmHg', 'mm[Hg]');
    assert.equal(unitText('Cel'), '°C', 'Cel');
    assert.equal(unitText(undefined), '', 'no unit');
    assert.equal(formatValue(37.5, 'Cel', 'da'), '37,5 °C', 'Danish decimal comma');
    assert.equal(formatValue(37.5, 'Cel', 'en'), '37.5 °C', 'English decimal point');
    assert.equal(formatValue(112, '/min', 'da'), '112 /min', 'an integer');
    assert.equal(formatValue('88', '%', 'da'), '88 %', 'a value that came as text');
  });

  it('reads decimals typed with a comma or a point, and tells empty from nonsense', () => {
    assert.equal(parseDecimal('37,5'), 37.5, 'comma');
    assert.equal(parseDecimal(' 37.5 '), 37.5, 'point and spaces');
    assert.equal(parseDecimal(''), undefined, 'empty');
    assert.ok(Number.isNaN(parseDecimal('12a')), 'not a number');
    assert.ok(Number.isNaN(parseDecimal('1,2,3')), 'two decimal marks');
  });
});

describe('ordering', () => {
  it('sorts patients by bed in natural order, the bedless last, then by name', () => {
    const p = (name: string, bed?: string): PatientPending => ({ patient: { id: name, name, ...(bed ? { bed } : {}) }, readings: [], autoFinalise: false });
    const sorted = sortPatients([p('Åse'), p('Bo', '10'), p('Anna', '2'), p('Carl', '2')]).map((x) => x.patient.name);
    assert.deepEqual(sorted, ['Anna', 'Carl', 'Bo', 'Åse'], 'bed 2 before bed 10, names within a bed, no bed last');
  });

  it('puts unacknowledged escalations first, the emergency first, the earliest respond-by first', () => {
    const list = [
      escalation('concern', 'concern'),
      escalation('red-late', 'red', { respondBy: '2025-01-15T11:00:00Z' }),
      escalation('ack', 'emergency', { status: 'accepted' }),
      escalation('red-soon', 'red', { respondBy: '2025-01-15T10:30:00Z' }),
      escalation('emergency', 'emergency'),
      escalation('urgent', 'urgent'),
    ];
    assert.deepEqual(
      sortEscalations(list).map((e) => e.id),
      ['emergency', 'urgent', 'red-soon', 'red-late', 'concern', 'ack'],
      'the order a doctor works them in',
    );
    assert.equal(list[0]?.id, 'concern', 'the input is not changed');
  });

  it('marks an open escalation overdue after its respond-by time, and counts minutes since', () => {
    const now = Date.parse('2025-01-15T10:31:00Z');
    assert.equal(isOverdue(escalation('a', 'red', { respondBy: '2025-01-15T10:30:00Z' }), now), true, 'past respond-by');
    assert.equal(isOverdue(escalation('b', 'red', { respondBy: '2025-01-15T10:45:00Z' }), now), false, 'before respond-by');
    assert.equal(isOverdue(escalation('c', 'red', { respondBy: '2025-01-15T10:30:00Z', status: 'accepted' }), now), false, 'acknowledged is never overdue');
    assert.equal(isOverdue(escalation('d', 'red'), now), false, 'no respond-by');
    assert.equal(minutesSince('2025-01-15T10:00:00Z', now), 31, 'whole minutes');
    assert.equal(minutesSince('2025-01-15T11:00:00Z', now), 0, 'never negative');
  });

  it('keeps the scores of the last 24 hours, newest first', () => {
    const s = (id: string, at: string) => ({ observationId: id, at }) as ScoreView;
    const now = Date.parse('2025-01-16T12:00:00Z');
    const kept = recentScores([s('old', '2025-01-15T11:59:00Z'), s('a', '2025-01-15T13:00:00Z'), s('b', '2025-01-16T11:00:00Z')], now).map((x) => x.observationId);
    assert.deepEqual(kept, ['b', 'a'], 'older than a day is left out; newest first');
  });
});

describe('the Validation body', () => {
  const readings = [reading('r1', 'heartRate', 112), reading('r2', 'spo2', 91, '%'), reading('r3', 'temperature', 38.4, 'Cel')];

  it('accepts the ticked readings with corrections, ACVPU and oxygen', () => {
    const built = buildValidation(readings, { unchecked: new Set(['r2']), corrections: { r1: '98', r2: '95', r3: '38,4' }, consciousness: 'C', supplementalOxygen: false }, 'accept');
    assert.deepEqual(
      built.body,
      { accept: ['r1', 'r3'], corrections: [{ id: 'r1', value: 98 }], consciousness: 'C', supplementalOxygen: false },
      'the unticked reading and its correction are left out; a "correction" equal to the value is not one',
    );
  });

  it('leaves out what was not given, and rejects the ticked readings only', () => {
    assert.deepEqual(buildValidation(readings, { unchecked: new Set(), corrections: {} }, 'accept').body, { accept: ['r1', 'r2', 'r3'] }, 'no corrections, ACVPU or oxygen');
    assert.deepEqual(buildValidation(readings, { unchecked: new Set(['r1']), corrections: { r2: '90' }, consciousness: 'A' }, 'reject').body, { reject: ['r2', 'r3'] }, 'a rejection carries only ids');
  });

  it('sends nothing when a correction is not a number or nothing is ticked', () => {
    const bad = buildValidation(readings, { unchecked: new Set(), corrections: { r3: 'høj' } }, 'accept');
    assert.equal(bad.body, undefined, 'no body with an invalid correction');
    assert.deepEqual(bad.invalid, ['r3'], 'the invalid correction is named');
    const none = buildValidation(readings, { unchecked: new Set(['r1', 'r2', 'r3']), corrections: {} }, 'accept');
    assert.equal(none.body, undefined, 'no body when nothing is ticked');
    assert.deepEqual(none.invalid, [], 'and nothing invalid');
  });
});

describe('the ManualVitals body and its hints', () => {
  it('sends only what was filled in, with decimals typed with a comma', () => {
    const built = buildManualVitals({ values: { respiratoryRate: '22', spo2: '', temperature: '38,2' }, consciousness: 'A', supplementalOxygen: true, concern: false });
    assert.deepEqual(built.body, { respiratoryRate: 22, temperature: 38.2, consciousness: 'A', supplementalOxygen: true }, 'empty fields and an unticked concern are left out');
    assert.deepEqual(buildManualVitals({ values: {}, concern: true }).body, { concern: true }, 'a concern alone');
  });

  it('names fields that are not numbers, and knows an empty form', () => {
    const bad = buildManualVitals({ values: { heartRate: '9o' }, concern: false });
    assert.equal(bad.body, undefined, 'nothing to send');
    assert.deepEqual(bad.invalid, ['heartRate'], 'the field');
    assert.equal(buildManualVitals({ values: { spo2: ' ' }, concern: false }).empty, true, 'blank is empty');
  });

  it('hints at implausible values without judging empty or invalid text', () => {
    assert.equal(rangeHint('spo2', '120'), 'high', 'SpO2 above 100');
    assert.equal(rangeHint('temperature', '29,5'), 'low', 'hypothermic beyond plausibility');
    assert.equal(rangeHint('heartRate', '80'), undefined, 'plausible');
    assert.equal(rangeHint('heartRate', ''), undefined, 'empty');
    assert.equal(rangeHint('heartRate', 'x'), undefined, 'not a number is another message');
  });
});

describe('OperationOutcome issues by field', () => {
  it('maps an issue’s expression (or location) to a field by its last segment', () => {
    const mapped = outcomeByField(
      {
        resourceType: 'OperationOutcome',
        issue: [
          { severity: 'error', code: 'value', diagnostics: 'SpO2 skal være mellem 0 og 100', expression: ['ManualVitals.spo2'] },
          { severity: 'error', code: 'value', details: { text: 'Ukendt bevidsthedsniveau' }, location: ['consciousness'] },
          { severity: 'error', code: 'invalid', diagnostics: 'Patienten er ikke indlagt' },
          { severity: 'error', code: 'value', diagnostics: 'For høj', expression: ['corrections[0].value'] },
        ],
      },
      ['spo2', 'consciousness', 'heartRate'] as const,
    );
    assert.deepEqual(mapped.fields, { spo2: 'SpO2 skal være mellem 0 og 100', consciousness: 'Ukendt bevidsthedsniveau' }, 'field messages');
    assert.deepEqual(mapped.general, ['Patienten er ikke indlagt', 'For høj'], 'issues naming no known field');
    assert.deepEqual(outcomeByField(undefined, ['spo2'] as const), { fields: {}, general: [] }, 'no outcome');
  });

  it('turns a datetime-local value into an instant', () => {
    assert.equal(localDateTimeToIso(''), undefined, 'empty');
    assert.equal(localDateTimeToIso('nonsense'), undefined, 'invalid');
    assert.equal(localDateTimeToIso('2025-01-15T10:00'), new Date(2025, 0, 15, 10, 0).toISOString(), 'local time');
  });
});
