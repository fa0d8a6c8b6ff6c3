/** NEWS2 (RCP 2017) as data: every band edge, both SpO2 scales, the oxygen row, ACVPU, rounding, the worked cases W1–W9 and the extra edges of the reference §3, the single-3 rule, incomplete and refused inputs. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { NEWS2_RCP_2017 as NEWS2 } from './rule-set-files.ts';
import { scoreVitals } from './score.ts';
import type { CompleteScore, Parameter, ScoreOptions, ScoreResult, VitalInputs } from './model.ts';
import { NOW, W1 } from './test-fixtures.ts';

const score = (inputs: VitalInputs, options: Partial<ScoreOptions> = {}): ScoreResult => scoreVitals(NEWS2, inputs, { now: NOW, ...options });
const complete = (inputs: VitalInputs, options: Partial<ScoreOptions> = {}): CompleteScore => {
  const r = score(inputs, options);
  assert.equal(r.status, 'complete', `expected a complete score, got ${JSON.stringify(r)}`);
  return r as CompleteScore;
};
const partOf = (r: CompleteScore, p: Parameter) => r.parts.find((x) => x.parameter === p);
const subScore = (p: Parameter, value: unknown, extra: VitalInputs = {}, options: Partial<ScoreOptions> = {}): number | undefined =>
  partOf(complete({ ...W1, ...extra, [p]: value } as VitalInputs, options), p)?.score;

describe('NEWS2 band edges (both sides of every edge)', () => {
  const edges: [Parameter, [number | boolean | string, number][]][] = [
    ['respiratoryRate', [[0, 3], [8, 3], [9, 1], [11, 1], [12, 0], [20, 0], [21, 2], [24, 2], [25, 3], [60, 3]]],
    ['spo2', [[70, 3], [91, 3], [92, 2], [93, 2], [94, 1], [95, 1], [96, 0], [100, 0]]],
    ['supplementalOxygen', [[false, 0], [true, 2]]],
    ['systolic', [[60, 3], [90, 3], [91, 2], [100, 2], [101, 1], [110, 1], [111, 0], [219, 0], [220, 3], [260, 3]]],
    ['heartRate', [[30, 3], [40, 3], [41, 1], [50, 1], [51, 0], [90, 0], [91, 1], [110, 1], [111, 2], [130, 2], [131, 3], [180, 3]]],
    ['consciousness', [['A', 0], ['C', 3], ['V', 3], ['P', 3], ['U', 3]]],
    ['temperature', [[33.0, 3], [35.0, 3], [35.1, 1], [36.0, 1], [36.1, 0], [38.0, 0], [38.1, 1], [39.0, 1], [39.1, 2], [41.5, 2]]],
  ];
  for (const [parameter, cases] of edges) {
    it(parameter, () => {
      for (const [value, expected] of cases) assert.equal(subScore(parameter, value), expected, `${parameter} ${String(value)} scores ${expected}`);
    });
  }
  it('temperature tops out at 2 on the high side', () => {
    assert.equal(subScore('temperature', 45), 2, '45 °C scores 2, not 3');
  });
});

describe('NEWS2 SpO2 Scale 2', () => {
  const s2 = { spo2Scale: 2 as const, scale2Ordered: true };
  it('scores the low side and 88–92 regardless of oxygen', () => {
    for (const o2 of [false, true]) {
      for (const [value, expected] of [[83, 3], [84, 2], [85, 2], [86, 1], [87, 1], [88, 0], [92, 0]] as const) {
        assert.equal(subScore('spo2', value, { supplementalOxygen: o2 }, s2), expected, `Scale 2 ${value} % ${o2 ? 'on oxygen' : 'on air'} scores ${expected}`);
      }
    }
  });
  it('scores ≥ 93 as 0 on air', () => {
    for (const value of [93, 95, 97, 100]) assert.equal(subScore('spo2', value, { supplementalOxygen: false }, s2), 0, `Scale 2 ${value} % on air scores 0`);
  });
  it('penalises over-oxygenation on oxygen: 93/94 → 1, 95/96 → 2, ≥ 97 → 3', () => {
    for (const [value, expected] of [[93, 1], [94, 1], [95, 2], [96, 2], [97, 3], [100, 3]] as const) {
      assert.equal(subScore('spo2', value, { supplementalOxygen: true }, s2), expected, `Scale 2 ${value} % on oxygen scores ${expected}`);
    }
  });
  it('records the scale used', () => {
    assert.equal(complete({ ...W1, spo2: 89 }, s2).spo2Scale, 2, 'spo2Scale 2 on the result');
    assert.equal(complete(W1).spo2Scale, 1, 'Scale 1 by default');
  });
});

describe('NEWS2 rounding (half-up; raw value kept)', () => {
  it('rounds temperature half-up to 0.1: 37.95 → 38.0 (0), 38.05 → 38.1 (1), 35.04 → 35.0 (3)', () => {
    const at = (t: number) => partOf(complete({ ...W1, temperature: t }), 'temperature');
    assert.deepEqual(at(37.95), { parameter: 'temperature', value: 37.95, rounded: 38.0, score: 0 }, '37.95 → 38.0 scores 0');
    assert.equal(at(38.05)?.rounded, 38.1, '38.05 → 38.1');
    assert.equal(at(38.05)?.score, 1, '38.1 scores 1');
    assert.equal(at(35.04)?.score, 3, '35.04 → 35.0 scores 3');
    assert.equal(at(36.05)?.score, 0, '36.05 → 36.1 scores 0 (not truncated to 36.0)');
  });
  it('rounds integer parameters half-up: 95.5 → 96, 95.4 → 95, RR 20.5 → 21', () => {
    assert.deepEqual(partOf(complete({ ...W1, spo2: 95.5 }), 'spo2'), { parameter: 'spo2', value: 95.5, rounded: 96, score: 0 }, '95.5 % → 96 scores 0');
    assert.equal(partOf(complete({ ...W1, spo2: 95.4 }), 'spo2')?.score, 1, '95.4 % → 95 scores 1');
    assert.equal(partOf(complete({ ...W1, respiratoryRate: 20.5 }), 'respiratoryRate')?.score, 2, 'RR 20.5 → 21 scores 2');
    assert.equal(partOf(complete({ ...W1, heartRate: 90.49 }), 'heartRate')?.score, 0, 'pulse 90.49 → 90 scores 0');
  });
});

describe('NEWS2 worked cases (reference §3)', () => {
  const cases: { name: string; inputs: VitalInputs; options?: Partial<ScoreOptions>; parts: number[]; total: number; risk: string; level: string; minutes: number }[] = [
    { name: 'W1', inputs: W1, parts: [0, 0, 0, 0, 0, 0, 0], total: 0, risk: 'low', level: 'routine', minutes: 720 },
    { name: 'W2 on oxygen', inputs: { ...W1, supplementalOxygen: true }, parts: [0, 0, 2, 0, 0, 0, 0], total: 2, risk: 'low', level: 'ward', minutes: 240 },
    { name: 'W3 RR 25', inputs: { ...W1, respiratoryRate: 25 }, parts: [3, 0, 0, 0, 0, 0, 0], total: 3, risk: 'low-medium', level: 'red', minutes: 60 },
    { name: 'W4 new confusion', inputs: { ...W1, consciousness: 'C' }, parts: [0, 0, 0, 0, 0, 3, 0], total: 3, risk: 'low-medium', level: 'red', minutes: 60 },
    { name: 'W5', inputs: { respiratoryRate: 21, spo2: 95, supplementalOxygen: false, systolic: 110, heartRate: 91, consciousness: 'A', temperature: 38.1 }, parts: [2, 1, 0, 1, 1, 0, 1], total: 6, risk: 'medium', level: 'urgent', minutes: 60 },
    { name: 'W6', inputs: { respiratoryRate: 22, spo2: 93, supplementalOxygen: false, systolic: 105, heartRate: 112, consciousness: 'A', temperature: 37.0 }, parts: [2, 2, 0, 1, 2, 0, 0], total: 7, risk: 'high', level: 'emergency', minutes: 15 },
    { name: 'W7a Scale 2', inputs: { ...W1, respiratoryRate: 18, spo2: 89, systolic: 130, heartRate: 80 }, options: { spo2Scale: 2, scale2Ordered: true }, parts: [0, 0, 0, 0, 0, 0, 0], total: 0, risk: 'low', level: 'routine', minutes: 720 },
    { name: 'W7b same on Scale 1', inputs: { ...W1, respiratoryRate: 18, spo2: 89, systolic: 130, heartRate: 80 }, parts: [0, 3, 0, 0, 0, 0, 0], total: 3, risk: 'low-medium', level: 'red', minutes: 60 },
    { name: 'W8 Scale 2 on oxygen', inputs: { ...W1, respiratoryRate: 18, spo2: 97, supplementalOxygen: true, systolic: 130, heartRate: 80 }, options: { spo2Scale: 2, scale2Ordered: true }, parts: [0, 3, 2, 0, 0, 0, 0], total: 5, risk: 'medium', level: 'urgent', minutes: 60 },
    { name: 'W9 maximum', inputs: { respiratoryRate: 8, spo2: 91, supplementalOxygen: true, systolic: 90, heartRate: 40, consciousness: 'U', temperature: 35.0 }, parts: [3, 3, 2, 3, 3, 3, 3], total: 20, risk: 'high', level: 'emergency', minutes: 15 },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const r = complete(c.inputs, c.options);
      assert.deepEqual(r.parts.map((p) => p.score), c.parts, `${c.name} sub-scores RR+SpO2+O2+SBP+pulse+ACVPU+temp`);
      assert.equal(r.total, c.total, `${c.name} total`);
      assert.equal(r.raw.riskBand, c.risk, `${c.name} risk band`);
      assert.equal(r.response.level, c.level, `${c.name} response level`);
      assert.equal(r.response.monitoringMinutes, c.minutes, `${c.name} monitoring interval`);
    });
  }
  it('W8: over-oxygenation on Scale 2 is a red score', () => {
    const r = complete({ ...W1, respiratoryRate: 18, spo2: 97, supplementalOxygen: true, systolic: 130, heartRate: 80 }, { spo2Scale: 2, scale2Ordered: true });
    assert.equal(r.anyRed, true, 'SpO2 3 is red');
    assert.deepEqual(r.response.triggers, ['total'], 'the urgent total outranks the red rule');
  });
});

describe('NEWS2 extra edge tests (reference §3)', () => {
  it('RR 20 / SpO2 96 / SBP 219 / pulse 90 / 38.0 °C all score 0', () => {
    const r = complete({ ...W1, respiratoryRate: 20, spo2: 96, systolic: 219, heartRate: 90, temperature: 38.0 });
    assert.equal(r.total, 0, 'total 0');
  });
  it('RR 9 + pulse 41 + 35.1 °C score 1 each: total 3, no red, low', () => {
    const r = complete({ ...W1, respiratoryRate: 9, heartRate: 41, temperature: 35.1 });
    assert.deepEqual([r.total, r.anyRed, r.raw.riskBand, r.response.level, r.response.monitoringMinutes], [3, false, 'low', 'ward', 240], 'total 3 without red: low, RN assesses, 4 h');
  });
  it('SBP 220 + pulse 131 score 3 each: total 6, urgent', () => {
    const r = complete({ ...W1, systolic: 220, heartRate: 131 });
    assert.deepEqual([r.total, r.anyRed, r.raw.riskBand, r.response.level], [6, true, 'medium', 'urgent'], 'two 3s make an urgent response, not merely red');
    assert.deepEqual(r.response.triggers, ['total'], 'the total set the level');
    assert.equal(r.response.priority, 'asap', 'urgent → asap');
  });
  it('Scale 2 on oxygen at 93 % scores 1 + 2 for O2 = 3, no red, low', () => {
    const r = complete({ ...W1, spo2: 93, supplementalOxygen: true }, { spo2Scale: 2, scale2Ordered: true });
    assert.deepEqual([r.total, r.anyRed, r.raw.riskBand, r.response.level], [3, false, 'low', 'ward'], 'total 3 without red');
  });
});

describe('NEWS2 single-parameter-3 rule', () => {
  it('total 3 from one red → red level, hourly, inform the medical team', () => {
    const r = complete({ ...W1, respiratoryRate: 25 });
    assert.equal(r.raw.level, 'red', 'raw level red');
    assert.equal(r.raw.riskBand, 'low-medium', 'risk low-medium (not medium)');
    assert.equal(r.response.monitoringMinutes, 60, 'hourly');
    assert.deepEqual(r.response.triggers, ['red'], 'the red rule set the level');
    assert.equal(r.response.escalate, true, 'escalates to the medical team');
    assert.equal(r.response.priority, 'urgent', 'red → urgent');
  });
  it('a red with total 1–4 does not raise the band to medium', () => {
    const r = complete({ ...W1, respiratoryRate: 25, supplementalOxygen: true });
    assert.deepEqual([r.total, r.raw.riskBand, r.response.level], [5, 'medium', 'urgent'], 'total 5 with red: urgent by total');
    const r4 = complete({ ...W1, respiratoryRate: 25, heartRate: 95 });
    assert.deepEqual([r4.total, r4.raw.riskBand, r4.response.level], [4, 'low-medium', 'red'], 'total 4 with red: red, low-medium');
  });
  it('total 6 from two 3s → urgent', () => {
    const r = complete({ ...W1, respiratoryRate: 25, consciousness: 'V' });
    assert.deepEqual([r.total, r.response.level, r.response.monitoringMinutes], [6, 'urgent', 60], 'urgent, hourly');
  });
});

describe('NEWS2 incomplete and refused inputs', () => {
  it('a missing input gives incomplete, never a 0', () => {
    const { temperature: _t, supplementalOxygen: _o, ...rest } = W1;
    assert.deepEqual(score(rest), { status: 'incomplete', missing: ['supplementalOxygen', 'temperature'] }, 'oxygen and temperature missing');
    assert.deepEqual(score({}), { status: 'incomplete', missing: ['respiratoryRate', 'spo2', 'supplementalOxygen', 'systolic', 'heartRate', 'consciousness', 'temperature'] }, 'everything missing');
  });
  it('Scale 2 without an order is refused', () => {
    const r = score({ ...W1, spo2: 89 }, { spo2Scale: 2 });
    assert.equal(r.status, 'refused', 'refused');
    assert.equal(r.status === 'refused' && r.reason, 'EWS_SCALE2_WITHOUT_ORDER', 'reason code');
    assert.equal(score({ ...W1 }, { spo2Scale: 2, scale2Ordered: false }).status, 'refused', 'scale2Ordered false is refused too');
  });
  it('free-text (or lower-case) consciousness is refused', () => {
    for (const value of ['confused', 'Alert', 'a', '', 3]) {
      const r = score({ ...W1, consciousness: value as never });
      assert.equal(r.status === 'refused' && r.reason, 'EWS_CONSCIOUSNESS_NOT_ACVPU', `consciousness ${JSON.stringify(value)} refused`);
    }
  });
  it('impossible numbers are refused, not scored', () => {
    assert.equal((score({ ...W1, spo2: 101 }) as { reason?: string }).reason, 'EWS_VALUE_OUT_OF_RANGE', 'SpO2 101 % refused');
    assert.equal((score({ ...W1, heartRate: Number.NaN }) as { reason?: string }).reason, 'EWS_VALUE_INVALID', 'NaN refused');
    assert.equal((score({ ...W1, temperature: 98.6 }) as { reason?: string }).reason, 'EWS_VALUE_OUT_OF_RANGE', '98.6 (°F given as °C) refused');
    assert.equal((score({ ...W1, supplementalOxygen: 'yes' as never }) as { reason?: string }).reason, 'EWS_VALUE_INVALID', 'oxygen must be boolean');
  });
});
