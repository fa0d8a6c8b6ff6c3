/** Afventende svar: active orders without a result; "afventes"/"eftersendes" sentences (not negated), old ones flagged. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Observation, ServiceRequest } from '@medplum/fhirtypes';
import { buildPendingResults, OLD_FLAG } from './pending-results.ts';
import { assertVerifies, daysAgo, input, note, stored } from './test-fixtures.ts';

const order = (id: string, text: string): ServiceRequest => stored({ resourceType: 'ServiceRequest', status: 'active', intent: 'order', subject: { reference: 'Patient/p1' }, code: { text }, authoredOn: daysAgo(1) }, id);

describe('buildPendingResults', () => {
  test('an order with a result based on it is not pending', () => {
    const result: Observation = stored({ resourceType: 'Observation', status: 'final', code: { text: 'CRP' }, basedOn: [{ reference: 'ServiceRequest/sr2' }] }, 'o1');
    const items = buildPendingResults(input({ serviceRequests: [order('sr1', 'Ekkokardiografi'), order('sr2', 'CRP')], results: [result] }));
    assert.deepEqual(items.map((i) => i.text), ['Ekkokardiografi'], 'only the one without a result');
  });

  test('awaited in text, cited; negated and repeated sentences not; an old one flagged', () => {
    const recent = note('n1', 'Plan:\nCT af thorax udført. CT-svar afventes. Afventer ikke længere svar på urindyrkning.', daysAgo(2));
    const old = note('n2', 'Plan:\nSvar på biopsi eftersendes.', daysAgo(200));
    const again = note('n3', 'Plan:\nCT-svar afventes.', daysAgo(3));
    const items = buildPendingResults(input({ documents: [recent, old, again] }));
    assert.deepEqual(items.map((i) => i.text), ['CT-svar afventes.', 'Svar på biopsi eftersendes.'], `the two awaited results: ${JSON.stringify(items.map((i) => i.text))}`);
    assertVerifies(items[0]!.citations[0]!, recent, 'CT-svar afventes.');
    assert.deepEqual(items[1]!.flags, [OLD_FLAG], 'the old one is flagged');
    assert.deepEqual(buildPendingResults(input()), [], 'nothing pending: no items');
  });

  test('a sentence awaiting an ordered test is a second citation of the order, not a line of its own', () => {
    const plan = note('n1', 'Plan:\nEkkokardiografi er bestilt, svar afventes. Svar på biopsi eftersendes.', daysAgo(1));
    const items = buildPendingResults(input({ serviceRequests: [order('sr1', 'Ekkokardiografi')], documents: [plan] }));
    assert.deepEqual(items.map((i) => i.text), ['Ekkokardiografi', 'Svar på biopsi eftersendes.'], `one line per awaited result: ${JSON.stringify(items.map((i) => i.text))}`);
    assert.deepEqual(items[0]!.citations.map((c) => c.kind), ['resource', 'span'], 'the order and the sentence');
    assertVerifies(items[0]!.citations[1]!, plan, 'Ekkokardiografi er bestilt, svar afventes.');
  });
});
