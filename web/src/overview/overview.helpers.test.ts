import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { JournalAnswer, JournalCitation, JournalOverview, OverviewItem } from '../../../src/journal/api-types.ts';
import { overviewDa } from '../i18n/overview.da.ts';
import { overviewEn } from '../i18n/overview.en.ts';
import { checkQuery } from '../journal/journal.helpers.ts';
import { ageOf, ageText, answerClipboardText, citationKey, numberAnswerCitations, numberCitations, QUESTION_LIMITS, sentenceCitations, sourceRefOf } from './overview.helpers.ts';

// Local time (the helpers count calendar days in the browser's time zone).
const NOW = new Date(2026, 10, 29, 15, 0, 0);
const localIso = (y: number, m: number, d: number, h = 12, min = 0) => new Date(y, m - 1, d, h, min).toISOString();

describe('ageOf and ageText', () => {
  const da = (date: string) => ageText(date, NOW, overviewDa.age);
  it('says "for 3 dage siden" for an instant three calendar days back', () => {
    assert.deepEqual(ageOf(localIso(2026, 11, 26, 9), NOW), { kind: 'past', count: 3, unit: 'days' });
    assert.equal(da(localIso(2026, 11, 26, 9)), 'for 3 dage siden');
    assert.equal(da(localIso(2026, 11, 28, 9)), 'for 1 dag siden', 'one day, singular');
  });
  it('uses minutes and hours within a day, and "lige nu" within a minute', () => {
    assert.equal(da(new Date(NOW.getTime() - 30_000).toISOString()), 'lige nu');
    assert.equal(da(new Date(NOW.getTime() - 60_000).toISOString()), 'for 1 minut siden');
    assert.equal(da(new Date(NOW.getTime() - 45 * 60_000).toISOString()), 'for 45 minutter siden');
    assert.equal(da(new Date(NOW.getTime() - 3600_000).toISOString()), 'for 1 time siden');
    assert.equal(da(new Date(NOW.getTime() - 5 * 3600_000).toISOString()), 'for 5 timer siden');
  });
  it('counts a bare FHIR date as a calendar day: today, days, months, years', () => {
    assert.equal(da('2026-11-29'), 'i dag');
    assert.equal(da('2026-11-26'), 'for 3 dage siden');
    assert.equal(da('2026-10-29'), 'for 1 måned siden');
    assert.equal(da('2026-05-01'), 'for 6 måneder siden');
    assert.equal(da('2025-11-29'), 'for 1 år siden');
    assert.equal(da('2016-01-01'), 'for 10 år siden');
  });
  it('says when a future date is due', () => {
    assert.equal(da('2026-12-01'), 'om 2 dage');
    assert.equal(da(new Date(NOW.getTime() + 2 * 3600_000).toISOString()), 'om 2 timer');
  });
  it('speaks English too', () => {
    assert.equal(ageText('2026-11-26', NOW, overviewEn.age), '3 days ago');
    assert.equal(ageText('2026-11-28', NOW, overviewEn.age), '1 day ago');
  });
  it('gives nothing for a date it cannot read', () => {
    assert.equal(ageOf('i forgårs', NOW), undefined);
    assert.equal(da(''), undefined);
  });
});

const span = (id: string, start: number, end: number): JournalCitation => ({
  kind: 'span',
  resourceType: 'Composition',
  id,
  versionId: '1',
  start,
  end,
  unit: 'codepoint',
  contentHash: 'sha256:c',
  quoteHash: 'sha256:q',
  quote: 'x',
});
const resource = (id: string): JournalCitation => ({ kind: 'resource', resourceType: 'AllergyIntolerance', id, versionId: '2' });
const item = (...citations: JournalCitation[]): OverviewItem => ({ text: 't', origin: 'text', citations });

describe('numberCitations', () => {
  it('numbers citations in order of first appearance; the same one keeps its number', () => {
    const overview: JournalOverview = {
      patientId: 'p',
      generatedAt: '',
      buildMs: 1,
      sections: [
        { id: 'allergies', title: 'Allergier og CAVE', emptyText: '', items: [item(resource('a1')), item(span('n1', 0, 5), resource('a1'))] },
        { id: 'problems', title: 'Aktive problemer', emptyText: 'Ikke oplyst i journalen', items: [] },
        { id: 'vitals', title: 'Seneste vitale værdier', emptyText: '', items: [item(span('n1', 0, 5), span('n1', 6, 9))] },
      ],
    };
    const numbers = numberCitations(overview);
    assert.deepEqual([...numbers.values()], [1, 2, 3]);
    assert.equal(numbers.get(citationKey(span('n1', 6, 9))), 3, 'another span of the same note is another source');
    assert.equal(numbers.get(citationKey(resource('a1'))), 1);
  });
});

describe('sourceRefOf', () => {
  it('asks for a span with its code-point offsets, a resource at its version', () => {
    assert.deepEqual(sourceRefOf(span('n1', 3, 9)), { type: 'Composition', id: 'n1', version: '1', start: 3, end: 9 });
    assert.deepEqual(sourceRefOf(resource('a1')), { type: 'AllergyIntolerance', id: 'a1', version: '2' });
  });
});

describe('numberAnswerCitations and sentenceCitations', () => {
  it('numbers passages (S…) and facts (R…) in the order the sentences cite them; unknown ids are left out', () => {
    const passage = (id: string, start: number) => ({ id, citation: span('n1', start, start + 1) as JournalCitation & { kind: 'span' }, kind: 'laegenotat', recorded: '', text: 'x', assertion: 'present' as const });
    const fact = { id: 'R1', text: 'Medicin: Marevan (aktiv)', citation: resource('m1') as JournalCitation & { kind: 'resource' }, assertion: 'present' as const };
    const answer: JournalAnswer = {
      question: 'q',
      verdict: 'yes',
      sentences: [
        { text: 'a', citations: ['S3', 'S9', 'S1', 'S3'] },
        { text: 'b', citations: ['R1', 'S1'] },
      ],
      passages: [passage('S1', 0), passage('S2', 5), passage('S3', 9)],
      facts: [fact],
      mode: 'generated',
      droppedSentences: 0,
    };
    const numbered = numberAnswerCitations(answer);
    const first = sentenceCitations(numbered, answer.sentences[0]!);
    assert.deepEqual(first.map((c) => c.n), [1, 2], 'S3 is [1], S1 is [2]; S9 is not in the answer; S3 once');
    assert.equal(first[0]!.citation, answer.passages[2]!.citation);
    const second = sentenceCitations(numbered, answer.sentences[1]!);
    assert.deepEqual(second.map((c) => c.n), [3, 2], 'the fact gets the next number; S1 keeps its number');
    assert.equal(second[0]!.citation, fact.citation, 'a fact is cited as its resource');
    assert.equal(answerClipboardText(answer), 'a [1] [2]\nb [3] [2]', 'the copied answer: each sentence with its numbers as shown, one a line');
    assert.equal(answerClipboardText({ ...answer, sentences: [] }), '', 'nothing to copy from an answer without sentences');
  });
});

describe('a question checked as the server checks it', () => {
  it('accepts 3 to 300 characters after trimming', () => {
    assert.deepEqual(checkQuery('  feber? ', QUESTION_LIMITS), { ok: true, query: 'feber?' });
    assert.deepEqual(checkQuery('ab', QUESTION_LIMITS), { ok: false, problem: 'too-short' }, 'a search may be 2 characters, a question not');
    assert.deepEqual(checkQuery('a'.repeat(300), QUESTION_LIMITS), { ok: true, query: 'a'.repeat(300) });
    assert.deepEqual(checkQuery('a'.repeat(301), QUESTION_LIMITS), { ok: false, problem: 'too-long' });
    assert.deepEqual(checkQuery('   ', QUESTION_LIMITS), { ok: false, problem: 'empty' });
  });
});
