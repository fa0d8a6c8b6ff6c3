import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { EdRow, EdTimer } from '../../../src/logistics/api-types.ts';
import { activityButtons, activityPhase, formatClock, isBreached, kpiView, sortEdRows, timerState } from './ed.helpers.ts';

const T0 = Date.parse('2025-03-01T10:00:00Z');
const at = (minutes: number) => new Date(T0 + minutes * 60_000).toISOString();
const timer = (extra: Partial<EdTimer> = {}): EdTimer => ({ step: 'triage', targetMinutes: 30, deadline: at(30), breached: false, ...extra });

describe('ED timers', () => {
  it('formats durations as a clock', () => {
    assert.equal(formatClock(0), '0:00');
    assert.equal(formatClock(65_000), '1:05');
    assert.equal(formatClock(42 * 60_000 + 7_000), '42:07');
    assert.equal(formatClock(3_600_000 + 2 * 60_000 + 7_000), '1:02:07');
    assert.equal(formatClock(-5_000), '0:00', 'never negative');
    assert.equal(formatClock(1_999), '0:01', 'whole seconds, rounded down');
  });

  it('counts down to the deadline and is breached the moment it passes without the step done', () => {
    assert.deepEqual(timerState(timer(), T0 + 20 * 60_000), { kind: 'running', remainingMs: 10 * 60_000 });
    assert.deepEqual(timerState(timer(), T0 + 30 * 60_000 - 1), { kind: 'running', remainingMs: 1 });
    assert.deepEqual(timerState(timer(), T0 + 30 * 60_000), { kind: 'breached', overdueMs: 0 });
    assert.deepEqual(timerState(timer(), T0 + 35 * 60_000), { kind: 'breached', overdueMs: 5 * 60_000 });
    assert.equal(isBreached(timer(), T0 + 29 * 60_000), false);
    assert.equal(isBreached(timer(), T0 + 31 * 60_000), true);
  });

  it('is met when done in time, late when done after the deadline, whatever the clock says now', () => {
    assert.deepEqual(timerState(timer({ doneAt: at(12) }), T0 + 120 * 60_000), { kind: 'met', at: at(12) });
    assert.deepEqual(timerState(timer({ doneAt: at(40), breached: true }), T0 + 120 * 60_000), { kind: 'late', at: at(40), overdueMs: 10 * 60_000 });
    assert.equal(isBreached(timer({ doneAt: at(40) }), T0), true, 'late counts as a breach');
    assert.equal(isBreached(timer({ doneAt: at(10) }), T0 + 60 * 60_000), false);
  });

  it('trusts the server’s breach when this screen’s clock is behind', () => {
    assert.equal(timerState(timer({ breached: true }), T0 + 29 * 60_000).kind, 'breached');
  });
});

describe('ED process line and rows', () => {
  it('names activity states Afventer / I gang / Afsluttet / Aflyst and offers the fitting buttons', () => {
    assert.equal(activityPhase('not-started'), 'waiting');
    assert.equal(activityPhase('requested'), 'waiting');
    assert.equal(activityPhase('in-progress'), 'in-progress');
    assert.equal(activityPhase('completed'), 'done');
    assert.equal(activityPhase('cancelled'), 'cancelled');
    assert.deepEqual(activityButtons('not-started'), ['start', 'complete']);
    assert.deepEqual(activityButtons('in-progress'), ['complete']);
    assert.deepEqual(activityButtons('completed'), []);
  });

  it('orders rows untriaged first, then red to blue, then by arrival, finished last', () => {
    const r = (id: string, arrived: number, triage?: EdRow['triage'], status: EdRow['status'] = 'waiting'): EdRow => ({
      encounterId: id,
      patient: { id, name: id },
      arrived: at(arrived),
      activities: [],
      timers: [],
      status,
      ...(triage ? { triage } : {}),
    });
    const rows = [r('green-early', 0, 'groen'), r('red-late', 20, 'roed'), r('none', 30), r('red-early', 5, 'roed'), r('done', 1, 'roed', 'done'), r('yellow', 2, 'gul')];
    assert.deepEqual(sortEdRows(rows).map((x) => x.encounterId), ['none', 'red-early', 'red-late', 'yellow', 'green-early', 'done']);
  });

  it('shows KPIs as whole per cent against the goal', () => {
    assert.deepEqual(kpiView({ step: 'triage', met: 9, total: 10, share: 0.9, goal: 0.9 }), { percent: 90, goalPercent: 90, ok: true });
    assert.deepEqual(kpiView({ step: 'plan', met: 7, total: 9, share: 7 / 9, goal: 0.9 }), { percent: 78, goalPercent: 90, ok: false });
    assert.deepEqual(kpiView({ step: 'plan', met: 0, total: 0, share: 0, goal: 0.9 }), { percent: 0, goalPercent: 90, ok: undefined }, 'nothing to judge');
  });
});
