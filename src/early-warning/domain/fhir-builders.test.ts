/** Score Observation and RiskAssessment builders: the shape, the round trip through readScoreObservation, and the ward board (latestEarlyWarning) reading them. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Observation } from '@medplum/fhirtypes';
import { latestEarlyWarning } from '../../logistics/domain/early-warning.ts';
import { EARLY_WARNING_SYSTEM } from '../../logistics/model.ts';
import { EarlyWarningExtension } from './codes.ts';
import { buildRiskAssessment, buildScoreObservation, inputReferences, readScoreObservation } from './fhir-builders.ts';
import type { Adjustment, CompleteScore, ScoreOptions, VitalInputs } from './model.ts';
import { NEWS2_RCP_2017 as NEWS2, TOKS_KERNE_ILLUSTRATIVE_1 as TOKS } from './rule-set-files.ts';
import type { RuleSet } from './rule-set-schema.ts';
import { scoreVitals } from './score.ts';
import { acvpuObs, minutesAgo, NOW, oxygenObs, W1 } from './test-fixtures.ts';

const complete = (inputs: VitalInputs, options: Partial<ScoreOptions> = {}, ruleSet: RuleSet = NEWS2): CompleteScore => {
  const r = scoreVitals(ruleSet, inputs, { now: NOW, ...options });
  assert.equal(r.status, 'complete', 'complete score');
  return r as CompleteScore;
};
const EFFECTIVE = minutesAgo(10);
const INPUTS = inputReferences({ respiratoryRate: 'rr', spo2: 'spo2', supplementalOxygen: 'o2', systolic: 'bp', heartRate: 'hr', consciousness: 'acvpu', temperature: 'temp' });
const build = (result: CompleteScore, extra: { provisional?: boolean; ruleSet?: RuleSet; id?: string } = {}): Observation =>
  buildScoreObservation({ result, ruleSet: extra.ruleSet ?? NEWS2, patient: 'Patient/p1', encounter: 'Encounter/e1', inputs: INPUTS, effective: EFFECTIVE, id: extra.id ?? 'ews-1', ...(extra.provisional ? { provisional: true } : {}) });
const plus = (iso: string, minutes: number) => new Date(Date.parse(iso) + minutes * 60_000).toISOString();

describe('buildScoreObservation', () => {
  it('codes the score, its sub-scores, band, inputs, rule set, response and next due', () => {
    const obs = build(complete({ ...W1, respiratoryRate: 25 }));
    assert.equal(obs.status, 'final', 'final');
    assert.deepEqual(obs.code.coding?.[0], { system: EARLY_WARNING_SYSTEM, code: 'NEWS2', display: 'NEWS2' }, 'NEWS2 in the Kerne code system');
    assert.equal(obs.valueInteger, 3, 'total');
    assert.deepEqual(obs.interpretation?.[0]?.coding?.[0]?.code, 'low-medium', 'risk band word');
    assert.equal(obs.component?.length, 7, 'a component per sub-score');
    assert.deepEqual(obs.component?.[0]?.valueInteger, 3, 'RR sub-score');
    assert.deepEqual(obs.derivedFrom?.map((r) => r.reference), ['Observation/rr', 'Observation/spo2', 'Observation/o2', 'Observation/bp', 'Observation/hr', 'Observation/acvpu', 'Observation/temp'], 'derivedFrom the inputs');
    assert.equal(obs.method?.coding?.[0]?.code, 'news2@rcp-2017', 'rule set id@version');
    assert.equal(obs.extension?.find((e) => e.url === EarlyWarningExtension.nextDue)?.valueDateTime, plus(EFFECTIVE, 60), 'next due in 1 h');
    assert.equal(obs.subject?.reference, 'Patient/p1', 'subject');
    assert.equal(obs.encounter?.reference, 'Encounter/e1', 'encounter');
    assert.equal(obs.note, undefined, 'no illustrative-rule-set note on NEWS2');
  });
  it('is preliminary when provisional', () => {
    assert.equal(build(complete(W1), { provisional: true }).status, 'preliminary', 'preliminary');
  });
  it('marks a score from an illustrative rule set', () => {
    const { supplementalOxygen: _o, ...noO2 } = W1;
    const obs = build(complete(noO2, {}, TOKS), { ruleSet: TOKS });
    assert.equal(obs.code.coding?.[0]?.code, 'TOKS', 'TOKS');
    assert.match(obs.note?.[0]?.text ?? '', /ikke til klinisk brug/, 'noted as not for clinical use');
  });
});

describe('readScoreObservation', () => {
  it('round-trips a score', () => {
    const result = complete({ ...W1, spo2: 95.5, temperature: 37.95, consciousness: 'C' }, { concern: true });
    const summary = readScoreObservation(build(result), NOW);
    assert.ok(summary, 'read');
    assert.deepEqual(
      { total: summary.total, risk: summary.risk, level: summary.level, ruleSet: summary.ruleSet, nextDue: summary.nextDue, concern: summary.concern, triggers: summary.triggers, provisional: summary.provisional, spo2Scale: summary.spo2Scale },
      { total: 3, risk: 'low-medium', level: 'red', ruleSet: { id: 'news2', version: 'rcp-2017' }, nextDue: plus(EFFECTIVE, 60), concern: true, triggers: ['red', 'concern'], provisional: false, spo2Scale: 1 },
      'summary',
    );
    assert.deepEqual(summary.parts, result.parts.map((p) => ({ parameter: p.parameter, value: p.rounded, score: p.score })), 'parts with the rounded values');
    assert.equal(summary.overdue, false, 'not overdue 50 min before due');
    assert.equal(readScoreObservation(build(result), new Date(Date.parse(EFFECTIVE) + 61 * 60_000))?.overdue, true, 'overdue after 61 min');
  });
  it('round-trips the adjusted interpretation beside the raw one', () => {
    const adjustment: Adjustment = { parameters: { spo2: [{ max: 84, score: 3 }, { min: 85, max: 87, score: 1 }, { min: 88, score: 0 }] }, reason: 'KOL', author: 'Practitioner/d1', authoredOn: minutesAgo(60), expires: minutesAgo(-600) };
    const summary = readScoreObservation(build(complete({ ...W1, spo2: 88 }, { adjustment })));
    assert.deepEqual([summary?.total, summary?.risk, summary?.level], [3, 'low-medium', 'routine'], 'raw total and band; response routine under the adjustment');
    assert.deepEqual({ ...summary?.adjusted, parts: undefined }, { total: 0, risk: 'low', level: 'routine', monitoringMinutes: 720, reason: 'KOL', author: 'Practitioner/d1', expires: adjustment.expires, parts: undefined }, 'adjusted');
    assert.equal(summary?.adjusted?.parts.find((p) => p.parameter === 'spo2')?.score, 0, 'adjusted SpO2 part');
  });
  it('flags an expired adjustment', () => {
    const adjustment: Adjustment = { reason: 'KOL', author: 'Practitioner/d1', authoredOn: minutesAgo(600), expires: minutesAgo(1), monitoringMinutes: 480 };
    assert.equal(readScoreObservation(build(complete(W1, { adjustment })))?.adjustmentExpired, true, 'adjustmentExpired round-trips');
  });
  it('returns undefined for other Observations', () => {
    assert.equal(readScoreObservation(oxygenObs(true, EFFECTIVE)), undefined, 'an input Observation');
    assert.equal(readScoreObservation({ resourceType: 'Observation', id: 'x', status: 'final', code: { coding: [{ system: EARLY_WARNING_SYSTEM, code: 'NEWS2' }] }, valueInteger: 4 }), undefined, 'a bare total without Kerne\'s band and level');
  });
});

describe('the ward board reads the score Observation (latestEarlyWarning)', () => {
  const cases: [string, VitalInputs, string, number][] = [
    ['W1 total 0', W1, 'low', 720],
    ['W2 total 2', { ...W1, supplementalOxygen: true }, 'low', 240],
    ['W3 single red', { ...W1, respiratoryRate: 25 }, 'low-medium', 60],
    ['W5 total 6', { respiratoryRate: 21, spo2: 95, supplementalOxygen: false, systolic: 110, heartRate: 91, consciousness: 'A', temperature: 38.1 }, 'medium', 60],
    ['W6 total 7', { respiratoryRate: 22, spo2: 93, supplementalOxygen: false, systolic: 105, heartRate: 112, consciousness: 'A', temperature: 37.0 }, 'high', 15],
  ];
  for (const [name, inputs, risk, minutes] of cases) {
    it(name, () => {
      const obs = build(complete(inputs));
      const board = latestEarlyWarning([obs], NOW);
      assert.equal(board?.score, obs.valueInteger, 'score');
      assert.equal(board?.risk, risk, 'risk word');
      assert.equal(board?.at, EFFECTIVE, 'time of the score');
      assert.equal(board?.nextDue, plus(EFFECTIVE, minutes), 'the board\'s next due agrees with ours for NEWS2');
      assert.equal(board?.nextDue, obs.extension?.find((e) => e.url === EarlyWarningExtension.nextDue)?.valueDateTime, 'and with the next-due extension');
    });
  }
  it('ignores the Kerne-coded input Observations it also loads (no numeric value)', () => {
    const score = build(complete({ ...W1, respiratoryRate: 25 }));
    const board = latestEarlyWarning([score, oxygenObs(true, minutesAgo(1)), acvpuObs('C', minutesAgo(1))], NOW);
    assert.deepEqual([board?.score, board?.risk], [3, 'low-medium'], 'the score, not the later inputs');
  });
  it('reads a provisional score and TOKS colour bands by their risk word', () => {
    assert.equal(latestEarlyWarning([build(complete(W1), { provisional: true })], NOW)?.score, 0, 'preliminary shown');
    const { supplementalOxygen: _o, ...noO2 } = W1;
    const toks = build(complete({ ...noO2, heartRate: 95, temperature: 38.5 }, {}, TOKS), { ruleSet: TOKS });
    assert.equal(toks.interpretation?.[0]?.text, 'Gul', 'Danish colour label');
    assert.equal(latestEarlyWarning([toks], NOW)?.risk, 'low-medium', 'the board reads the code behind "Gul"');
  });
});

describe('buildRiskAssessment', () => {
  it('predicts deterioration with the band, based on the score', () => {
    const result = complete({ ...W1, systolic: 220, heartRate: 131 });
    const ra = buildRiskAssessment({ id: 'ra-1', result, ruleSet: NEWS2, patient: 'Patient/p1', encounter: 'Encounter/e1', scoreObservation: 'Observation/ews-1', effective: EFFECTIVE });
    assert.equal(ra.status, 'final', 'final');
    assert.deepEqual(ra.basis, [{ reference: 'Observation/ews-1' }], 'basis the score');
    assert.equal(ra.prediction?.[0]?.outcome?.coding?.[0]?.code, 'deterioration', 'outcome');
    assert.deepEqual(ra.prediction?.[0]?.qualitativeRisk?.coding?.map((c) => c.code), ['medium', 'moderate'], 'Kerne band and HL7 risk-probability');
    assert.equal(ra.prediction?.[0]?.rationale, 'NEWS2 6', 'rationale');
    assert.equal(ra.method?.coding?.[0]?.code, 'news2@rcp-2017', 'method');
    assert.equal(ra.occurrenceDateTime, EFFECTIVE, 'when');
    assert.match(ra.mitigation ?? '', /hurtig vurdering/, 'the response in Danish');
    assert.equal(buildRiskAssessment({ id: 'ra-2', result, ruleSet: NEWS2, patient: 'Patient/p1', scoreObservation: 'Observation/ews-1', effective: EFFECTIVE, provisional: true }).status, 'preliminary', 'preliminary with a provisional score');
  });
});
