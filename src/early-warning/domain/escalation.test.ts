/** Escalation to the doctor: when (by level and concern), the Task, its acknowledgement, de-duplication by level, and reading it back. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Task } from '@medplum/fhirtypes';
import { acknowledgeEscalation, buildEscalationTask, escalationFor, isEscalationError, readEscalationTask, shouldCreateEscalation } from './escalation.ts';
import type { CompleteScore, EscalationLevel, ScoreOptions, ScoreResult, VitalInputs } from './model.ts';
import { NEWS2_RCP_2017 as NEWS2 } from './rule-set-files.ts';
import { scoreVitals } from './score.ts';
import { NOW, W1 } from './test-fixtures.ts';

const score = (inputs: VitalInputs, options: Partial<ScoreOptions> = {}): ScoreResult => scoreVitals(NEWS2, inputs, { now: NOW, ...options });
const W3 = { ...W1, respiratoryRate: 25 };
const W5: VitalInputs = { respiratoryRate: 21, spo2: 95, supplementalOxygen: false, systolic: 110, heartRate: 91, consciousness: 'A', temperature: 38.1 };
const W6: VitalInputs = { respiratoryRate: 22, spo2: 93, supplementalOxygen: false, systolic: 105, heartRate: 112, consciousness: 'A', temperature: 37.0 };

describe('escalationFor', () => {
  it('does not call a doctor for routine or ward responses', () => {
    assert.equal(escalationFor(score(W1)), undefined, 'W1 total 0');
    assert.equal(escalationFor(score({ ...W1, supplementalOxygen: true })), undefined, 'W2 total 2: the nurse assesses');
  });
  it('red → urgent, ≥ 5 → asap, ≥ 7 → stat', () => {
    assert.deepEqual([escalationFor(score(W3))?.level, escalationFor(score(W3))?.priority], ['red', 'urgent'], 'single red');
    assert.deepEqual([escalationFor(score(W5))?.level, escalationFor(score(W5))?.priority], ['urgent', 'asap'], 'total 6');
    assert.deepEqual([escalationFor(score(W6))?.level, escalationFor(score(W6))?.priority], ['emergency', 'stat'], 'total 7');
  });
  it('says why in Danish', () => {
    assert.equal(escalationFor(score(W6))?.reason, 'NEWS2 7: akut vurdering — tilkald læge med intensiv kompetence', 'emergency reason');
    assert.match(escalationFor(score(W3))?.reason ?? '', /^NEWS2 3: enkeltparameter med 3 point/, 'red reason');
  });
  it('concern escalates at least urgent, also on an incomplete set, and never lowers', () => {
    assert.deepEqual([escalationFor(score(W1, { concern: true }))?.level, escalationFor(score(W1, { concern: true }))?.priority], ['red', 'urgent'], 'concern on total 0');
    const incomplete = score({ heartRate: 80 });
    assert.equal(incomplete.status, 'incomplete', 'incomplete set');
    assert.equal(escalationFor(incomplete), undefined, 'no escalation without concern');
    assert.deepEqual([escalationFor(incomplete, { concern: true })?.level, escalationFor(incomplete, { concern: true })?.priority], ['red', 'urgent'], 'concern on an incomplete set');
    assert.deepEqual([escalationFor(score(W6, { concern: true }))?.level, escalationFor(score(W6, { concern: true }))?.priority], ['emergency', 'stat'], 'concern does not lower an emergency');
    assert.match(escalationFor(score(W1, { concern: true }))?.reason ?? '', /bekymret/, 'concern named');
  });
});

const task = (level: EscalationLevel, status: Task['status'] = 'requested', result: ScoreResult = score(W6)): Task => ({
  ...buildEscalationTask({ id: `esc-${level}-${status}`, patient: 'Patient/p1', encounter: 'Encounter/e1', scoreObservation: 'Observation/ews-1', level, unit: 'Organization/med-a', now: NOW, result, ruleSet: NEWS2 }),
  status,
});

describe('buildEscalationTask', () => {
  it('is a requested order to the doctor role, focused on the score, to respond within the rule set\'s time', () => {
    const t = task('emergency');
    assert.deepEqual([t.status, t.intent, t.priority], ['requested', 'order', 'stat'], 'status, intent, priority');
    assert.deepEqual(t.code?.coding?.[0], { system: 'https://kerne.dk/fhir/CodeSystem/early-warning', code: 'early-warning-escalation', display: 'Early-warning escalation' }, 'code');
    assert.deepEqual(t.performerType?.[0]?.coding?.[0], { system: 'https://kerne.dk/fhir/CodeSystem/role', code: 'laege', display: 'Læge' }, 'the doctor role (Kerne roles)');
    assert.deepEqual([t.focus?.reference, t.for?.reference, t.encounter?.reference], ['Observation/ews-1', 'Patient/p1', 'Encounter/e1'], 'focus, for, encounter');
    assert.equal(t.businessStatus?.coding?.[0]?.code, 'emergency', 'businessStatus = level');
    assert.equal(t.description, 'NEWS2 7: akut vurdering — tilkald læge med intensiv kompetence', 'Danish description');
    assert.deepEqual(t.restriction?.period, { start: NOW.toISOString(), end: new Date(NOW.getTime() + 15 * 60_000).toISOString() }, 'respond within 15 min');
    assert.deepEqual(t.restriction?.recipient, [{ reference: 'Organization/med-a' }], 'the unit');
    assert.equal(t.input?.[0]?.valueInteger, 7, 'the total');
  });
  it('takes the time to respond from the level: red 60 min, urgent 30 min', () => {
    const end = (t: Task) => (Date.parse(t.restriction?.period?.end ?? '') - NOW.getTime()) / 60_000;
    assert.equal(end(task('red', 'requested', score(W3))), 60, 'red');
    assert.equal(end(task('urgent', 'requested', score(W5))), 30, 'urgent');
  });
  it('marks a concern', () => {
    const t = buildEscalationTask({ id: 'c', patient: 'Patient/p1', scoreObservation: 'Observation/concern-1', level: 'red', now: NOW, result: score({ heartRate: 80 }), concern: true, ruleSet: NEWS2 });
    assert.equal(t.reasonCode?.coding?.[0]?.code, 'nurse-concern', 'reasonCode nurse-concern');
    assert.equal(t.priority, 'urgent', 'urgent');
    assert.equal(readEscalationTask(t)?.concern, true, 'read back');
  });
});

describe('acknowledgeEscalation', () => {
  it('completes the Task with the doctor as owner, the execution period and a note', () => {
    const later = new Date(NOW.getTime() + 7 * 60_000);
    const done = acknowledgeEscalation(task('red'), { practitioner: 'Practitioner/dr-hansen', now: later, note: 'Set, øget til hver time' });
    assert.ok(!isEscalationError(done), 'acknowledged');
    assert.equal(done.status, 'completed', 'completed');
    assert.equal(done.owner?.reference, 'Practitioner/dr-hansen', 'owner');
    assert.deepEqual(done.executionPeriod, { start: later.toISOString(), end: later.toISOString() }, 'execution period');
    assert.equal(done.note?.[0]?.text, 'Set, øget til hver time', 'note');
    const summary = readEscalationTask(done, later);
    assert.deepEqual([summary?.acknowledgedBy, summary?.acknowledgedAt, summary?.open], ['Practitioner/dr-hansen', later.toISOString(), false], 'read back');
  });
  it('refuses a closed or foreign Task', () => {
    const done = acknowledgeEscalation(task('red'), { practitioner: 'Practitioner/d', now: NOW }) as Task;
    const again = acknowledgeEscalation(done, { practitioner: 'Practitioner/d', now: NOW });
    assert.ok(isEscalationError(again) && again.code === 'EWS_ESCALATION_CLOSED', 'already completed');
    const other = acknowledgeEscalation({ resourceType: 'Task', status: 'requested', intent: 'order' }, { practitioner: 'Practitioner/d', now: NOW });
    assert.ok(isEscalationError(other) && other.code === 'EWS_NOT_ESCALATION', 'not an escalation');
  });
});

describe('shouldCreateEscalation', () => {
  it('only when no open escalation at the same or a higher level exists', () => {
    assert.equal(shouldCreateEscalation([], 'red'), true, 'none open');
    assert.equal(shouldCreateEscalation([task('red')], 'urgent'), true, 'open red, new urgent: escalate further');
    assert.equal(shouldCreateEscalation([task('urgent')], 'urgent'), false, 'same level open');
    assert.equal(shouldCreateEscalation([task('emergency', 'accepted')], 'red'), false, 'higher level open (accepted)');
    assert.equal(shouldCreateEscalation([task('emergency', 'completed')], 'red'), true, 'a completed one does not block');
    assert.equal(shouldCreateEscalation([task('red', 'cancelled')], 'red'), true, 'a cancelled one does not block');
  });
  it('never for levels that do not call a doctor', () => {
    assert.equal(shouldCreateEscalation([], 'ward'), false, 'ward');
    assert.equal(shouldCreateEscalation([], 'routine'), false, 'routine');
  });
});

describe('readEscalationTask', () => {
  it('reads level, priority, due time, lateness and the score', () => {
    const t = task('urgent', 'requested', score(W5) as CompleteScore);
    const s = readEscalationTask(t, new Date(NOW.getTime() + 31 * 60_000));
    assert.deepEqual([s?.level, s?.priority, s?.open, s?.late, s?.score], ['urgent', 'asap', true, true, { total: 6, scoreCode: 'NEWS2', observation: 'Observation/ews-1' }], 'summary');
    assert.equal(readEscalationTask({ resourceType: 'Task', status: 'requested', intent: 'order' }), undefined, 'not an escalation');
  });
});
