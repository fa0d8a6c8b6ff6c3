/** The ward board rows: beds in natural order with their patients, the ward's other patients, and what each row shows. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { BoardRow } from '../model.ts';
import { deriveWardBoard } from './board-rows.ts';
import { AAUH_CAPACITY_RULES } from './capacity.ts';
import { applyTransferAction, isTaskFlowError } from './task-flow.ts';
import { NOW, wardScenario } from './test-fixtures.ts';

const board = (s = wardScenario(), wardId = 'M1', names: 'full' | 'initials' = 'full') => deriveWardBoard(s, wardId, { names, now: NOW, rules: AAUH_CAPACITY_RULES });
const rowOf = (rows: readonly BoardRow[], encounterId: string): BoardRow => {
  const row = rows.find((r) => r.encounterId === encounterId);
  assert.ok(row, `a row for ${encounterId}`);
  return row;
};

describe('deriveWardBoard', () => {
  it('has a row per bed in room/bed natural order, then the ward’s patients without a bed here', () => {
    const { rows } = board();
    const summary = rows.map((r) => `${r.bed ? `${r.bed.room}/${r.bed.name}:${r.bed.status}` : '-'} ${r.patient?.name ?? ''} ${r.whereabouts ?? ''}`.trim());
    assert.deepEqual(summary, [
      'Stue 1/Seng 1:occupied Anna Marie Jensen in-bed',
      'Stue 1/Seng 2:cleaning',
      'Stue 1/Seng 10:blocked',
      'Stue 2/Seng 1:occupied Bo Ledsager in-bed',
      'Stue 2/Seng 2:free',
      'Stue 10/Seng 1:occupied Carl Orlov on-leave',
      '- Dorte Gang corridor',
      '- Erik Dag corridor',
      '- Gitte Operation away',
      '- Ib Overflyt incoming',
      '- Karen Ankommet incoming',
      '- Frida Planlagt incoming',
    ], 'row order');
    assert.equal(new Set(rows.map((r) => r.key)).size, rows.length, 'row keys are unique');
  });

  it('shows everything about Anna’s stay', () => {
    const anna = rowOf(board().rows, 'e1');
    assert.deepEqual(anna.patient, { id: 'p1', name: 'Anna Marie Jensen', cpr: '100350-1234', age: 75, sex: 'female' }, 'patient on a staff screen');
    assert.equal(anna.admitted, '2025-03-08T08:00:00Z', 'admitted');
    assert.equal(anna.expectedDischarge, '2025-03-12T10:00:00Z', 'expected discharge');
    assert.equal(anna.responsibleNurse, 'Sofie Sygeplejerske', 'nurse from the Practitioner');
    assert.equal(anna.responsibleDoctor, 'Lars Læge', 'doctor from the member display');
    assert.deepEqual(anna.flags, ['isolation', 'cave'], 'active isolation flag and CAVE from a high-criticality allergy; inactive and other-stay flags left out');
    assert.deepEqual(anna.pendingTests, ['Hæmoglobin', 'NPU01234'], 'active requests without a result, oldest first');
    assert.deepEqual(anna.tasks.map((t) => `${t.id}:${t.kind}:${t.status}`), ['t2:blodproeve:in-progress', 't1:transport:requested'],
      'open service tasks; yesterday’s done cleaning and the ED triage activity left out');
    assert.deepEqual(anna.earlyWarning, { score: 5, risk: 'medium', at: '2025-03-10T08:30:00.000Z', nextDue: '2025-03-10T09:30:00.000Z', overdue: true }, 'TOKS 5, hourly, overdue');
    assert.equal(anna.comment, 'Tolk: polsk', 'board comment');
    assert.equal(anna.transfer, undefined, 'no transfer');
  });

  it('shows cleaning tasks on the empty bed they concern, today’s done ones included', () => {
    const bed = board().rows.find((r) => r.bed?.id === 'M1-s1-b2');
    assert.deepEqual(bed?.tasks.map((t) => `${t.id}:${t.status}`), ['t4:completed', 't5:requested'], 'cleaning done this morning and a new cleaning request');
    assert.equal(bed?.patient, undefined, 'no patient');
  });

  it('places away and overflow patients with where they are', () => {
    const { rows } = board();
    assert.deepEqual([rowOf(rows, 'e7').whereabouts, rowOf(rows, 'e7').awayAt], ['away', 'OP 3'], 'theatre');
    assert.deepEqual([rowOf(rows, 'e4').whereabouts, rowOf(rows, 'e4').awayAt], ['corridor', 'Gangen'], 'corridor');
    assert.deepEqual([rowOf(rows, 'e5').awayAt, rowOf(rows, 'e5').stayKind], ['Dagligstuen', 'dagbehandling'], 'day room, day treatment');
    assert.equal(rowOf(rows, 'e2').stayKind, 'ledsager', 'companion');
    assert.equal(rowOf(rows, 'e4').earlyWarning?.nextDue, '2025-03-10T21:30:00.000Z', 'score 0: next in 12 h');
  });

  it('shows a surgical patient in recovery on the bed held for them', () => {
    const held = board(wardScenario(), 'K1').rows.find((r) => r.bed?.id === 'K1-s1-b2');
    assert.deepEqual([held?.bed?.status, held?.patient?.name, held?.whereabouts, held?.awayAt], ['occupied', 'Lise Opvågning', 'away', 'Opvågning'], 'bed row shows the patient away');
  });

  it('shows a transfer under way on both wards', () => {
    const s = wardScenario();
    const out = rowOf(board(s, 'K1').rows, 'e9');
    assert.deepEqual(out.transfer, { taskId: 'tr1', status: 'accepted', direction: 'out', otherWard: 'Medicinsk afsnit M1' }, 'sending ward');
    assert.equal(out.whereabouts, 'in-bed', 'still in the K1 bed');
    const incoming = rowOf(board(s, 'M1').rows, 'e9');
    assert.deepEqual(incoming.transfer, { taskId: 'tr1', status: 'accepted', direction: 'in', otherWard: 'Kirurgisk afsnit K1' }, 'receiving ward');
    assert.equal(incoming.bed, undefined, 'no bed yet on the receiving ward');

    const t = wardScenario();
    const index = t.tasks.findIndex((x) => x.id === 'tr1');
    const task = t.tasks[index];
    assert.ok(task, 'fixture transfer');
    const ready = applyTransferAction(task, 'assign-bed', NOW, { bed: { reference: 'Location/M1-s2-b2' } });
    assert.ok(!isTaskFlowError(ready), 'bed assigned');
    t.tasks[index] = ready;
    assert.deepEqual(rowOf(board(t, 'M1').rows, 'e9').transfer, { taskId: 'tr1', status: 'in-progress', direction: 'in', otherWard: 'Kirurgisk afsnit K1', bed: 'Seng 2' }, 'bed shown once assigned');
    assert.equal(rowOf(board(t, 'K1').rows, 'e9').transfer?.bed, 'Seng 2', 'the sender sees the bed too');
  });

  it('a completed or rejected transfer no longer shows', () => {
    const s = wardScenario();
    const task = s.tasks.find((x) => x.id === 'tr1');
    assert.ok(task, 'fixture transfer');
    task.status = 'rejected';
    assert.equal(board(s, 'M1').rows.find((r) => r.encounterId === 'e9'), undefined, 'not incoming on M1');
    assert.equal(rowOf(board(s, 'K1').rows, 'e9').transfer, undefined, 'no transfer on K1');
  });

  it('shows initials and no CPR on public screens', () => {
    const { rows } = board(wardScenario(), 'M1', 'initials');
    const anna = rowOf(rows, 'e1');
    assert.equal(anna.patient?.name, 'A.M.J.', 'initials');
    assert.equal(anna.patient?.cpr, undefined, 'no CPR');
    assert.ok(rows.every((r) => !r.patient?.cpr), 'no CPR on any row');
  });

  it('returns the capacity with the rows', () => {
    assert.equal(board().capacity.counted, 3, 'same capacity as wardCapacity');
  });
});
