/** The timeline's pure helpers: zoom windows, moving, zooming, grouping, the strip and the path. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { TimelineEntry } from '../../../src/timeline/api-types.ts';
import { anchorForZoom, groupEntries, isoWeek, shiftAnchor, stripPosition, timelinePath, visibleEntries, windowAt, zoomBy } from './timeline.helpers.ts';

const local = (...parts: number[]) => new Date(parts[0]!, (parts[1] ?? 1) - 1, parts[2] ?? 1, parts[3] ?? 0, parts[4] ?? 0);
const entry = (id: string, start: string, extra: Partial<TimelineEntry> = {}): TimelineEntry => ({
  id, kind: 'note', sector: 'hospital-somatic', start, title: id, source: { type: 'Composition', id, versionId: '1' }, ...extra,
});

describe('timeline helpers', () => {
  it('windows: year, month, ISO week from Monday, day, six hours', () => {
    const at = local(2025, 1, 15, 14, 30); // a Wednesday
    assert.deepEqual(windowAt('year', at), { start: local(2025, 1, 1), end: local(2026, 1, 1) });
    assert.deepEqual(windowAt('month', at), { start: local(2025, 1, 1), end: local(2025, 2, 1) });
    assert.deepEqual(windowAt('week', at), { start: local(2025, 1, 13), end: local(2025, 1, 20) });
    assert.deepEqual(windowAt('week', local(2025, 1, 19)), { start: local(2025, 1, 13), end: local(2025, 1, 20) }, 'a Sunday ends its week');
    assert.deepEqual(windowAt('day', at), { start: local(2025, 1, 15), end: local(2025, 1, 16) });
    assert.deepEqual(windowAt('hours', at), { start: local(2025, 1, 15, 12), end: local(2025, 1, 15, 18) });
  });

  it('moves by whole windows and zooms one level at a time', () => {
    assert.deepEqual(shiftAnchor('month', local(2025, 1, 31), 1), local(2025, 2, 1), 'January 31st → February');
    assert.deepEqual(shiftAnchor('year', local(2025, 6, 1), -1), local(2024, 1, 1));
    assert.deepEqual(shiftAnchor('hours', local(2025, 1, 15, 20), 1), local(2025, 1, 16, 0), 'past midnight');
    assert.equal(zoomBy('year', -1), 'year', 'no further out');
    assert.equal(zoomBy('day', 1), 'hours');
    assert.equal(zoomBy('hours', 1), 'hours', 'no further in');
    const year2024 = windowAt('year', local(2024, 5, 5));
    assert.deepEqual(anchorForZoom(year2024, local(2025, 1, 15)), local(2024, 1, 1), 'zooming into a past year starts at its beginning');
    assert.deepEqual(anchorForZoom(year2024, local(2024, 3, 3)), local(2024, 3, 3), 'a day inside the window stays');
  });

  it('groups entries by month, day or hour; an entry begun earlier goes to the window’s start', () => {
    const w = windowAt('month', local(2025, 1, 1));
    const stay = entry('stay', local(2024, 12, 20).toISOString(), { kind: 'contact' });
    const groups = groupEntries([entry('b', local(2025, 1, 3, 9).toISOString()), stay, entry('a', local(2025, 1, 3, 8).toISOString()), entry('c', '2025-01-10')], w, 'day');
    assert.deepEqual(groups.map((g) => [g.start.getDate(), g.entries.map((e) => e.id)]), [[1, ['stay']], [3, ['b', 'a']], [10, ['c']]]);
  });

  it('places entries on the strip; an open contact runs to now', () => {
    const w = windowAt('day', local(2025, 1, 15));
    assert.deepEqual(stripPosition(entry('n', local(2025, 1, 15, 12).toISOString()), w, local(2025, 1, 15, 18)), { left: 50, width: 0 });
    const open = stripPosition(entry('s', local(2025, 1, 15, 6).toISOString(), { kind: 'contact' }), w, local(2025, 1, 15, 18));
    assert.deepEqual(open, { left: 25, width: 50 }, 'from 06 to now at 18');
    assert.deepEqual(stripPosition(entry('o', local(2025, 1, 1).toISOString(), { kind: 'contact', end: local(2025, 2, 1).toISOString() }), w, local(2025, 1, 15)), { left: 0, width: 100 }, 'clamped');
  });

  it('ISO weeks, chip filters and the API path', () => {
    assert.deepEqual(isoWeek(local(2025, 1, 1)), { week: 1, year: 2025 });
    assert.deepEqual(isoWeek(local(2024, 12, 30)), { week: 1, year: 2025 }, 'the last days of December can be week 1');
    assert.deepEqual(isoWeek(local(2021, 1, 3)), { week: 53, year: 2020 });
    const list = [entry('n', '2025-01-01'), entry('m', '2025-01-01', { kind: 'message', sector: 'municipality' })];
    assert.deepEqual(visibleEntries(list, new Set(['note']), new Set()).map((e) => e.id), ['m']);
    assert.deepEqual(visibleEntries(list, new Set(), new Set(['municipality'])).map((e) => e.id), ['n']);
    const w = { start: new Date('2025-01-01T00:00:00.000Z'), end: new Date('2025-02-01T00:00:00.000Z') };
    assert.equal(timelinePath('p 1', w), '/api/timeline/patients/p%201?from=2025-01-01T00%3A00%3A00.000Z&to=2025-01-31T23%3A59%3A59.999Z');
  });
});
