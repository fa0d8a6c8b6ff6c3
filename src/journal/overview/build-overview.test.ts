/** The whole overview: seven sections in order, empty ones say "Ikke oplyst i journalen", recent events and "Nyt siden sidst" from changed resources. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Encounter, Observation } from '@medplum/fhirtypes';
import { buildOverview, NOT_IN_RECORD } from './build-overview.ts';
import { assertVerifies, daysAgo, input, note, NOW, stored } from './test-fixtures.ts';

describe('buildOverview', () => {
  test('seven sections; empty sections say so and invent nothing', () => {
    const o = buildOverview(input());
    assert.deepEqual(o.sections.map((s) => s.id), ['allergies', 'medication', 'problems', 'vitals', 'recentEvents', 'pendingResults', 'newSinceLastVisit'], 'in order');
    for (const s of o.sections.slice(0, 6)) assert.deepEqual([s.items, s.emptyText], [[], NOT_IN_RECORD], `${s.id} is empty and says so`);
    assert.equal(o.lastOpened, undefined, 'first visit');
  });

  test('recent events: the epikrise\'s first sentences cited, then the latest contacts', () => {
    const epikrise = note('e1', 'Epikrise:\n78-årig mand indlagt med pneumoni. Behandlet med antibiotika. Udskrives.', daysAgo(5));
    const encounter: Encounter = stored({ resourceType: 'Encounter', status: 'finished', class: { code: 'IMP' }, serviceProvider: { display: 'Medicinsk afdeling' }, period: { start: '2026-03-01T10:00:00Z', end: '2026-03-07T10:00:00Z' } }, 'enc1');
    const events = buildOverview(input({ documents: [{ ...epikrise, kind: 'epikrise' }], encounters: [encounter] })).sections.find((s) => s.id === 'recentEvents')!.items;
    assert.equal(events[0]!.text, 'Journalnotat: 78-årig mand indlagt med pneumoni. Behandlet med antibiotika.', 'two sentences');
    for (const c of events[0]!.citations) assertVerifies(c, epikrise);
    assert.equal(events[1]!.text, 'Indlæggelse på Medicinsk afdeling (01.03.2026–07.03.2026)', 'the contact');
  });

  test('new since the last visit: changed resources listed, and items citing them marked new', () => {
    const lastOpened = daysAgo(1);
    const obs: Observation = { ...stored<Observation>({ resourceType: 'Observation', status: 'final', code: { coding: [{ system: 'http://loinc.org', code: '8867-4' }], text: 'Puls' }, effectiveDateTime: NOW.toISOString(), valueQuantity: { value: 88, unit: '/min' } }, 'o1', NOW.toISOString()) };
    const o = buildOverview(input({ lastOpened, vitals: [obs], changedSinceLastVisit: [obs] }));
    const fresh = o.sections.find((s) => s.id === 'newSinceLastVisit')!.items;
    assert.deepEqual(fresh.map((i) => i.text), ['Ny måling/prøvesvar: Puls 88 /min'], 'the new observation');
    assert.equal(o.sections.find((s) => s.id === 'vitals')!.items[0]!.isNew, true, 'the vital sign is marked new');
    assert.equal(o.lastOpened, lastOpened, 'when it was last opened');
  });
});
