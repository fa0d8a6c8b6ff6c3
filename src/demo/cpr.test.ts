/** Fictitious CPR numbers: format, modulus-11 failure, century digit and sex digit. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { birthDateOf, birthYearOf, fictitiousCpr, genderOf, satisfiesModulus11, seventhDigitsFor } from './cpr.ts';
import { createRandom } from './random.ts';

test('modulus 11: a known valid number passes, a changed digit fails', () => {
  // 070761-4285 is the usual textbook example of a modulus-11 number.
  assert.equal(satisfiesModulus11('0707614285'), true);
  assert.equal(satisfiesModulus11('0707614286'), false);
  assert.equal(satisfiesModulus11('070761-4285'), true);
});

test('century rule of the 7th digit', () => {
  assert.equal(birthYearOf(61, 0), 1961);
  assert.equal(birthYearOf(37, 4), 1937);
  assert.equal(birthYearOf(36, 4), 2036);
  assert.equal(birthYearOf(5, 9), 2005);
  assert.equal(birthYearOf(57, 5), 2057);
  assert.equal(birthYearOf(58, 8), 1858);
  assert.deepEqual(seventhDigitsFor(1961), [0, 1, 2, 3, 4, 9]);
  assert.deepEqual(seventhDigitsFor(1930), [0, 1, 2, 3]);
  assert.deepEqual(seventhDigitsFor(2003), [4, 5, 6, 7, 8, 9]);
});

test('fictitious numbers fail modulus 11 and agree with birth date and gender', () => {
  const rnd = createRandom(1);
  for (let i = 0; i < 2000; i++) {
    const year = 1930 + (i % 76);
    const birthDate = `${year}-${String((i % 12) + 1).padStart(2, '0')}-${String((i % 27) + 2).padStart(2, '0')}`;
    const gender = i % 2 ? 'male' : 'female';
    const cpr = fictitiousCpr(birthDate, gender, rnd);
    assert.match(cpr, /^\d{10}$/);
    assert.equal(satisfiesModulus11(cpr), false, cpr);
    assert.equal(birthDateOf(cpr), birthDate, cpr);
    assert.equal(genderOf(cpr), gender, cpr);
  }
});

test('refuses birth dates where non-modulus-11 numbers may be real', () => {
  const rnd = createRandom(1);
  assert.throws(() => fictitiousCpr('1965-01-01', 'male', rnd), /1 January/);
  assert.throws(() => fictitiousCpr('2010-05-05', 'female', rnd), /1930–2005/);
});
