/** Tests for spans.ts: code-point offsets versus UTF-16 indices, with æøå and astral-plane emoji (journal-ai.md §3). */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { buildOffsetMap, codePointLength, codePointToIndex, indexToCodePoint, isValidSpan, sliceCodePoints } from './spans.ts';

const TEXT = 'Ødem 🫀 og 𝛼-blokker: ærø'; // 🫀 and 𝛼 are outside the BMP (two UTF-16 units each)

describe('code-point spans', () => {
  test('codePointLength counts code points, not UTF-16 units', () => {
    assert.equal(TEXT.length, 26, 'precondition: UTF-16 length');
    assert.equal(codePointLength(TEXT), 24, 'two astral characters count once each');
    assert.equal(codePointLength(''), 0, 'empty text');
    assert.equal(codePointLength('æøåÆØÅ'), 6, 'Danish letters are single code points');
    assert.equal(codePointLength('a\uD800b'), 3, 'a lone surrogate counts as one code point');
  });

  test('conversions agree with Array.from in both directions', () => {
    const cps = Array.from(TEXT);
    let index = 0;
    for (let cp = 0; cp <= cps.length; cp++) {
      assert.equal(codePointToIndex(TEXT, cp), index, `code point ${cp} → index ${index}`);
      assert.equal(indexToCodePoint(TEXT, index), cp, `index ${index} → code point ${cp}`);
      index += cps[cp]?.length ?? 0;
    }
  });

  test('an index inside a surrogate pair or out of range is rejected', () => {
    const inside = TEXT.indexOf('🫀') + 1;
    assert.throws(() => indexToCodePoint(TEXT, inside), RangeError, 'middle of 🫀');
    assert.throws(() => indexToCodePoint(TEXT, TEXT.length + 1), RangeError, 'past the end');
    assert.throws(() => codePointToIndex(TEXT, 25), RangeError, 'code point past the end');
    assert.throws(() => codePointToIndex(TEXT, -1), RangeError, 'negative code point');
    assert.throws(() => codePointToIndex(TEXT, 1.5), RangeError, 'fractional code point');
  });

  test('sliceCodePoints slices by code point', () => {
    assert.equal(sliceCodePoints(TEXT, 5, 6), '🫀', 'the emoji is code point 5');
    assert.equal(sliceCodePoints(TEXT, 10, 19), '𝛼-blokker', 'after one astral character');
    assert.equal(sliceCodePoints(TEXT, 21, 24), 'ærø', 'after two astral characters');
    assert.equal(sliceCodePoints(TEXT, 7, 7), '', 'empty span');
    assert.equal(TEXT.slice(21, 24), ': æ', 'contrast: UTF-16 slicing is off by two');
    assert.throws(() => sliceCodePoints(TEXT, 5, 4), RangeError, 'start after end');
    assert.throws(() => sliceCodePoints(TEXT, 0, 25), RangeError, 'end past the text');
  });

  test('isValidSpan and buildOffsetMap', () => {
    assert.ok(isValidSpan(3, 0, 3), 'whole text');
    assert.ok(!isValidSpan(3, 2, 1), 'reversed');
    assert.ok(!isValidSpan(3, -1, 1), 'negative');
    assert.ok(!isValidSpan(3, 0, 0.5), 'fractional');
    const map = buildOffsetMap(TEXT);
    assert.equal(map.codePointLength, 24, 'map knows the length');
    assert.equal(map.toIndex(24), TEXT.length, 'end maps to end');
    assert.equal(map.toCodePoint(TEXT.length), 24, 'and back');
  });
});
