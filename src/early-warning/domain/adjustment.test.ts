/** Doctor-adjusted thresholds ("justeret NEWS2/TOKS") and the nurse's concern: applied beside the raw score, expired ones ignored and flagged, concern raises and never lowers. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { adjustmentProblems } from './adjustment.ts';
import { levelRank } from './interpret.ts';
import type { Adjustment, CompleteScore, ScoreOptions, VitalInputs } from './model.ts';
import { NEWS2_RCP_2017 as NEWS2 } from './rule-set-files.ts';
import { scoreVitals } from './score.ts';
import { NOW, W1 } from './test-fixtures.ts';

const complete = (inputs: VitalInputs, options: Partial<ScoreOptions> = {}): CompleteScore => {
  const r = scoreVitals(NEWS2, inputs, { now: NOW, ...options });
  assert.equal(r.status, 'complete', `expected complete, got ${JSON.stringify(r)}`);
  return r as CompleteScore;
};

/** A COPD patient on Scale 1 whose habitual SpO2 is 88–90 %: 88 and above scores 0. */
const copd: Adjustment = {
  parameters: { spo2: [{ max: 84, score: 3 }, { min: 85, max: 87, score: 1 }, { min: 88, score: 0 }] },
  reason: 'KOL, habituel saturation 88–90 %',
  author: 'Practitioner/dr-hansen',
  authoredOn: '2025-03-10T08:00:00Z',
  expires: '2025-03-11T08:00:00Z',
  ruleSet: 'news2',
};

describe('adjusted thresholds', () => {
  it('applies the adjusted bands and keeps the raw interpretation beside them', () => {
    const r = complete({ ...W1, spo2: 88 }, { adjustment: copd });
    assert.equal(r.total, 3, 'raw total stays 3 (SpO2 88 on Scale 1)');
    assert.equal(r.raw.level, 'red', 'raw: a red score');
    assert.equal(r.adjusted?.total, 0, 'adjusted total 0');
    assert.equal(r.adjusted?.level, 'routine', 'adjusted level routine');
    assert.equal(r.adjusted?.parts.find((p) => p.parameter === 'spo2')?.score, 0, 'adjusted SpO2 sub-score 0');
    assert.equal(r.response.basis, 'adjusted', 'the response follows the adjustment');
    assert.equal(r.response.level, 'routine', 'no escalation under the adjustment');
    assert.equal(r.adjustmentExpired, undefined, 'not flagged');
  });
  it('still escalates when the patient falls below the adjusted thresholds', () => {
    const r = complete({ ...W1, spo2: 84 }, { adjustment: copd });
    assert.equal(r.adjusted?.level, 'red', 'adjusted SpO2 84 scores 3: red');
    assert.equal(r.response.level, 'red', 'response red');
  });
  it('ignores and flags an expired adjustment', () => {
    const r = complete({ ...W1, spo2: 88 }, { adjustment: { ...copd, expires: '2025-03-10T11:59:59Z' } });
    assert.equal(r.adjusted, undefined, 'no adjusted interpretation');
    assert.equal(r.adjustmentExpired, true, 'flagged');
    assert.equal(r.adjustmentIgnored?.reason, 'expired', 'reason expired');
    assert.equal(r.response.basis, 'raw', 'raw response');
    assert.equal(r.response.level, 'red', 'the raw red score escalates again');
  });
  it('treats an unreadable expiry as expired', () => {
    assert.equal(complete(W1, { adjustment: { ...copd, expires: 'next week' } }).adjustmentExpired, true, 'fail safe to the raw rule set');
  });
  it('ignores an adjustment written for another rule set', () => {
    const r = complete({ ...W1, spo2: 88 }, { adjustment: { ...copd, ruleSet: 'toks-kerne-illustrative' } });
    assert.equal(r.adjustmentIgnored?.reason, 'other-rule-set', 'ignored: other rule set');
    assert.equal(r.adjusted, undefined, 'not applied');
  });
  it('ignores (and reports) adjusted bands with a gap', () => {
    const gap: Adjustment = { ...copd, parameters: { spo2: [{ max: 84, score: 3 }, { min: 88, score: 0 }] } };
    assert.ok(adjustmentProblems(NEWS2, gap).some((p) => p.includes('85')), 'the gap at 85 is named');
    const r = complete({ ...W1, spo2: 88 }, { adjustment: gap });
    assert.equal(r.adjustmentIgnored?.reason, 'invalid', 'ignored as invalid');
    assert.equal(r.response.level, 'red', 'raw response');
  });
  it('checks coded and boolean bands and unknown parameters', () => {
    assert.deepEqual(adjustmentProblems(NEWS2, copd), [], 'the COPD overlay is valid');
    assert.ok(adjustmentProblems(NEWS2, { ...copd, parameters: { consciousness: [{ codes: ['A', 'C'], score: 0 }] } }).length > 0, 'V, P, U uncovered');
    assert.deepEqual(adjustmentProblems(NEWS2, { ...copd, parameters: { supplementalOxygen: [{ value: true, score: 0 }, { value: false, score: 0 }] } }), [], 'oxygen row set to 0');
    assert.ok(adjustmentProblems(NEWS2, { ...copd, parameters: { pain: [] } as never }).length > 0, 'unknown parameter');
    assert.ok(adjustmentProblems(NEWS2, { ...copd, author: 'Patient/p1' }).length > 0, 'the author must be a practitioner');
  });
  it('monitoring interval: shortens always, lengthens only while not escalating', () => {
    const longer = { ...copd, parameters: {}, monitoringMinutes: 480 };
    assert.equal(complete({ ...W1, supplementalOxygen: true }, { adjustment: longer }).response.monitoringMinutes, 480, 'total 2 (ward): 8 h as ordered');
    assert.equal(complete({ ...W1, respiratoryRate: 25, heartRate: 131 }, { adjustment: longer }).response.monitoringMinutes, 60, 'urgent under the adjustment: the rule set\'s hourly wins');
    assert.equal(complete(W1, { adjustment: { ...copd, monitoringMinutes: 60 } }).response.monitoringMinutes, 60, 'total 0: shortened to hourly');
    assert.equal(complete(W1, { adjustment: { ...copd, monitoringMinutes: 60 } }).raw.monitoringMinutes, 720, 'raw interpretation keeps 12 h');
  });
});

describe('nurse concern', () => {
  it('raises a routine response to red (inform the medical team)', () => {
    const r = complete(W1, { concern: true });
    assert.equal(r.raw.level, 'routine', 'the score itself is unchanged');
    assert.equal(r.response.level, 'red', 'response raised to red');
    assert.deepEqual(r.response.triggers, ['concern'], 'concern set the level');
    assert.equal(r.response.monitoringMinutes, 60, 'hourly');
    assert.equal(r.response.escalate, true, 'escalates');
  });
  it('never lowers a response', () => {
    const sets: VitalInputs[] = [W1, { ...W1, supplementalOxygen: true }, { ...W1, respiratoryRate: 25 }, { ...W1, systolic: 220, heartRate: 131 }, { ...W1, respiratoryRate: 8, heartRate: 131, systolic: 90 }];
    for (const inputs of sets) {
      const without = complete(inputs).response;
      const withConcern = complete(inputs, { concern: true }).response;
      assert.ok(levelRank(withConcern.level) >= levelRank(without.level), `concern does not lower ${without.level}`);
      assert.ok(withConcern.monitoringMinutes <= without.monitoringMinutes, `concern does not lengthen ${without.monitoringMinutes} min`);
    }
    const emergency = complete({ ...W1, respiratoryRate: 8, heartRate: 131, systolic: 90 }, { concern: true }).response;
    assert.deepEqual([emergency.level, emergency.monitoringMinutes, emergency.triggers], ['emergency', 15, ['total']], 'emergency stays emergency, 15 min');
  });
  it('raises a response an adjustment lowered', () => {
    const r = complete({ ...W1, spo2: 88 }, { adjustment: copd, concern: true });
    assert.equal(r.adjusted?.level, 'routine', 'adjusted routine');
    assert.equal(r.response.level, 'red', 'concern still reaches the doctor');
  });
});
