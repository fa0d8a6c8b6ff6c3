/** Tests for cue-scan.ts: longest-match cue scanning, placeholders, attachment and scope (journal-ai.md §3). */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { CueRule } from './context-rules.ts';
import { inScope, scanCues } from './cue-scan.ts';

const RULES: readonly CueRule[] = [
  { phrase: 'ikke', kind: 'negated', direction: 'forward' },
  { phrase: 'kan ikke udelukkes', kind: 'uncertain', direction: 'both' },
  { phrase: 'for {num} år siden', kind: 'historical', direction: 'backward' },
  { phrase: 'i {year}', kind: 'historical', direction: 'both' },
  { phrase: '?', kind: 'uncertain', direction: 'backward', attached: true },
  { phrase: 'men', kind: 'terminator' },
  { phrase: 'nu', kind: 'terminator', ends: ['historical'] },
];

const phrases = (text: string): string[] => scanCues(text, RULES).map((h) => `${h.rule.phrase}@${text.slice(h.start, h.end)}`);

describe('scanCues', () => {
  test('the longest rule wins and its words are not reused', () => {
    assert.deepEqual(phrases('Emboli kan ikke udelukkes.'), ['kan ikke udelukkes@kan ikke udelukkes'], '"ikke" inside the longer cue is not a cue of its own');
  });

  test('placeholders match numbers, number words and years', () => {
    assert.deepEqual(phrases('AMI for 3 år siden, KOL for mange år siden, DVT i 2019, i 99.'), ['for {num} år siden@for 3 år siden', 'for {num} år siden@for mange år siden', 'i {year}@i 2019'], 'placeholders');
  });

  test('"?" only as an attached post-cue here', () => {
    assert.deepEqual(phrases('Pneumoni? ? lungeemboli'), ['?@?'], 'the detached "?" matches no rule in this set');
  });
});

describe('inScope', () => {
  const text = 'Tidligere AMI i 2019, nu hoste men ikke feber.';
  const hits = scanCues(text, RULES);
  const at = (word: string): [number, number] => [text.indexOf(word), text.indexOf(word) + word.length];

  test('a both-ways cue reaches back to the start and forward to a terminator of its kind', () => {
    const year = hits.find((h) => h.rule.phrase === 'i {year}');
    assert.ok(year, 'year cue found');
    assert.ok(inScope(year, hits, 'historical', text.length, ...at('AMI')), 'AMI before the cue');
    assert.ok(!inScope(year, hits, 'historical', text.length, ...at('hoste')), '"nu" ends the historical scope');
  });

  test('a forward cue does not reach back, and general terminators stop every kind', () => {
    const ikke = hits.find((h) => h.rule.phrase === 'ikke');
    assert.ok(ikke, 'negation cue found');
    assert.ok(inScope(ikke, hits, 'negated', text.length, ...at('feber')), 'feber after the cue');
    assert.ok(!inScope(ikke, hits, 'negated', text.length, ...at('hoste')), 'hoste before the cue');
    const tail = 'Ikke feber men hoste';
    const tailHits = scanCues(tail, RULES);
    const neg = tailHits[0];
    assert.ok(neg, 'negation cue in the second sentence');
    assert.ok(!inScope(neg, tailHits, 'negated', tail.length, tail.indexOf('hoste'), tail.length), '"men" ends the negation');
  });
});
