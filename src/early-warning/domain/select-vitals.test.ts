/** Choosing a score's inputs from Observations: codes (incl. the BP panel's systolic component, °F), freshness windows, validated values only, latest by effective time (not by arrival). */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Observation } from '@medplum/fhirtypes';
import { NEWS2_RCP_2017 as NEWS2, TOKS_KERNE_ILLUSTRATIVE_1 as TOKS } from './rule-set-files.ts';
import { scoreVitals } from './score.ts';
import { selectVitalSet } from './select-vitals.ts';
import { acvpuObs, bpPanel, concernObs, loincObs, minutesAgo, NOW, oxygenObs, W1, w1Observations } from './test-fixtures.ts';

const without = (list: Observation[], id: string) => list.filter((o) => o.id !== id);

describe('selectVitalSet', () => {
  it('reads a complete set: LOINC vital signs, the BP panel\'s systolic component, oxygen and ACVPU', () => {
    const set = selectVitalSet(w1Observations(), NEWS2, NOW);
    assert.deepEqual(set.inputs, W1, 'the W1 inputs');
    assert.deepEqual(set.usedObservationIds, { respiratoryRate: 'rr', spo2: 'spo2', supplementalOxygen: 'o2', systolic: 'bp', heartRate: 'hr', consciousness: 'acvpu', temperature: 'temp' }, 'ids per input');
    assert.deepEqual([set.missing, set.provisional, set.rejected], [[], false, []], 'nothing missing, final');
    const r = scoreVitals(NEWS2, set.inputs, { now: NOW });
    assert.equal(r.status === 'complete' && r.total, 0, 'scores W1');
  });
  it('reads a stand-alone systolic (8480-6) and SpO2 coded 2708-6', () => {
    const list = [...without(without(w1Observations(), 'bp'), 'spo2'), loincObs('8480-6', 95, 'mm[Hg]', minutesAgo(3), { id: 'sbp' }), loincObs('2708-6', 93, '%', minutesAgo(3), { id: 'sat' })];
    const set = selectVitalSet(list, NEWS2, NOW);
    assert.deepEqual([set.inputs.systolic, set.usedObservationIds.systolic, set.inputs.spo2, set.usedObservationIds.spo2], [95, 'sbp', 93, 'sat'], 'systolic and SpO2 read');
  });
  it('converts °F to °C', () => {
    const list = [...without(w1Observations(), 'temp'), loincObs('8310-5', 100.4, '[degF]', minutesAgo(3), { id: 'tf' })];
    assert.equal(selectVitalSet(list, NEWS2, NOW).inputs.temperature, 38, '100.4 °F = 38.0 °C');
  });
  it('ignores a temperature without a known unit', () => {
    const list = [...without(w1Observations(), 'temp'), loincObs('8310-5', 37, 'K', minutesAgo(3), { id: 'tk' })];
    const set = selectVitalSet(list, NEWS2, NOW);
    assert.deepEqual([set.missing, set.rejected[0]?.input], [['temperature'], 'temperature'], 'temperature missing, the reading rejected');
  });
  it('keeps device vitals for 60 min and consciousness/oxygen for 240 min', () => {
    const list = [...without(without(without(w1Observations(), 'hr'), 'acvpu'), 'o2'), loincObs('8867-4', 72, '/min', minutesAgo(61), { id: 'hr-old' }), acvpuObs('A', minutesAgo(239), { id: 'acvpu-old' }), oxygenObs(false, minutesAgo(241), { id: 'o2-old' })];
    const set = selectVitalSet(list, NEWS2, NOW);
    assert.deepEqual(set.missing, ['supplementalOxygen', 'heartRate'], 'pulse (61 min) and oxygen (241 min) too old');
    assert.equal(set.usedObservationIds.consciousness, 'acvpu-old', 'ACVPU at 239 min still used');
    assert.equal(selectVitalSet([loincObs('8867-4', 72, '/min', minutesAgo(60), { id: 'hr60' })], NEWS2, NOW).inputs.heartRate, 72, 'exactly 60 min is inside');
  });
  it('uses validated values only: preliminary ignored unless allowed (then provisional)', () => {
    const list = [...without(w1Observations(), 'hr'), loincObs('8867-4', 72, '/min', minutesAgo(2), { id: 'hr-pre', status: 'preliminary' })];
    assert.deepEqual(selectVitalSet(list, NEWS2, NOW).missing, ['heartRate'], 'preliminary pulse ignored');
    const provisional = selectVitalSet(list, NEWS2, NOW, { allowPreliminary: true });
    assert.deepEqual([provisional.inputs.heartRate, provisional.provisional], [72, true], 'used when allowed, and the set is provisional');
  });
  it('ignores entered-in-error and cancelled values', () => {
    const list = [...w1Observations(10), loincObs('8867-4', 140, '/min', minutesAgo(1), { id: 'eie', status: 'entered-in-error' }), loincObs('8867-4', 150, '/min', minutesAgo(1), { id: 'cx', status: 'cancelled' })];
    assert.equal(selectVitalSet(list, NEWS2, NOW).inputs.heartRate, 72, 'the valid pulse');
  });
  it('takes the latest by effective time, never by arrival or lastUpdated', () => {
    const newer = { ...loincObs('8867-4', 110, '/min', minutesAgo(2), { id: 'hr-new' }), meta: { lastUpdated: minutesAgo(30) } };
    const older = { ...loincObs('8867-4', 80, '/min', minutesAgo(20), { id: 'hr-late-arrival' }), meta: { lastUpdated: minutesAgo(0) } };
    for (const list of [[newer, older], [older, newer]]) {
      const set = selectVitalSet([...without(w1Observations(), 'hr'), ...list], NEWS2, NOW);
      assert.deepEqual([set.inputs.heartRate, set.usedObservationIds.heartRate], [110, 'hr-new'], 'the newest effective time wins in either order');
    }
  });
  it('prefers a correction at the same effective time', () => {
    const at = minutesAgo(5);
    const list = [...without(w1Observations(), 'hr'), loincObs('8867-4', 150, '/min', at, { id: 'hr-orig' }), loincObs('8867-4', 75, '/min', at, { id: 'hr-corr', status: 'corrected' })];
    assert.equal(selectVitalSet(list, NEWS2, NOW).usedObservationIds.heartRate, 'hr-corr', 'corrected wins the tie');
  });
  it('reads oxygen from inhaled O2 flow (3151-8) and concentration (3150-0)', () => {
    const base = without(w1Observations(), 'o2');
    const flow = (v: number) => selectVitalSet([...base, loincObs('3151-8', v, 'L/min', minutesAgo(1), { id: 'flow' })], NEWS2, NOW).inputs.supplementalOxygen;
    const fio2 = (v: number) => selectVitalSet([...base, loincObs('3150-0', v, '%', minutesAgo(1), { id: 'fio2' })], NEWS2, NOW).inputs.supplementalOxygen;
    assert.deepEqual([flow(2), flow(0), fio2(28), fio2(21)], [true, false, true, false], '> 0 L/min and > 21 % are oxygen');
  });
  it('treats an unreadable latest ACVPU as missing, not the older value', () => {
    const freeText: Observation = { ...acvpuObs('A', minutesAgo(1), { id: 'acvpu-text' }), valueCodeableConcept: { text: 'lidt konfus' } };
    const set = selectVitalSet([...w1Observations(30), freeText], NEWS2, NOW);
    assert.deepEqual(set.missing, ['consciousness'], 'consciousness missing');
    assert.deepEqual(set.rejected.map((r) => [r.input, r.observationId]), [['consciousness', 'acvpu-text']], 'the free text is reported');
  });
  it('reads the nurse\'s concern within its window', () => {
    assert.equal(selectVitalSet([...w1Observations(), concernObs(true, minutesAgo(100), { id: 'worry' })], NEWS2, NOW).concern, true, 'concern read');
    assert.equal(selectVitalSet([...w1Observations(), concernObs(true, minutesAgo(100), { id: 'worry' })], NEWS2, NOW).usedObservationIds.concern, 'worry', 'its id');
    assert.equal(selectVitalSet([...w1Observations(), concernObs(true, minutesAgo(300))], NEWS2, NOW).concern, undefined, 'older than 240 min: not read');
  });
  it('reads only what the rule set scores (TOKS has no oxygen row)', () => {
    const set = selectVitalSet(without(w1Observations(), 'o2'), TOKS, NOW);
    assert.deepEqual(set.missing, [], 'nothing missing without oxygen');
    assert.equal('supplementalOxygen' in set.inputs, false, 'oxygen not selected');
  });
  it('ignores future-dated values beyond a small clock skew', () => {
    const list = [...without(w1Observations(), 'hr'), loincObs('8867-4', 72, '/min', new Date(NOW.getTime() + 60 * 60_000).toISOString(), { id: 'future' })];
    assert.deepEqual(selectVitalSet(list, NEWS2, NOW).missing, ['heartRate'], 'an hour ahead is ignored');
  });
  it('a BP panel without a systolic component gives no systolic', () => {
    const panel = bpPanel(120, 80, minutesAgo(1), { id: 'bp2' });
    panel.component = panel.component?.slice(1);
    assert.deepEqual(selectVitalSet([...without(w1Observations(), 'bp'), panel], NEWS2, NOW).missing, ['systolic'], 'systolic missing');
  });
});
