import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { JournalSource } from '../../../src/journal/api-types.ts';
import { citedSplit, isStale, sourcePath, splitAtCodePoints } from './source-viewer.helpers.ts';

const source = (extra: Partial<JournalSource> = {}): JournalSource => ({
  resourceType: 'Composition',
  id: 'note-1',
  versionId: '2',
  currentVersionId: '2',
  title: 'Indlæggelsesnotat',
  kind: 'indlaeggelsesnotat',
  text: 'Objektivt: Vågen og klar. Ingen feber.',
  highlight: { start: 26, end: 38, status: 'valid' },
  ...extra,
});

describe('splitAtCodePoints', () => {
  it('splits plain text at the span', () => {
    assert.deepEqual(splitAtCodePoints('Vågen og klar. Ingen feber.', 15, 27), { before: 'Vågen og klar. ', cited: 'Ingen feber.', after: '' }, 'the span to the end');
    assert.deepEqual(splitAtCodePoints('abc', 0, 1), { before: '', cited: 'a', after: 'bc' }, 'the span from the start');
  });

  it('counts an astral character (two UTF-16 units) as one code point', () => {
    const text = '🤒 Pt. har 🌡️ 39,2. Ingen feber i går.';
    // Code points: 🤒=0, ' '=1, … the text's code points as the server counts them.
    const codePoints = [...text];
    const start = codePoints.indexOf('I');
    const end = start + [...'Ingen feber'].length;
    const split = splitAtCodePoints(text, start, end);
    assert.equal(split?.cited, 'Ingen feber', 'the mark lands on the words, not two units to the left');
    assert.equal(split && split.before + split.cited + split.after, text, 'nothing lost or doubled');
    assert.notEqual(text.slice(start, end), 'Ingen feber', 'a naive UTF-16 slice would be wrong here (the test can fail)');
  });

  it('refuses a span outside the text, reversed, empty or not whole numbers', () => {
    assert.equal(splitAtCodePoints('abc', 2, 4), undefined, 'past the end');
    assert.equal(splitAtCodePoints('abc', -1, 2), undefined, 'negative');
    assert.equal(splitAtCodePoints('abc', 2, 1), undefined, 'reversed');
    assert.equal(splitAtCodePoints('abc', 1, 1), undefined, 'empty');
    assert.equal(splitAtCodePoints('abc', 0.5, 2), undefined, 'fractional');
    assert.equal(splitAtCodePoints('🤒', 0, 2), undefined, 'one code point, though two UTF-16 units');
  });
});

describe('citedSplit', () => {
  it('marks a valid highlight', () => {
    assert.equal(citedSplit(source(), '2')?.cited, 'Ingen feber.');
  });
  it('marks a stale highlight on the cited version, not on another version', () => {
    const stale = source({ currentVersionId: '3', highlight: { start: 26, end: 38, status: 'stale' } });
    assert.equal(citedSplit(stale, '2')?.cited, 'Ingen feber.', 'the text as it was cited');
    assert.equal(citedSplit({ ...stale, versionId: '3' }, '2'), undefined, 'the current text would be marked in the wrong place');
  });
  it('does not mark an invalid highlight, nor when there is none', () => {
    assert.equal(citedSplit(source({ highlight: { start: 26, end: 38, status: 'invalid' } }), '2'), undefined);
    assert.equal(citedSplit(source({ highlight: undefined }), '2'), undefined);
  });
});

describe('isStale', () => {
  it('is stale when the server says so or the version shown is not the current', () => {
    assert.equal(isStale(source()), false, 'valid and current');
    assert.equal(isStale(source({ highlight: { start: 0, end: 1, status: 'stale' } })), true, 'the server says stale');
    assert.equal(isStale(source({ currentVersionId: '3' })), true, 'an older version shown');
  });
});

describe('sourcePath', () => {
  it('asks for the version and the span, encoded', () => {
    assert.equal(sourcePath({ type: 'Composition', id: 'note-1', version: '2', start: 26, end: 38 }), '/api/journal/sources/Composition/note-1?version=2&start=26&end=38');
    assert.equal(sourcePath({ type: 'AllergyIntolerance', id: 'a/b', version: '1' }), '/api/journal/sources/AllergyIntolerance/a%2Fb?version=1', 'a resource citation has no span');
    assert.equal(sourcePath({ type: 'Condition', id: 'c1' }), '/api/journal/sources/Condition/c1', 'no version: the current');
  });
});
