/** Early-warning score on the board: NEWS2 bands, stated risk, next observation due and overdue. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Observation } from '@medplum/fhirtypes';
import { latestEarlyWarning, news2Risk } from './early-warning.ts';
import { minutesAgo, NOW } from './test-fixtures.ts';

const ews = (score: number, at: string, extra: Partial<Observation> = {}): Observation => ({
  resourceType: 'Observation', status: 'final', code: { text: 'NEWS2' }, subject: { reference: 'Patient/p1' }, effectiveDateTime: at, valueInteger: score, ...extra,
});

describe('early warning', () => {
  it('bands NEWS2 totals', () => {
    assert.deepEqual([0, 4, 5, 6, 7, 12].map(news2Risk), ['low', 'low', 'medium', 'medium', 'high', 'high'], 'bands 0–4, 5–6, ≥7');
  });
  it('sets the next observation by risk', () => {
    const at = minutesAgo(10);
    const due = (score: number, extra?: Partial<Observation>) => latestEarlyWarning([ews(score, at, extra)], NOW)?.nextDue;
    assert.equal(due(0), minutesAgo(10 - 12 * 60), 'score 0: 12 h');
    assert.equal(due(3), minutesAgo(10 - 4 * 60), 'low: 4 h');
    assert.equal(due(5), minutesAgo(10 - 60), 'medium: 1 h');
    assert.equal(due(8), minutesAgo(10 - 15), 'high: 15 min');
    assert.equal(due(3, { interpretation: [{ coding: [{ code: 'low-medium' }] }] }), minutesAgo(10 - 60), 'stated low-medium: 1 h');
  });
  it('takes a stated risk from an interpretation or a risk component', () => {
    const fromInterp = latestEarlyWarning([ews(3, minutesAgo(5), { interpretation: [{ text: 'Lav-middel' }] })], NOW);
    assert.equal(fromInterp?.risk, 'low-medium', 'Danish interpretation text');
    const fromComponent = latestEarlyWarning([ews(4, minutesAgo(5), { component: [{ code: { coding: [{ code: 'risk' }] }, valueCodeableConcept: { coding: [{ code: 'high' }] } }] })], NOW);
    assert.equal(fromComponent?.risk, 'high', 'risk component');
  });
  it('uses the latest usable observation and flags overdue', () => {
    const result = latestEarlyWarning([
      ews(2, minutesAgo(300)),
      ews(6, minutesAgo(90), { valueInteger: undefined, valueQuantity: { value: 6 } }),
      ews(9, minutesAgo(10), { status: 'entered-in-error' }),
    ], NOW);
    assert.deepEqual(result, { score: 6, risk: 'medium', at: minutesAgo(90), nextDue: minutesAgo(30), overdue: true }, 'score 6 90 min ago is 30 min overdue');
    assert.equal(latestEarlyWarning([], NOW), undefined, 'no observations');
    assert.equal(latestEarlyWarning([ews(1, minutesAgo(30))], NOW)?.overdue, false, 'not yet due');
  });
});
