/** The ILLUSTRATIVE TOKS variant: the engine applies it as written (no oxygen row, its own bands of action and colours). Not a test of clinical correctness. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { CompleteScore, ScoreOptions, VitalInputs } from './model.ts';
import { NEWS2_RCP_2017, TOKS_KERNE_ILLUSTRATIVE_1 as TOKS } from './rule-set-files.ts';
import { isClinicallyUsable } from './rule-set-schema.ts';
import { scoreVitals } from './score.ts';
import { NOW, W1 } from './test-fixtures.ts';

const { supplementalOxygen: _o2, ...W1_NO_O2 } = W1;
const complete = (inputs: VitalInputs, options: Partial<ScoreOptions> = {}): CompleteScore => {
  const r = scoreVitals(TOKS, inputs, { now: NOW, ...options });
  assert.equal(r.status, 'complete', `expected complete, got ${JSON.stringify(r)}`);
  return r as CompleteScore;
};

describe('TOKS illustrative variant', () => {
  it('is loudly marked draft and not for clinical use', () => {
    assert.equal(TOKS.status, 'draft', 'status draft');
    assert.equal(TOKS.clinicalUse, false, 'clinicalUse false');
    assert.ok(TOKS.notes.some((n) => /guideline owner/i.test(n)), 'a note that the guideline owner\'s table must replace it');
    assert.equal(isClinicallyUsable(TOKS, NOW), false, 'not usable for patient care');
    assert.equal(isClinicallyUsable(NEWS2_RCP_2017, NOW), true, 'NEWS2 is');
  });
  it('has no oxygen row: complete without oxygen, and oxygen does not score', () => {
    const r = complete(W1_NO_O2);
    assert.equal(r.total, 0, 'total 0 without an oxygen input');
    assert.equal(r.parts.some((p) => p.parameter === 'supplementalOxygen'), false, 'no oxygen part');
    assert.equal(complete({ ...W1, supplementalOxygen: true }).total, 0, 'oxygen given is not scored');
    assert.deepEqual(scoreVitals(TOKS, { ...W1_NO_O2, temperature: undefined }, { now: NOW }), { status: 'incomplete', missing: ['temperature'] }, 'a missing input is still incomplete');
  });
  it('applies its own action bands and colours', () => {
    const cases: [VitalInputs, number, string, string, number, string][] = [
      [W1_NO_O2, 0, 'low', 'routine', 1440, 'green'],
      [{ ...W1_NO_O2, heartRate: 95 }, 1, 'low', 'ward', 480, 'green'],
      [{ ...W1_NO_O2, heartRate: 95, temperature: 38.5 }, 2, 'low-medium', 'ward', 60, 'yellow'],
      [{ ...W1_NO_O2, heartRate: 95, temperature: 38.5, systolic: 105 }, 3, 'medium', 'urgent', 60, 'orange'],
      [{ ...W1_NO_O2, heartRate: 115, temperature: 39.5, systolic: 105, respiratoryRate: 10 }, 6, 'high', 'emergency', 15, 'red'],
    ];
    for (const [inputs, total, band, level, minutes, colour] of cases) {
      const r = complete(inputs);
      assert.deepEqual([r.total, r.raw.riskBand, r.response.level, r.response.monitoringMinutes, r.raw.colour.name], [total, band, level, minutes, colour], `TOKS total ${total}`);
    }
  });
  it('labels bands by colour in Danish', () => {
    assert.equal(complete({ ...W1_NO_O2, heartRate: 95, temperature: 38.5 }).raw.label.da, 'Gul', 'yellow is Gul');
  });
  it('a single red 3 at total 3 is already a doctor\'s assessment (the total row outranks red)', () => {
    const r = complete({ ...W1_NO_O2, respiratoryRate: 25 });
    assert.deepEqual([r.total, r.anyRed, r.response.level, r.response.priority], [3, true, 'urgent', 'asap'], 'urgent by total');
  });
  it('refuses SpO2 Scale 2, which it does not have, even with an order', () => {
    const r = scoreVitals(TOKS, W1_NO_O2, { now: NOW, spo2Scale: 2, scale2Ordered: true });
    assert.equal(r.status === 'refused' && r.reason, 'EWS_SCALE_NOT_IN_RULE_SET', 'refused');
  });
  it('reports the rule set on the result', () => {
    assert.deepEqual(complete(W1_NO_O2).ruleSet, { id: 'toks-kerne-illustrative', version: '1', scoreCode: 'TOKS', status: 'draft', clinicalUse: false }, 'rule set reference');
  });
});
