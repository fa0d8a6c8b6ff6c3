/** Doctor's orders on the score as ServiceRequests: the SpO2 Scale 2 order and the adjusted-thresholds order round-trip, and only active, unexpired orders count. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ServiceRequest } from '@medplum/fhirtypes';
import type { Adjustment, CompleteScore } from './model.ts';
import { buildAdjustmentOrder, buildScale2Order, currentAdjustment, hasScale2Order, readAdjustmentOrder, readScale2Order } from './orders.ts';
import { NEWS2_RCP_2017 as NEWS2 } from './rule-set-files.ts';
import { scoreVitals } from './score.ts';
import { minutesAgo, NOW, W1 } from './test-fixtures.ts';

const adjustment: Adjustment = {
  parameters: {
    spo2: [{ max: 84, score: 3 }, { min: 85, max: 87, score: 1 }, { min: 88, score: 0 }],
    temperature: [{ max: 35.0, score: 3 }, { min: 35.1, max: 36.0, score: 1 }, { min: 36.1, max: 38.5, score: 0 }, { min: 38.6, max: 39.0, score: 1 }, { min: 39.1, score: 2 }],
    consciousness: [{ codes: ['A', 'C'], score: 0 }, { codes: ['V', 'P', 'U'], score: 3 }],
    supplementalOxygen: [{ value: false, score: 0 }, { value: true, score: 0 }],
  },
  monitoringMinutes: 480,
  reason: 'KOL og kendt kronisk konfusion; habituel saturation 88 %',
  author: 'Practitioner/dr-hansen',
  authoredOn: minutesAgo(120),
  expires: minutesAgo(-24 * 60),
  ruleSet: 'news2',
};

describe('adjusted-thresholds order', () => {
  it('is an active order with reason, requester and expiry', () => {
    const sr = buildAdjustmentOrder({ id: 'adj-1', patient: 'Patient/p1', encounter: 'Encounter/e1', adjustment });
    assert.deepEqual([sr.status, sr.intent, sr.code?.coding?.[0]?.code], ['active', 'order', 'adjusted-thresholds'], 'status, intent, code');
    assert.deepEqual([sr.reasonCode?.[0]?.text, sr.requester?.reference, sr.occurrencePeriod?.end, sr.authoredOn], [adjustment.reason, 'Practitioner/dr-hansen', adjustment.expires, adjustment.authoredOn], 'reason, requester, expiry, authored');
    assert.equal(sr.extension?.[0]?.url, 'https://kerne.dk/fhir/StructureDefinition/early-warning-adjustment', 'the adjustment extension');
  });
  it('round-trips numeric, coded and boolean bands', () => {
    const sr = buildAdjustmentOrder({ patient: 'Patient/p1', adjustment });
    assert.deepEqual(readAdjustmentOrder(JSON.parse(JSON.stringify(sr)) as ServiceRequest), adjustment, 'the same Adjustment back (through JSON)');
  });
  it('reads only active orders with the code', () => {
    const sr = buildAdjustmentOrder({ patient: 'Patient/p1', adjustment });
    assert.equal(readAdjustmentOrder({ ...sr, status: 'revoked' }), undefined, 'revoked');
    assert.equal(readAdjustmentOrder({ ...sr, intent: 'proposal' }), undefined, 'a proposal is not an order');
    assert.equal(readAdjustmentOrder({ ...sr, code: { text: 'other' } }), undefined, 'other code');
    assert.equal(readAdjustmentOrder({ ...sr, reasonCode: [] }), undefined, 'no reason');
  });
  it('the engine applies the order read back, and flags it once expired', () => {
    const read = readAdjustmentOrder(buildAdjustmentOrder({ patient: 'Patient/p1', adjustment }))!;
    const r = scoreVitals(NEWS2, { ...W1, spo2: 88, consciousness: 'C' }, { now: NOW, adjustment: read }) as CompleteScore;
    assert.deepEqual([r.total, r.adjusted?.total, r.response.level, r.response.monitoringMinutes], [6, 0, 'routine', 480], 'raw 6; adjusted 0, 8-hourly');
    const expired = scoreVitals(NEWS2, W1, { now: new Date(Date.parse(adjustment.expires) + 1), adjustment: read }) as CompleteScore;
    assert.equal(expired.adjustmentExpired, true, 'expired flagged');
  });
  it('currentAdjustment: the newest in force, else the newest expired', () => {
    const old = buildAdjustmentOrder({ patient: 'Patient/p1', adjustment: { ...adjustment, authoredOn: minutesAgo(600), reason: 'old' } });
    const newer = buildAdjustmentOrder({ patient: 'Patient/p1', adjustment: { ...adjustment, authoredOn: minutesAgo(60), reason: 'newer', expires: minutesAgo(1) } });
    assert.equal(currentAdjustment([newer, old], NOW)?.reason, 'old', 'the one in force');
    assert.equal(currentAdjustment([newer], NOW)?.reason, 'newer', 'an expired one, to flag');
  });
});

describe('SpO2 Scale 2 order', () => {
  const order = { reason: 'KOL med hyperkapni; målsaturation 88–92 %', author: 'Practitioner/dr-hansen', authoredOn: minutesAgo(60), expires: minutesAgo(-60) };
  it('round-trips', () => {
    const sr = buildScale2Order({ id: 's2', patient: 'Patient/p1', order });
    assert.deepEqual([sr.status, sr.intent, sr.code?.coding?.[0]?.code, sr.occurrencePeriod?.end], ['active', 'order', 'spo2-scale-2', order.expires], 'the order');
    assert.deepEqual(readScale2Order(sr), order, 'read back');
  });
  it('counts only while in force', () => {
    const sr = buildScale2Order({ patient: 'Patient/p1', order });
    assert.equal(hasScale2Order([sr], NOW), true, 'in force');
    assert.equal(readScale2Order(sr, new Date(Date.parse(order.expires) + 1)), undefined, 'expired');
    assert.equal(hasScale2Order([{ ...sr, status: 'completed' }], NOW), false, 'completed');
    const { expires: _e, ...open } = order;
    assert.equal(hasScale2Order([buildScale2Order({ patient: 'Patient/p1', order: open })], NOW), true, 'no expiry: until revoked');
  });
});
