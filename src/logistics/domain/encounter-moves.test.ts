/** Admission, moves and discharge keep the Encounter location history; the boards follow a transfer end to end. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { deriveWardBoard } from './board-rows.ts';
import { AAUH_CAPACITY_RULES, wardCapacity } from './capacity.ts';
import { admitEncounter, dischargeEncounter, moveEncounter } from './encounter-moves.ts';
import { applyTransferAction, isTaskFlowError } from './task-flow.ts';
import { NOW, ref, stay, wardScenario } from './test-fixtures.ts';

const at = NOW.toISOString();

describe('admitEncounter', () => {
  it('starts an inpatient stay in the bed, or an emergency contact as arrived', () => {
    const e = admitEncounter({ now: NOW, patient: ref('Patient', 'p'), unit: ref('Organization', 'MED'), ward: ref('Location', 'M1'), bed: ref('Location', 'M1-s2-b2'), expectedDischarge: '2025-03-14', complaint: 'Pneumoni' });
    assert.deepEqual([e.status, e.class.code, e.period?.start, e.serviceProvider, e.reasonCode?.[0]?.text, e.extension?.[0]?.valueDateTime],
      ['in-progress', 'IMP', at, ref('Organization', 'MED'), 'Pneumoni', '2025-03-14'], 'inpatient stay');
    assert.deepEqual(e.location, [{ location: ref('Location', 'M1-s2-b2'), status: 'active', period: { start: at } }], 'in the bed from now');
    const ed = admitEncounter({ now: NOW, patient: ref('Patient', 'p'), unit: ref('Organization', 'AKUT'), ward: ref('Location', 'AK'), class: 'EMER' });
    assert.deepEqual([ed.status, ed.class.code, ed.location?.[0]?.location], ['arrived', 'EMER', ref('Location', 'AK')], 'ED contact on the ward, waiting for triage');
  });
});

describe('moveEncounter', () => {
  it('closes the active and reserved locations and adds the new active one', () => {
    const e = stay('e', 'p', { unit: 'KIR', at: [['K1', 'active', '2025-03-01T00:00:00Z'], ['K1-s1-b1', 'active', '2025-03-01T00:00:00Z'], ['x', 'completed'], ['M1-s1-b1', 'planned']] });
    const moved = moveEncounter(e, ref('Location', 'M1-s2-b2'), ref('Organization', 'MED'), NOW);
    assert.deepEqual(moved.location?.map((l) => `${l.location.reference}:${l.status}:${l.period?.end ?? ''}`), [
      `Location/K1:completed:${at}`, `Location/K1-s1-b1:completed:${at}`, 'Location/x:completed:', 'Location/M1-s1-b1:planned:', 'Location/M1-s2-b2:active:',
    ], 'history kept, old places closed, new one active');
    assert.equal(moved.location?.at(-1)?.period?.start, at, 'new place from now');
    assert.deepEqual([moved.status, moved.serviceProvider], ['in-progress', ref('Organization', 'MED')], 'in progress at the new unit');
    assert.equal(e.location?.[0]?.status, 'active', 'the input is not changed');
  });
  it('takes up a planned entry for the same bed instead of duplicating it', () => {
    const e = stay('e', 'p', { unit: 'MED', status: 'arrived', at: [['M1-s2-b2', 'planned']] });
    const moved = moveEncounter(e, ref('Location', 'M1-s2-b2'), undefined, NOW);
    assert.deepEqual(moved.location?.map((l) => l.status), ['active'], 'one active entry');
    assert.equal(moved.serviceProvider?.reference, 'Organization/MED', 'unit unchanged');
  });
});

describe('dischargeEncounter', () => {
  it('finishes the stay and completes its places', () => {
    const e = stay('e', 'p', { unit: 'MED', at: [['M1-s1-b1', 'active'], ['M1-s10-b1', 'reserved'], ['M1', 'planned']] });
    const done = dischargeEncounter(e, NOW);
    assert.deepEqual([done.status, done.period?.end], ['finished', at], 'finished now');
    assert.deepEqual(done.location?.map((l) => l.status), ['completed', 'completed', 'planned'], 'active and reserved completed');
  });
});

describe('a transfer from K1 to M1, end to end', () => {
  it('after assign-bed and move, the patient lies in the M1 bed and is counted there', () => {
    const s = wardScenario();
    const ti = s.tasks.findIndex((t) => t.id === 'tr1');
    const ei = s.encounters.findIndex((e) => e.id === 'e9');
    const transfer = s.tasks[ti];
    const encounter = s.encounters[ei];
    assert.ok(transfer && encounter, 'fixture transfer and stay');
    const ready = applyTransferAction(transfer, 'assign-bed', NOW, { bed: ref('Location', 'M1-s2-b2') });
    assert.ok(!isTaskFlowError(ready), 'bed assigned');
    const moved = applyTransferAction(ready, 'move', NOW);
    assert.ok(!isTaskFlowError(moved), 'moved');
    s.tasks[ti] = moved;
    s.encounters[ei] = moveEncounter(encounter, ref('Location', 'M1-s2-b2'), ref('Organization', 'MED'), NOW);

    const m1 = deriveWardBoard(s, 'M1', { names: 'full', now: NOW, rules: AAUH_CAPACITY_RULES });
    const row = m1.rows.find((r) => r.bed?.id === 'M1-s2-b2');
    assert.deepEqual([row?.patient?.name, row?.whereabouts, row?.transfer, row?.bed?.status], ['Ib Overflyt', 'in-bed', undefined, 'occupied'], 'in the M1 bed, transfer done');
    assert.deepEqual([m1.capacity.counted, m1.capacity.incoming], [4, 2], 'counted on M1, no longer incoming');
    const k1 = wardCapacity(s, 'K1', AAUH_CAPACITY_RULES, NOW);
    assert.deepEqual([k1.counted, k1.occupied], [1, 2], 'K1 counts only the recovery patient; the old bed keeps its recorded status (O) until the server sets it');
  });
});
