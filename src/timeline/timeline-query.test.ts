/** The timeline's query: parameters checked (400 naming the parameter), the window, counts, filters, order and limit. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { FhirError } from '../errors/index.ts';
import type { TimelineEntry } from './api-types.ts';
import { inWindow, parseTimelineQuery, readInstant, selectEntries } from './timeline-query.ts';

const entry = (id: string, kind: TimelineEntry['kind'], sector: TimelineEntry['sector'], start: string, end?: string): TimelineEntry => ({
  id, kind, sector, start, ...(end ? { end } : {}), title: id, source: { type: 'X', id, versionId: '1' },
});

const refusal = (query: Record<string, unknown>) => {
  try {
    parseTimelineQuery(query);
  } catch (err) {
    assert.ok(err instanceof FhirError, 'a FhirError');
    return { status: err.status, expression: err.outcome.issue[0]?.expression };
  }
  return undefined;
};

describe('timeline query', () => {
  it('reads dates as whole UTC days and instants with a time zone', () => {
    assert.equal(readInstant('2025-01-15', 'start'), '2025-01-15T00:00:00.000Z');
    assert.equal(readInstant('2025-01-15', 'end'), '2025-01-15T23:59:59.999Z');
    assert.equal(readInstant('2025-01-15T08:00:00+01:00', 'start'), '2025-01-15T07:00:00.000Z');
    assert.equal(readInstant('2025-02-30', 'start'), undefined, 'no such day');
    assert.equal(readInstant('2025-01-15T08:00:00', 'start'), undefined, 'a time needs its zone');
    assert.equal(readInstant('i går', 'start'), undefined);
  });

  it('parses kinds, sectors and limit; defaults', () => {
    const q = parseTimelineQuery({ from: '2025-01-01', to: '2025-01-31', kind: 'note,result', sector: 'general-practice', limit: '20' });
    assert.deepEqual([q.from, q.to, [...q.kinds!], [...q.sectors!], q.limit], ['2025-01-01T00:00:00.000Z', '2025-01-31T23:59:59.999Z', ['note', 'result'], ['general-practice'], 20]);
    assert.deepEqual(parseTimelineQuery({}), { limit: 500 }, 'everything, at most 500');
  });

  it('refuses bad parameters with a 400 naming them', () => {
    assert.deepEqual(refusal({ from: 'igår' }), { status: 400, expression: ['from'] });
    assert.deepEqual(refusal({ from: '2025-02-01', to: '2025-01-01' }), { status: 400, expression: ['from'] }, 'from after to');
    assert.deepEqual(refusal({ kind: 'note,vitals' }), { status: 400, expression: ['kind'] });
    assert.deepEqual(refusal({ kind: ['note', 'result'] }), { status: 400, expression: ['kind'] }, 'kind given twice');
    assert.deepEqual(refusal({ sector: 'region' }), { status: 400, expression: ['sector'] });
    for (const limit of ['0', '1001', '-1', 'ti', '2.5']) assert.deepEqual(refusal({ limit }), { status: 400, expression: ['limit'] }, `limit ${limit}`);
  });

  it('an entry is in the window when it overlaps it', () => {
    const stay = entry('stay', 'contact', 'hospital-somatic', '2025-01-10T08:00:00Z', '2025-01-20T08:00:00Z');
    assert.equal(inWindow(stay, '2025-01-15T00:00:00Z', '2025-01-16T00:00:00Z'), true, 'a stay around the window');
    assert.equal(inWindow(stay, '2025-01-21T00:00:00Z', undefined), false, 'ended before');
    const ongoing = entry('now', 'contact', 'hospital-somatic', '2025-01-10T08:00:00Z');
    assert.equal(inWindow(ongoing, '2025-03-01T00:00:00Z', '2025-03-02T00:00:00Z'), true, 'a contact without an end is ongoing');
    assert.equal(inWindow(entry('m', 'message', 'municipality', '2025-01-10T08:00:00Z'), '2025-03-01T00:00:00Z', undefined), false, 'a message is a moment');
    assert.equal(inWindow(entry('n', 'note', 'hospital-somatic', '2025-01-15'), '2025-01-15T00:00:00Z', '2025-01-15T23:59:59Z'), true, 'a date');
    assert.equal(inWindow(entry('n', 'note', 'hospital-somatic', '2025-01-17T00:00:00Z'), undefined, '2025-01-16T23:59:59Z'), false, 'after the window');
  });

  it('counts before the filters, filters, orders oldest first and keeps the newest within the limit', () => {
    const all = [
      entry('c', 'note', 'hospital-somatic', '2025-01-03T00:00:00Z'),
      entry('a', 'contact', 'hospital-somatic', '2025-01-01T00:00:00Z'),
      entry('b', 'message', 'municipality', '2025-01-02T00:00:00Z'),
      entry('d', 'note', 'general-practice', '2025-01-04T00:00:00Z'),
      entry('old', 'note', 'hospital-somatic', '2024-01-01T00:00:00Z'),
    ];
    const notes = selectEntries(all, { from: '2025-01-01T00:00:00.000Z', kinds: new Set(['note']), limit: 500 });
    assert.deepEqual(notes.entries.map((e) => e.id), ['c', 'd'], 'notes in the window, oldest first');
    assert.deepEqual([notes.counts.kind.note, notes.counts.kind.contact, notes.counts.kind.message, notes.counts.sector.municipality], [2, 1, 1, 1], 'counts before the kind filter');
    assert.equal(notes.truncated, false);
    const limited = selectEntries(all, { limit: 2 });
    assert.deepEqual([limited.entries.map((e) => e.id), limited.total, limited.truncated], [['c', 'd'], 5, true], 'the newest two, flagged');
    const gp = selectEntries(all, { sectors: new Set(['general-practice', 'municipality']), limit: 500 });
    assert.deepEqual(gp.entries.map((e) => e.id), ['b', 'd'], 'by sector');
  });
});
