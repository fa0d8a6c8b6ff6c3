/** Aktive problemer: active Conditions; recent Konklusion findings with negated, family and hypothetical dropped, uncertain labelled, listed problems not repeated. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Condition } from '@medplum/fhirtypes';
import { buildProblems } from './problems.ts';
import { assertVerifies, daysAgo, input, note, stored } from './test-fixtures.ts';

const condition = (id: string, code: string, display: string, clinical = 'active'): Condition =>
  stored({ resourceType: 'Condition', subject: { reference: 'Patient/p1' }, clinicalStatus: { coding: [{ code: clinical }] }, code: { coding: [{ system: 'urn:oid:1.2.208.176.2.4', code, display }], text: display }, recordedDate: daysAgo(300) }, id);

describe('buildProblems', () => {
  test('active conditions, without "UNS"; resolved ones left out', () => {
    const items = buildProblems(input({ conditions: [condition('c1', 'DI509', 'Hjerteinsufficiens UNS'), condition('c2', 'DN390', 'Urinvejsinfektion UNS', 'resolved')] }));
    assert.deepEqual(items.map((i) => [i.text, i.origin]), [['Hjerteinsufficiens', 'structured']], 'the active one');
  });

  test('Konklusion: negated, family and hypothetical dropped; "mistanke om" labelled uncertain; a listed problem gets the span, not a second item', () => {
    const doc = note('n1', [
      'Konklusion:',
      'AMI udelukket.',
      'Mor med apopleksi.',
      'Risiko for delir.',
      'Mistanke om lungeemboli.',
      'Tiltagende hjerteinsufficiens.',
      'Pneumoni i højre underlap.',
    ].join('\n'), daysAgo(2));
    const items = buildProblems(input({ conditions: [condition('c1', 'DI509', 'Hjerteinsufficiens UNS')], documents: [doc] }));
    assert.deepEqual(items.map((i) => [i.text, i.assertion ?? 'present']), [
      ['Hjerteinsufficiens', 'present'],
      ['Pneumoni i højre underlap', 'present'],
      ['Mistanke om lungeemboli', 'uncertain'],
    ], `only what the patient has or may have: ${JSON.stringify(items.map((i) => i.text))}`);
    assert.equal(items[0]!.citations.length, 2, 'the listed problem cites the note too');
    for (const it of items) for (const c of it.citations) if (c.kind === 'span') assertVerifies(c, doc);
  });

  test('old notes do not make current problems; nothing recorded: no items', () => {
    assert.deepEqual(buildProblems(input({ documents: [note('n1', 'Konklusion:\nPneumoni.', daysAgo(400))] })), [], 'a pneumonia a year ago is not active');
    assert.deepEqual(buildProblems(input()), [], 'empty');
  });
});
