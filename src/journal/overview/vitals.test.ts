/** Seneste vitale værdier og score: latest final value per sign with the trend of three; the early-warning score, "ufuldstændig" when it says so. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Observation } from '@medplum/fhirtypes';
import { EARLY_WARNING_SYSTEM } from '../../logistics/index.ts';
import { buildVitals } from './vitals.ts';
import { daysAgo, input, stored } from './test-fixtures.ts';

const pulse = (id: string, value: number, at: string, status: Observation['status'] = 'final'): Observation =>
  stored({ resourceType: 'Observation', status, code: { coding: [{ system: 'http://loinc.org', code: '8867-4' }] }, effectiveDateTime: at, valueQuantity: { value, unit: '/min' } }, id);
const score = (id: string, extra: Partial<Observation>): Observation =>
  stored({ resourceType: 'Observation', status: 'final', code: { coding: [{ system: EARLY_WARNING_SYSTEM, code: 'NEWS2' }] }, effectiveDateTime: daysAgo(0.1), ...extra }, id);

describe('buildVitals', () => {
  test('the latest final value, its time and the trend of the last three; preliminary values left out', () => {
    const items = buildVitals(input({ vitals: [pulse('o1', 80, daysAgo(3)), pulse('o2', 90, daysAgo(2)), pulse('o3', 100, daysAgo(1)), pulse('o4', 130, daysAgo(0.5), 'preliminary')] }));
    assert.equal(items[0]!.text, 'Puls 100 /min (tendens ↑: 80 /min → 90 /min → 100 /min)', 'latest final, trend up');
    assert.equal(items[0]!.date, daysAgo(1), 'its time');
    assert.deepEqual(items[0]!.citations.map((c) => c.id), ['o3', 'o2', 'o1'], 'cites the three');
  });

  test('the early-warning score; "ufuldstændig" when incomplete', () => {
    const complete = buildVitals(input({ earlyWarningScores: [score('s1', { valueInteger: 3, interpretation: [{ text: 'Lav' }] })] }));
    assert.equal(complete[0]!.text, 'NEWS2 3 (lav)', 'score and band');
    const incomplete = buildVitals(input({ earlyWarningScores: [score('s2', { dataAbsentReason: { text: 'ufuldstændig' } })] }));
    assert.equal(incomplete[0]!.text, 'NEWS2: ufuldstændig', 'says incomplete');
    assert.ok(incomplete[0]!.flags?.includes('ufuldstændig'), 'flagged');
    assert.deepEqual(buildVitals(input()), [], 'no values: no items');
  });
});
