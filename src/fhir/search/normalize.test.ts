/** Tests of value normalisation: strings, decimal and date ranges (https://hl7.org/fhir/R4/search.html#prefix). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { dateRange, decimalRange, normalizeString } from './normalize.ts';

test('strings: lower case, diacritics stripped, æ ø å kept', () => {
  assert.equal(normalizeString('Ærø Åbenrå Hélène MÜLLER'), 'ærø åbenrå helene muller');
});

test('decimal precision ranges', () => {
  assert.deepEqual(decimalRange('100'), { value: '100', lo: '99.5', hi: '100.5' });
  assert.deepEqual(decimalRange('100.00'), { value: '100', lo: '99.995', hi: '100.005' });
  assert.deepEqual(decimalRange('-0.1'), { value: '-0.1', lo: '-0.15', hi: '-0.05' });
  // one significant figure (the R4 table's [95,105) for 1e2 contradicts its own rule; we follow the rule)
  assert.deepEqual(decimalRange('1e2'), { value: '100', lo: '50', hi: '150' });
  assert.equal(decimalRange('abc'), undefined);
  assert.equal(decimalRange('1.'), undefined);
});

test('date ranges by precision, zones, and invalid dates', () => {
  assert.deepEqual(dateRange('2021'), { lo: '2021-01-01T00:00:00.000Z', hi: '2021-12-31T23:59:59.999Z' });
  assert.deepEqual(dateRange('2020-02'), { lo: '2020-02-01T00:00:00.000Z', hi: '2020-02-29T23:59:59.999Z' });
  assert.deepEqual(dateRange('2021-03-04'), { lo: '2021-03-04T00:00:00.000Z', hi: '2021-03-04T23:59:59.999Z' });
  assert.deepEqual(dateRange('2021-03-04T10:00:00+02:00'), { lo: '2021-03-04T08:00:00.000Z', hi: '2021-03-04T08:00:00.999Z' });
  assert.deepEqual(dateRange('2021-03-04T10:00'), { lo: '2021-03-04T10:00:00.000Z', hi: '2021-03-04T10:00:59.999Z' });
  assert.deepEqual(dateRange('2021-03-04T10:00:00.123Z'), { lo: '2021-03-04T10:00:00.123Z', hi: '2021-03-04T10:00:00.123Z' });
  for (const bad of ['2021-13', '2021-02-30', '21', '2021-01-01T25:00', 'yesterday']) assert.equal(dateRange(bad), undefined, bad);
});
