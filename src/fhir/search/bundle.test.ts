/** Tests of the searchset Bundle text (https://hl7.org/fhir/R4/bundle.html#searchset). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Bundle } from '@medplum/fhirtypes';
import { searchBundleJson } from './bundle.ts';

test('entries keep the stored JSON text; total, links, modes, outcome entry', () => {
  const stored = '{"resourceType":"Patient","id":"p1","name":[{"family":"Sørensen"}]}';
  const json = searchBundleJson(
    {
      entries: [
        { type: 'Patient', id: 'p1', json: stored, mode: 'match', patientId: 'p1', sensitive: false },
        { type: 'Organization', id: 'o1', json: '{"resourceType":"Organization","id":"o1"}', mode: 'include', patientId: null, sensitive: false },
      ],
      total: 1,
      links: [{ relation: 'self', url: 'http://h/fhir/Patient?name=s%C3%B8&_count=20' }],
      warnings: [{ severity: 'warning', code: 'not-supported', details: { text: 'x; ignored' }, expression: ['x'] }],
    },
    'http://h/fhir/',
  );
  assert.ok(json.includes(`"resource":${stored}`));
  const b = JSON.parse(json) as Bundle;
  assert.equal(b.type, 'searchset');
  assert.equal(b.total, 1);
  assert.deepEqual(b.link, [{ relation: 'self', url: 'http://h/fhir/Patient?name=s%C3%B8&_count=20' }]);
  assert.deepEqual(b.entry?.map((e) => [e.fullUrl, e.search?.mode]), [
    ['http://h/fhir/Patient/p1', 'match'], ['http://h/fhir/Organization/o1', 'include'], [undefined, 'outcome'],
  ]);
  assert.equal(b.entry?.[2]?.resource?.resourceType, 'OperationOutcome');
});

test('no total and no entries: both left out', () => {
  assert.deepEqual(JSON.parse(searchBundleJson({ entries: [], links: [], warnings: [] }, 'http://h/fhir')), { resourceType: 'Bundle', type: 'searchset' });
});
