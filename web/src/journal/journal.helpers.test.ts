import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { JournalHit } from '../../../src/journal/api-types.ts';
import { bestFirst, checkQuery, journalSearchPath, kindLabel, markedWords, passageSegments, snippetSegments, snippetText } from './journal.helpers.ts';

const hit = (id: string, score: number): JournalHit => ({
  source: { type: 'DocumentReference', id, version: 1 },
  kind: 'laegenotat',
  start: 0,
  end: 10,
  text: 'x',
  snippet: 'x',
  recorded: '2025-01-15',
  score,
  phrase: false,
});

describe('checkQuery', () => {
  it('trims and accepts 2 to 200 characters', () => {
    assert.deepEqual(checkQuery('  ikke feber '), { ok: true, query: 'ikke feber' });
    assert.deepEqual(checkQuery('ab'), { ok: true, query: 'ab' });
    assert.deepEqual(checkQuery('a'.repeat(200)), { ok: true, query: 'a'.repeat(200) });
  });
  it('refuses empty, one-letter and over-long queries', () => {
    assert.deepEqual(checkQuery('   '), { ok: false, problem: 'empty' });
    assert.deepEqual(checkQuery(' a '), { ok: false, problem: 'too-short' });
    assert.deepEqual(checkQuery('a'.repeat(201)), { ok: false, problem: 'too-long' });
  });
});

describe('snippetSegments', () => {
  it('marks what stands between [[ and ]]', () => {
    assert.deepEqual(snippetSegments('Pt. har [[ikke]] haft [[feber]].'), [
      { text: 'Pt. har ', marked: false },
      { text: 'ikke', marked: true },
      { text: ' haft ', marked: false },
      { text: 'feber', marked: true },
      { text: '.', marked: false },
    ]);
  });
  it('handles marks at the edges and side by side', () => {
    assert.deepEqual(snippetSegments('[[ikke]][[feber]] i dag'), [
      { text: 'ikkefeber', marked: true },
      { text: ' i dag', marked: false },
    ]);
    assert.deepEqual(snippetSegments('[[feber]]'), [{ text: 'feber', marked: true }]);
    assert.deepEqual(snippetSegments(''), []);
  });
  it('shows an unclosed [[ and a stray ]] as text', () => {
    assert.deepEqual(snippetSegments('a [[b'), [{ text: 'a [[b', marked: false }]);
    assert.deepEqual(snippetSegments('a ]] [[b]] [[c'), [
      { text: 'a ]] ', marked: false },
      { text: 'b', marked: true },
      { text: ' [[c', marked: false },
    ]);
  });
  it('keeps markup as plain text (never HTML)', () => {
    assert.deepEqual(snippetSegments('<script>x()</script> [[<b>]]'), [
      { text: '<script>x()</script> ', marked: false },
      { text: '<b>', marked: true },
    ]);
  });
  it('gives the text without marks', () => {
    assert.equal(snippetText('Pt. har [[ikke]] haft [[feber]].'), 'Pt. har ikke haft feber.');
  });
});

describe('markedWords and passageSegments', () => {
  it('lists the marked words once, lower-case, longest first', () => {
    assert.deepEqual(markedWords('[[Feber]] og [[ikke]] [[feber]]'), ['feber', 'ikke']);
  });
  it('uses the snippet itself when it is the whole passage', () => {
    const text = 'Ingen feber. Pt. har ikke feber.';
    const snippet = 'Ingen feber. Pt. har [[ikke]] [[feber]].';
    assert.deepEqual(passageSegments(text, snippet), snippetSegments(snippet));
  });
  it('marks whole-word occurrences in a longer passage', () => {
    const text = 'Feberfri. Har ikke feber, Feber nægtes.';
    assert.deepEqual(passageSegments(text, '… har [[ikke]] [[feber]] …'), [
      { text: 'Feberfri. Har ', marked: false },
      { text: 'ikke', marked: true },
      { text: ' ', marked: false },
      { text: 'feber', marked: true },
      { text: ', ', marked: false },
      { text: 'Feber', marked: true },
      { text: ' nægtes.', marked: false },
    ]);
  });
  it('leaves the passage plain when nothing is marked', () => {
    assert.deepEqual(passageSegments('Ingen fund.', 'Ingen'), [{ text: 'Ingen fund.', marked: false }]);
  });
});

describe('kindLabel', () => {
  it('names the known kinds in Danish and English', () => {
    assert.equal(kindLabel('epikrise', 'da'), 'Epikrise');
    assert.equal(kindLabel('indlaeggelsesnotat', 'da'), 'Indlæggelsesnotat');
    assert.equal(kindLabel('laegenotat', 'da'), 'Lægenotat');
    assert.equal(kindLabel('sygeplejenotat', 'da'), 'Sygeplejenotat');
    assert.equal(kindLabel('dokument', 'da'), 'Dokument');
    assert.equal(kindLabel('resultat', 'da'), 'Resultat');
    assert.equal(kindLabel('korrespondance', 'da'), 'Korrespondance');
    assert.equal(kindLabel('epikrise', 'en'), 'Discharge summary');
  });
  it('shows an unknown kind as its code', () => {
    assert.equal(kindLabel('fysioterapinotat', 'da'), 'fysioterapinotat');
    assert.equal(kindLabel('toString', 'da'), 'toString');
  });
});

describe('bestFirst and journalSearchPath', () => {
  it('sorts by score, keeping the server’s order for ties', () => {
    assert.deepEqual(
      bestFirst([hit('a', 0.2), hit('b', 0.9), hit('c', 0.2)]).map((h) => h.source.id),
      ['b', 'a', 'c'],
    );
  });
  it('encodes the patient, the query and the limit', () => {
    assert.equal(journalSearchPath('p 1', 'ikke feber & co'), '/api/journal/patients/p%201/search?q=ikke+feber+%26+co&limit=20');
  });
});
