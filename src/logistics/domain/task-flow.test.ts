/** The service-task state machine, the transfer handshake and their refusals; the task builders. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Task } from '@medplum/fhirtypes';
import { applyTaskAction, applyTransferAction, isTaskFlowError, type TaskAction, type TaskFlowError, type TransferAction } from './task-flow.ts';
import { edActivityTask, newServiceTask, newTransferTask, taskDestination } from './task-builders.ts';
import { transferBed } from './transfers.ts';
import { NOW, ref, task } from './test-fixtures.ts';

const at = NOW.toISOString();
const porter = { reference: 'Practitioner/porter1' };

function ok(result: Task | TaskFlowError, what: string): Task {
  assert.ok(!isTaskFlowError(result), `${what}: ${isTaskFlowError(result) ? result.error : ''}`);
  return result;
}
function refused(result: Task | TaskFlowError, code: string, what: string): void {
  assert.ok(isTaskFlowError(result), `${what} is refused`);
  assert.equal(result.code, code, `${what}: ${result.error}`);
}
const run = (t: Task, actions: TaskAction[]): Task => actions.reduce((acc, a) => ok(applyTaskAction(acc, a, NOW, porter), a), t);

describe('applyTaskAction', () => {
  const requested = task('t1', 'transport', 'requested');

  it('walks requested → accepted → in-progress → completed with Danish business status and times', () => {
    const accepted = ok(applyTaskAction(requested, 'accept', NOW, porter), 'accept');
    assert.deepEqual([accepted.status, accepted.businessStatus?.text, accepted.owner, accepted.lastModified], ['accepted', 'Accepteret', porter, at], 'accepted with owner');
    const started = ok(applyTaskAction(accepted, 'start', NOW), 'start');
    assert.deepEqual([started.status, started.businessStatus?.text, started.executionPeriod], ['in-progress', 'I gang', { start: at }], 'started');
    const later = new Date(NOW.getTime() + 600_000);
    const done = ok(applyTaskAction(started, 'complete', later), 'complete');
    assert.deepEqual([done.status, done.businessStatus?.text, done.executionPeriod], ['completed', 'Afsluttet', { start: at, end: later.toISOString() }], 'completed');
    assert.equal(requested.status, 'requested', 'the input is not changed');
  });

  it('cancels from requested or accepted', () => {
    const cancelled = ok(applyTaskAction(requested, 'cancel', NOW), 'cancel requested');
    assert.deepEqual([cancelled.status, cancelled.businessStatus?.text, cancelled.executionPeriod?.end], ['cancelled', 'Aflyst', at], 'cancelled');
    assert.equal(run(requested, ['accept', 'cancel']).status, 'cancelled', 'cancel accepted');
  });

  it('lets a job be started or completed at once (ED activities, quick jobs)', () => {
    const quick = run(requested, ['complete']);
    assert.deepEqual([quick.status, quick.executionPeriod, quick.owner], ['completed', { start: at, end: at }, porter], 'completed straight away');
    assert.equal(run(requested, ['start']).status, 'in-progress', 'started without accepting');
  });

  it('refuses what the machine does not allow', () => {
    const cancelled = run(requested, ['cancel']);
    refused(applyTaskAction(cancelled, 'complete', NOW), 'TASK_INVALID_TRANSITION', 'completing a cancelled task');
    refused(applyTaskAction(run(requested, ['start']), 'cancel', NOW), 'TASK_INVALID_TRANSITION', 'cancelling a task in progress');
    refused(applyTaskAction(run(requested, ['complete']), 'start', NOW), 'TASK_INVALID_TRANSITION', 'restarting a completed task');
    refused(applyTaskAction(run(requested, ['accept']), 'accept', NOW), 'TASK_INVALID_TRANSITION', 'accepting twice');
    refused(applyTaskAction(task('x', 'overflytning', 'requested'), 'accept', NOW), 'TASK_WRONG_KIND', 'a transfer through the service flow');
  });
});

describe('applyTransferAction', () => {
  const transfer = newTransferTask({ now: NOW, patient: ref('Patient', 'p9'), encounter: ref('Encounter', 'e9'), from: ref('Organization', 'KIR'), to: ref('Organization', 'MED'), toWard: ref('Location', 'M1'), report: 'Stabil, klar til medicinsk' });
  const step = (t: Task, a: TransferAction, bed?: string): Task => ok(applyTransferAction(t, a, NOW, bed ? { bed: { reference: `Location/${bed}` } } : undefined), a);

  it('builds the request: report sent to the receiving unit', () => {
    assert.deepEqual(
      [transfer.status, transfer.intent, transfer.code?.coding?.[0]?.code, transfer.focus, transfer.requester, transfer.owner, transfer.location, transfer.description, transfer.authoredOn, transfer.businessStatus?.text],
      ['requested', 'order', 'overflytning', ref('Encounter', 'e9'), ref('Organization', 'KIR'), ref('Organization', 'MED'), ref('Location', 'M1'), 'Stabil, klar til medicinsk', at, 'Afventer svar'],
      'transfer task');
    const signed = newTransferTask({ now: NOW, patient: ref('Patient', 'p9'), encounter: ref('Encounter', 'e9'), from: ref('Organization', 'KIR'), to: ref('Organization', 'MED'), report: 'R', sentBy: ref('Practitioner', 'n1') });
    assert.deepEqual([signed.requester, signed.note?.[0]?.authorReference, signed.note?.[0]?.text], [ref('Organization', 'KIR'), ref('Practitioner', 'n1'), 'R'], 'sender signs the report note; requester stays the unit');
  });

  it('accepts, assigns a bed (ready), may change it, and moves', () => {
    const accepted = step(transfer, 'accept');
    assert.deepEqual([accepted.status, accepted.businessStatus?.text], ['accepted', 'Accepteret'], 'accepted');
    const ready = step(accepted, 'assign-bed', 'M1-s2-b2');
    assert.deepEqual([ready.status, ready.businessStatus?.text, transferBed(ready)?.reference, ready.executionPeriod?.start], ['in-progress', 'Seng klar', 'Location/M1-s2-b2', at], 'bed assigned');
    assert.equal(ready.input?.[0]?.type.coding?.[0]?.code, 'seng', 'input typed seng');
    const changed = step(ready, 'assign-bed', 'M1-s1-b1');
    assert.deepEqual([changed.input?.length, transferBed(changed)?.reference], [1, 'Location/M1-s1-b1'], 'the new bed replaces the old');
    const moved = step(changed, 'move');
    assert.deepEqual([moved.status, moved.businessStatus?.text, moved.executionPeriod?.end], ['completed', 'Flyttet', at], 'moved');
  });

  it('rejects and refuses steps out of order', () => {
    const rejected = step(transfer, 'reject');
    assert.deepEqual([rejected.status, rejected.businessStatus?.text], ['rejected', 'Afvist'], 'rejected');
    refused(applyTransferAction(rejected, 'accept', NOW), 'TASK_INVALID_TRANSITION', 'accepting a rejected transfer');
    refused(applyTransferAction(transfer, 'move', NOW), 'TASK_INVALID_TRANSITION', 'moving before a bed is ready');
    refused(applyTransferAction(transfer, 'assign-bed', NOW, { bed: { reference: 'Location/b' } }), 'TASK_INVALID_TRANSITION', 'a bed before accepting');
    refused(applyTransferAction(step(transfer, 'accept'), 'assign-bed', NOW), 'TASK_BED_MISSING', 'assigning no bed');
    refused(applyTransferAction(step(transfer, 'accept'), 'reject', NOW), 'TASK_INVALID_TRANSITION', 'rejecting after accepting');
    refused(applyTransferAction(task('x', 'transport', 'requested'), 'accept', NOW), 'TASK_WRONG_KIND', 'a service task through the handshake');
    const noBed: Task = { ...transfer, status: 'in-progress' };
    refused(applyTransferAction(noBed, 'move', NOW), 'TASK_BED_MISSING', 'moving with no bed assigned');
  });
});

describe('newServiceTask', () => {
  it('builds a requested order for the staff group', () => {
    const t = newServiceTask({ kind: 'rengoering', now: NOW, bed: ref('Location', 'M1-s1-b2'), ward: ref('Location', 'M1'), requester: ref('Organization', 'MED'), description: 'Slutrengøring', priority: 'urgent' });
    assert.deepEqual(
      [t.status, t.intent, t.code?.coding?.[0]?.code, t.performerType?.[0]?.coding?.[0], t.priority, t.authoredOn, t.focus, t.location, t.businessStatus?.text, t.for],
      ['requested', 'order', 'rengoering', { system: 'https://kerne.dk/fhir/CodeSystem/role', code: 'rengoering' }, 'urgent', at, ref('Location', 'M1-s1-b2'), ref('Location', 'M1'), 'Afventer', undefined],
      'cleaning task');
    const transport = newServiceTask({ kind: 'transport', now: NOW, patient: ref('Patient', 'p1'), encounter: ref('Encounter', 'e1'), destination: 'Røntgen' });
    assert.deepEqual([transport.performerType?.[0]?.coding?.[0]?.code, transport.priority, taskDestination(transport), transport.for, transport.focus, transport.encounter],
      ['portoer', 'routine', 'Røntgen', ref('Patient', 'p1'), ref('Encounter', 'e1'), ref('Encounter', 'e1')], 'porter task for the patient, focused on the stay, with destination');
    const triage = edActivityTask({ kind: 'triage', now: NOW, patient: ref('Patient', 'p1'), encounter: ref('Encounter', 'e1') });
    assert.deepEqual([triage.performerType, triage.code?.coding?.[0]?.code, triage.encounter, triage.status], [undefined, 'triage', ref('Encounter', 'e1'), 'requested'], 'ED activities have no staff group');
  });
});
