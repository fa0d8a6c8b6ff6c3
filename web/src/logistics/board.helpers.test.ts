import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { BoardColumn, ResolvedTemplate } from '../../../src/logistics/api-types.ts';
import type { BoardRow } from '../../../src/logistics/model.ts';
import { canonicalColumn, columnsFor, freeBeds, legendKeys, mineOnly, nextSort, rowActions, rowLabel, sortRows, splitKey, transferActions } from './board.helpers.ts';
import { isBedOverview, isEdBoard, isTaskList, isWardBoard, logisticsPaths } from './logistics.paths.ts';

const row = (key: string, extra: Partial<BoardRow> = {}): BoardRow => ({ key, flags: [], pendingTests: [], tasks: [], ...extra });
const bed = (name: string, room?: string, status: 'free' | 'occupied' | 'cleaning' | 'blocked' = 'occupied') => ({ id: `bed-${name}`, name, status, ...(room ? { room } : {}) });
const patient = (name: string) => ({ id: `p-${name}`, name });

const ROWS: BoardRow[] = [
  row('a', { bed: bed('10', 'Stue 3'), patient: patient('Åse Ørn'), encounterId: 'e-a', whereabouts: 'in-bed', responsibleNurse: 'Line Skov', earlyWarning: { score: 5, risk: 'medium', at: '2025-01-01T10:00:00Z' } }),
  row('b', { bed: bed('2', 'Stue 1', 'free') }),
  row('c', { bed: bed('9', 'Stue 3'), patient: patient('Bent Hansen'), encounterId: 'e-c', whereabouts: 'in-bed', responsibleDoctor: 'line  skov', earlyWarning: { score: 1, risk: 'low', at: '2025-01-01T10:00:00Z' } }),
  row('d', { patient: patient('Carl Berg'), encounterId: 'e-d', whereabouts: 'incoming', transfer: { taskId: 't1', status: 'requested', direction: 'in', otherWard: 'Akutmodtagelsen' } }),
];

const column = (id: string, screens: BoardColumn['screens']): BoardColumn => ({ id, label: { da: id, en: id }, screens });
const template = (columns: BoardColumn[]): ResolvedTemplate => ({ id: 't', version: '1', name: { da: 'T', en: 'T' }, columns, names: 'full', legend: [] });

describe('ward board columns', () => {
  it('maps template column ids and aliases to the cells the app draws', () => {
    assert.equal(canonicalColumn('bed'), 'bed');
    assert.equal(canonicalColumn('responsibleNurse'), 'nurse');
    assert.equal(canonicalColumn('TOKS'), 'ews');
    assert.equal(canonicalColumn('early-warning'), 'ews', 'the server’s standard template ids');
    assert.equal(canonicalColumn('responsible-doctor'), 'doctor');
    assert.equal(canonicalColumn('pending-tests'), 'pendingTests');
    assert.equal(canonicalColumn('expected-discharge'), 'expectedDischarge');
    assert.equal(canonicalColumn('earlyWarning'), 'ews');
    assert.equal(canonicalColumn('something-local'), undefined, 'unknown columns are skipped');
  });

  it('takes the screen’s columns in template order with the bed first, or a default set', () => {
    const t = template([column('patient', ['wall', 'list']), column('toks', ['wall']), column('bed', ['wall', 'list', 'phone']), column('local', ['wall'])]);
    assert.deepEqual(columnsFor({ template: t }, 'wall').map((c) => c.id), ['bed', 'patient', 'ews']);
    assert.deepEqual(columnsFor({ template: t }, 'list').map((c) => c.id), ['bed', 'patient']);
    assert.deepEqual(columnsFor({ template: template([column('patient', ['list'])]) }, 'list').map((c) => c.id), ['bed', 'patient'], 'a bed column is added');
    assert.deepEqual(columnsFor({ template: template([]) }, 'phone').map((c) => c.id), ['bed', 'patient', 'nurse', 'ews', 'flags', 'tasks', 'transfer'], 'defaults');
  });
});

describe('ward board sorting and filtering', () => {
  it('sorts beds naturally (Stue 1 before Stue 3, bed 9 before bed 10), rows without a bed last', () => {
    const asc = sortRows(ROWS, { column: 'bed', direction: 'ascending' }, 'da').map((r) => r.key);
    assert.deepEqual(asc, ['b', 'c', 'a', 'd']);
    const desc = sortRows(ROWS, { column: 'bed', direction: 'descending' }, 'da').map((r) => r.key);
    assert.deepEqual(desc, ['a', 'c', 'b', 'd'], 'empty values stay last when descending');
  });

  it('sorts names the Danish way (Å after Ø) and scores as numbers; no sort keeps the server order', () => {
    assert.deepEqual(sortRows(ROWS, { column: 'patient', direction: 'ascending' }, 'da').map((r) => r.key), ['c', 'd', 'a', 'b'], 'Bent, Carl, Åse, then no patient');
    assert.deepEqual(sortRows(ROWS, { column: 'ews', direction: 'descending' }, 'da').map((r) => r.key), ['a', 'c', 'b', 'd']);
    assert.deepEqual(sortRows(ROWS, undefined, 'da').map((r) => r.key), ['a', 'b', 'c', 'd']);
  });

  it('flips the direction on the same column and starts ascending on a new one', () => {
    assert.deepEqual(nextSort(undefined, 'bed'), { column: 'bed', direction: 'ascending' });
    assert.deepEqual(nextSort({ column: 'bed', direction: 'ascending' }, 'bed'), { column: 'bed', direction: 'descending' });
    assert.deepEqual(nextSort({ column: 'bed', direction: 'descending' }, 'patient'), { column: 'patient', direction: 'ascending' });
  });

  it('keeps "mine patienter": the user as responsible nurse or doctor, names compared loosely', () => {
    assert.deepEqual(mineOnly(ROWS, { display: 'Line Skov' }).map((r) => r.key), ['a', 'c']);
    assert.deepEqual(mineOnly(ROWS, { display: 'Someone Else' }), []);
    assert.deepEqual(mineOnly(ROWS, { display: ' ' }), [], 'no name, no rows');
  });

  it('lists the free beds', () => {
    assert.deepEqual(freeBeds(ROWS), [{ id: 'bed-2', name: '2', room: 'Stue 1' }]);
  });
});

describe('ward board actions', () => {
  it('walks the transfer handshake: accept or reject, assign a bed, then moved', () => {
    const t = (status: 'requested' | 'accepted' | 'in-progress' | 'completed' | 'rejected', direction: 'in' | 'out') => ({ taskId: 't', status, direction, otherWard: 'X' });
    assert.deepEqual(transferActions(t('requested', 'in')), ['accept', 'reject']);
    assert.deepEqual(transferActions(t('accepted', 'in')), ['assign-bed']);
    assert.deepEqual(transferActions(t('in-progress', 'in')), ['move']);
    assert.deepEqual(transferActions(t('completed', 'in')), []);
    assert.deepEqual(transferActions(t('requested', 'out')), [], 'the sending ward waits');
    assert.deepEqual(transferActions(t('in-progress', 'out')), ['move'], 'either ward reports the move');
    assert.deepEqual(transferActions(undefined), []);
  });

  it('offers tasks, transfer and discharge for a patient in a bed, a task or an admission for an empty free bed, only the handshake for an incoming one', () => {
    assert.deepEqual(rowActions(ROWS[0]!), ['task', 'transfer', 'discharge']);
    assert.deepEqual(rowActions(ROWS[1]!), ['task', 'admit'], 'an empty free bed: a task, or an admission');
    assert.deepEqual(rowActions(ROWS[3]!), ['accept', 'reject']);
    const leaving = row('e', { bed: bed('4'), patient: patient('X'), encounterId: 'e-e', transfer: { taskId: 't2', status: 'accepted', direction: 'out', otherWard: 'K2' } });
    assert.deepEqual(rowActions(leaving), ['task'], 'no second transfer or discharge while one is under way');
    assert.deepEqual(rowActions(row('f', { bed: bed('5', 'Stue 2', 'free') })), ['task', 'admit'], 'a free, empty bed can take an admission');
    assert.deepEqual(rowActions(row('g', { bed: bed('6', 'Stue 2', 'cleaning') })), ['task'], 'a bed being cleaned cannot');
  });
});

describe('logistics API paths and stream documents', () => {
  it('builds the contract’s paths', () => {
    assert.equal(logisticsPaths.boardStream('w 1', 'wall', true), '/api/logistics/wards/w%201/board/stream?screen=wall&public=1');
    assert.equal(logisticsPaths.board('w1', 'list', false), '/api/logistics/wards/w1/board?screen=list');
    assert.equal(logisticsPaths.tasksStream('portoer'), '/api/logistics/tasks/stream?group=portoer');
    assert.equal(logisticsPaths.tasks('portoer', 'w1'), '/api/logistics/tasks?group=portoer&wardId=w1');
    assert.equal(logisticsPaths.taskAction('t/1', 'accept'), '/api/logistics/tasks/t%2F1/accept');
    assert.equal(logisticsPaths.edActivity('e1', 'oplyst-ventetid', 'start'), '/api/logistics/ed/e1/activities/oplyst-ventetid/start');
  });

  it('recognises each stream’s document and refuses other JSON', () => {
    assert.equal(isWardBoard({ ward: {}, template: { columns: [] }, rows: [], capacity: {} }), true);
    assert.equal(isWardBoard({ resourceType: 'OperationOutcome' }), false);
    assert.equal(isBedOverview({ wards: [], totals: {} }), true);
    assert.equal(isEdBoard({ rows: [], kpis: [] }), true);
    assert.equal(isTaskList({ tasks: [] }), true);
    assert.equal(isTaskList(null), false);
  });
});

describe('wall board legend', () => {
  it('explains exactly the symbols the visible columns show, in a fixed order', () => {
    const rows: BoardRow[] = [
      ...ROWS,
      row('e', { bed: bed('5', undefined, 'cleaning'), flags: ['isolation', 'cave'], tasks: [{ id: 't', kind: 'transport', status: 'in-progress' }, { id: 'u', kind: 'blodproeve', status: 'completed' }] }),
      row('f', { bed: bed('6'), patient: patient('Y'), earlyWarning: { score: 7, risk: 'high', at: '2025-01-01T10:00:00Z', overdue: true }, pendingTests: ['CRP'] }),
    ];
    assert.deepEqual(legendKeys(rows, ['bed', 'patient', 'flags', 'tasks', 'ews', 'pendingTests', 'transfer']), [
      'bed:free',
      'bed:cleaning',
      'where:incoming',
      'flag:isolation',
      'flag:cave',
      'ews:low',
      'ews:medium',
      'ews:high',
      'obs:overdue',
      'tests:pending',
      'task:transport',
      'task:overflytning',
      'status:requested',
      'status:in-progress',
    ]);
    assert.deepEqual(legendKeys(rows, ['bed', 'patient']), ['bed:free', 'bed:cleaning', 'where:incoming'], 'hidden columns add nothing');
  });

  it('splits a legend key into prefix and name', () => {
    assert.deepEqual(splitKey('status:in-progress'), ['status', 'in-progress']);
    assert.deepEqual(splitKey('plain'), ['', 'plain']);
  });

  it('names a row by its place and patient', () => {
    assert.equal(rowLabel(ROWS[0]!, 'Uden seng'), 'Stue 3, 10 – Åse Ørn');
    assert.equal(rowLabel(ROWS[1]!, 'Uden seng'), 'Stue 1, 2');
    assert.equal(rowLabel(ROWS[3]!, 'Uden seng'), 'Uden seng – Carl Berg');
  });
});
