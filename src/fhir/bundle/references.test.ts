/** Reference rewriting in transactions, and its undo for a retried transaction. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseConditionalReference, rewriteReferences, undoRewrites, type RewriteLog } from './references.ts';

test('rewrites nested references and can put them back', () => {
  const resource = { resourceType: 'Observation', subject: { reference: 'urn:uuid:1' }, performer: [{ reference: 'urn:uuid:2' }, { reference: 'Practitioner/x' }], note: [{ text: 'reference' }] };
  const original = structuredClone(resource);
  const log: RewriteLog = [];
  const ids = new Map([['urn:uuid:1', 'Patient/a'], ['urn:uuid:2', 'Practitioner/b']]);
  rewriteReferences(resource, (r) => ids.get(r) ?? r, log);
  assert.equal(resource.subject.reference, 'Patient/a');
  assert.equal(resource.performer[0]!.reference, 'Practitioner/b');
  assert.equal(resource.performer[1]!.reference, 'Practitioner/x');
  assert.equal(log.length, 2);
  undoRewrites(log);
  assert.deepEqual(resource, original);
  assert.equal(log.length, 0);
});

test('conditional references', () => {
  assert.deepEqual(parseConditionalReference('Patient?identifier=urn:oid:1.2.208.176.1.2|0101010101'), { type: 'Patient', query: 'identifier=urn:oid:1.2.208.176.1.2|0101010101' });
  assert.equal(parseConditionalReference('Patient/123'), undefined);
  assert.equal(parseConditionalReference('urn:uuid:1'), undefined);
});
