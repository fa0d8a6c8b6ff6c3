import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ServiceTaskView } from '../../../src/logistics/api-types.ts';
import { nextTaskAction, splitTasks, withTask } from './tasks.helpers.ts';

const day = (h: number, m = 0) => new Date(2025, 2, 1, h, m).toISOString();
const task = (id: string, extra: Partial<ServiceTaskView> = {}): ServiceTaskView => ({ id, kind: 'transport', status: 'requested', authoredOn: day(8), ...extra });

describe('service tasks', () => {
  it('steps Accept → Start → Complete', () => {
    assert.equal(nextTaskAction('requested'), 'accept');
    assert.equal(nextTaskAction('accepted'), 'start');
    assert.equal(nextTaskAction('in-progress'), 'complete');
    assert.equal(nextTaskAction('completed'), undefined);
    assert.equal(nextTaskAction('cancelled'), undefined);
  });

  it('lists open tasks (going first, then by priority, then oldest) and today’s done tasks newest first', () => {
    const now = Date.parse(day(15));
    const tasks = [
      task('old-routine', { authoredOn: day(7) }),
      task('new-stat', { authoredOn: day(14), priority: 'stat' }),
      task('going', { status: 'in-progress', authoredOn: day(14, 30) }),
      task('accepted', { status: 'accepted', authoredOn: day(14, 40) }),
      task('done-early', { status: 'completed', ended: day(9) }),
      task('done-late', { status: 'completed', ended: day(13) }),
      task('done-yesterday', { status: 'completed', authoredOn: new Date(2025, 1, 28, 9).toISOString(), ended: new Date(2025, 1, 28, 10).toISOString() }),
      task('cancelled', { status: 'cancelled' }),
    ];
    const { open, doneToday } = splitTasks(tasks, now);
    assert.deepEqual(open.map((t) => t.id), ['going', 'accepted', 'new-stat', 'old-routine']);
    assert.deepEqual(doneToday.map((t) => t.id), ['done-late', 'done-early']);
  });

  it('replaces a task with the server’s answer, or adds it', () => {
    const list = { tasks: [task('a'), task('b')], generatedAt: day(9) };
    assert.deepEqual(withTask(list, task('b', { status: 'accepted' })).tasks.map((t) => `${t.id}:${t.status}`), ['a:requested', 'b:accepted']);
    assert.deepEqual(withTask(list, task('c')).tasks.map((t) => t.id), ['a', 'b', 'c']);
  });
});
