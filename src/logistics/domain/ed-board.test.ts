/** The ED tracking board: which contacts show, the process line, service-target timers and breaches at a given now, KPIs, order. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Encounter, Task } from '@medplum/fhirtypes';
import type { EdRow } from '../api-types.ts';
import { TRIAGE_SYSTEM, type TaskKind, type Triage } from '../model.ts';
import { deriveEdBoard, REGIONAL_ED_TARGETS } from './ed-board.ts';
import { emptySnapshot, type LogisticsSnapshot } from './snapshot.ts';
import { location, minutesAgo, NOW, patient, ref, room, stay, task, unit, ward } from './test-fixtures.ts';

/** Minutes after an arrival `arrivedAgo` minutes before NOW. */
const after = (arrivedAgo: number, minutes: number): string => minutesAgo(arrivedAgo - minutes);

function edContact(s: LogisticsSnapshot, id: string, arrivedAgo: number, opts: { triage?: Triage; status?: Encounter['status']; unit?: string; cls?: 'IMP' | 'EMER'; endedAgo?: number; complaint?: string } = {}): void {
  const pid = `p-${id}`;
  s.patients.push(patient(pid, ['Patient'], id.toUpperCase(), '1980-01-01', '0101801234'));
  const e = stay(id, pid, { unit: opts.unit ?? 'AKUT', cls: opts.cls ?? 'EMER', status: opts.status ?? 'in-progress', start: minutesAgo(arrivedAgo), at: [['AK-A', 'active']] });
  if (opts.endedAgo !== undefined) e.period = { ...e.period, end: minutesAgo(opts.endedAgo) };
  if (opts.triage) e.priority = { coding: [{ system: TRIAGE_SYSTEM, code: opts.triage }] };
  if (opts.complaint) e.reasonCode = [{ text: opts.complaint }];
  s.encounters.push(e);
}
/** An ED activity; `started`/`ended` in minutes after arrival. */
function activity(s: LogisticsSnapshot, encounterId: string, kind: TaskKind, status: Task['status'], arrivedAgo: number, started?: number, ended?: number): void {
  s.tasks.push(task(`${encounterId}-${kind}-${s.tasks.length}`, kind, status, {
    for: ref('Patient', `p-${encounterId}`), encounter: ref('Encounter', encounterId), authoredOn: after(arrivedAgo, 0),
    ...(started !== undefined || ended !== undefined ? { executionPeriod: { ...(started !== undefined ? { start: after(arrivedAgo, started) } : {}), ...(ended !== undefined ? { end: after(arrivedAgo, ended) } : {}) } } : {}),
  }));
}

function edScenario(): LogisticsSnapshot {
  const s = emptySnapshot();
  s.organizations.push(unit('AKUT', 'Akutmodtagelsen'), unit('MED', 'Medicinsk Afdeling'));
  s.locations.push(location('hosp', 'AUH', 'bu'), ward('AK', 'Akutmodtagelsen', 'AKUT'), room('AK-A', 'Område A', 'AK'));
  // ed1: yellow, arrived 90 min ago; triaged at 20 min; no wait told; doctor started at 70 min (late); plan not due yet.
  edContact(s, 'ed1', 90, { triage: 'gul', complaint: 'Brystsmerter' });
  activity(s, 'ed1', 'triage', 'completed', 90, 15, 20);
  activity(s, 'ed1', 'sygeplejerske-vurdering', 'completed', 90, 25, 35);
  activity(s, 'ed1', 'laege-vurdering', 'in-progress', 90, 70);
  // ed2: arrived 10 min ago, not triaged: nothing due yet.
  edContact(s, 'ed2', 10);
  // ed3: red, arrived 45 min ago, everything on time.
  edContact(s, 'ed3', 45, { triage: 'roed' });
  activity(s, 'ed3', 'triage', 'completed', 45, 1, 2);
  activity(s, 'ed3', 'oplyst-ventetid', 'completed', 45, undefined, 10);
  activity(s, 'ed3', 'behandling-startet', 'in-progress', 45, 5);
  activity(s, 'ed3', 'laege-vurdering', 'completed', 45, 3, 30);
  activity(s, 'ed3', 'plan', 'completed', 45, 35, 40);
  // ed8: blue, arrived 35 min ago, triage cancelled (not done), treatment finished.
  edContact(s, 'ed8', 35, { triage: 'blaa' });
  activity(s, 'ed8', 'triage', 'cancelled', 35, undefined, 5);
  activity(s, 'ed8', 'afsluttet', 'completed', 35, 30, 31);
  // ed4: finished 3 h ago, arrived 5 h ago: KPIs only. Triage late, the rest on time.
  edContact(s, 'ed4', 300, { triage: 'orange', status: 'finished', endedAgo: 180 });
  activity(s, 'ed4', 'triage', 'completed', 300, 35, 40);
  activity(s, 'ed4', 'oplyst-ventetid', 'completed', 300, undefined, 10);
  activity(s, 'ed4', 'behandling-startet', 'completed', 300, 50, 100);
  activity(s, 'ed4', 'plan', 'completed', 300, 150, 200);
  // Not on this board: arrived 30 h ago; another unit's emergency contact; an inpatient stay of the ED unit; a cancelled contact.
  edContact(s, 'ed5', 30 * 60, { status: 'finished', endedAgo: 20 * 60 });
  edContact(s, 'ed6', 20, { unit: 'MED' });
  edContact(s, 'ed7', 20, { cls: 'IMP' });
  edContact(s, 'ed9', 20, { status: 'cancelled' });
  return s;
}

const rowOf = (rows: readonly EdRow[], id: string): EdRow => {
  const row = rows.find((r) => r.encounterId === id);
  assert.ok(row, `row ${id}`);
  return row;
};
const timer = (row: EdRow, step: string) => row.timers.find((t) => t.step === step);

describe('deriveEdBoard', () => {
  const board = deriveEdBoard(edScenario(), 'AKUT', NOW);

  it('shows open emergency contacts of the unit, untriaged first, then by triage and arrival', () => {
    assert.deepEqual(board.rows.map((r) => `${r.encounterId}:${r.triage ?? '-'}`), ['ed2:-', 'ed3:roed', 'ed1:gul', 'ed8:blaa'], 'rows and order');
    assert.equal(board.generatedAt, NOW.toISOString(), 'generatedAt');
  });

  it('shows patient, complaint, area and the process line', () => {
    const ed1 = rowOf(board.rows, 'ed1');
    assert.deepEqual(ed1.patient, { id: 'p-ed1', name: 'Patient ED1', cpr: '010180-1234', age: 45, sex: 'female' }, 'patient');
    assert.equal(ed1.complaint, 'Brystsmerter', 'complaint');
    assert.equal(ed1.area, 'Område A', 'area from the active location');
    assert.equal(ed1.arrived, minutesAgo(90), 'arrival');
    assert.deepEqual(ed1.activities.map((a) => `${a.kind}:${a.status}`), [
      'triage:completed', 'oplyst-ventetid:not-started', 'sygeplejerske-vurdering:completed', 'laege-vurdering:in-progress',
      'behandling-startet:not-started', 'plan:not-started', 'afsluttet:not-started',
    ], 'process line');
    assert.equal(ed1.status, 'in-progress', 'a clinical assessment has begun');
    assert.equal(rowOf(board.rows, 'ed2').status, 'waiting', 'nothing begun');
    assert.equal(rowOf(board.rows, 'ed8').status, 'done', 'treatment finished');
    assert.equal(rowOf(board.rows, 'ed8').activities[0]?.status, 'cancelled', 'a cancelled triage shows as cancelled');
  });

  it('times each step from arrival and marks breaches at now', () => {
    const ed1 = rowOf(board.rows, 'ed1');
    assert.deepEqual(timer(ed1, 'triage'), { step: 'triage', targetMinutes: 30, deadline: after(90, 30), doneAt: after(90, 20), breached: false }, 'triaged in time');
    assert.deepEqual(timer(ed1, 'waitTold'), { step: 'waitTold', targetMinutes: 30, deadline: after(90, 30), breached: true }, 'not told, deadline passed');
    assert.deepEqual(timer(ed1, 'treatmentStart'), { step: 'treatmentStart', targetMinutes: 60, deadline: after(90, 60), doneAt: after(90, 70), breached: true },
      'no treatment-start activity: the doctor assessment started late');
    assert.deepEqual(timer(ed1, 'plan'), { step: 'plan', targetMinutes: 240, deadline: after(90, 240), breached: false }, 'plan not due yet');
    assert.equal(timer(rowOf(board.rows, 'ed3'), 'treatmentStart')?.doneAt, after(45, 5), 'the treatment-start activity wins over the doctor assessment');
    assert.ok(rowOf(board.rows, 'ed2').timers.every((t) => !t.breached), 'nothing breached 10 min after arrival');
    assert.equal(timer(rowOf(board.rows, 'ed8'), 'triage')?.breached, true, 'a cancelled triage is not a triage');
  });

  it('computes KPIs over contacts that arrived in the last 24 h, finished ones included, pending ones left out', () => {
    assert.deepEqual(board.kpis, [
      { step: 'triage', met: 2, total: 4, share: 0.5, goal: 0.9 }, // ed1, ed3 met; ed4 late, ed8 not done
      { step: 'waitTold', met: 2, total: 4, share: 0.5, goal: 0.9 }, // ed3, ed4 met; ed1, ed8 not told
      { step: 'treatmentStart', met: 2, total: 3, share: 2 / 3, goal: 0.9 }, // ed3, ed4 met; ed1 late; ed8 not due
      { step: 'plan', met: 2, total: 2, share: 1, goal: 0.9 }, // ed3, ed4
    ], 'KPIs');
  });

  it('takes configurable targets and shows initials on public screens', () => {
    const relaxed = deriveEdBoard(edScenario(), 'AKUT', NOW, { ...REGIONAL_ED_TARGETS, waitTold: 120, goal: 0.8 }, 'initials');
    assert.equal(timer(rowOf(relaxed.rows, 'ed1'), 'waitTold')?.breached, false, 'not yet due with 120 min');
    assert.deepEqual(relaxed.kpis.find((k) => k.step === 'waitTold'), { step: 'waitTold', met: 2, total: 2, share: 1, goal: 0.8 }, 'KPI with the site goal');
    const ed1 = rowOf(relaxed.rows, 'ed1');
    assert.deepEqual([ed1.patient.name, ed1.patient.cpr], ['P.E.', undefined], 'initials, no CPR');
  });

  it('gives share 1 with nothing measured yet', () => {
    const empty = deriveEdBoard(emptySnapshot(), 'AKUT', NOW);
    assert.deepEqual(empty.kpis.map((k) => [k.total, k.share]), [[0, 1], [0, 1], [0, 1], [0, 1]], 'no contacts');
    assert.deepEqual(empty.rows, [], 'no rows');
  });
});
