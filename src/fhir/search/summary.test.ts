/** Tests of _summary and _elements reduction (https://hl7.org/fhir/R4/search.html#summary), pure and through search. */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Observation, Patient } from '@medplum/fhirtypes';
import type { Db } from '../../db/index.ts';
import { STORES } from '../../../test/support/stores.ts';
import { applySummaryAndElements, SUBSETTED } from './summary.ts';
import { loadFixtures, search } from './test-fixtures.ts';

const patient: Patient = {
  resourceType: 'Patient', id: 'p', meta: { versionId: '2' }, text: { status: 'generated', div: '<div xmlns="http://www.w3.org/1999/xhtml">x</div>' },
  gender: 'male', birthDate: '1970', name: [{ family: 'F' }], maritalStatus: { text: 'M' }, contact: [{ name: { family: 'C' } }],
};

test('_summary=true keeps summary elements only, tagged SUBSETTED', () => {
  const r = applySummaryAndElements(patient, 'true', undefined) as Patient;
  assert.deepEqual(Object.keys(r).sort(), ['birthDate', 'gender', 'id', 'meta', 'name', 'resourceType']);
  assert.deepEqual(r.meta, { versionId: '2', tag: [SUBSETTED] });
  assert.equal(patient.meta?.tag, undefined); // input untouched
});

test('_summary=true keeps choice elements by base name', () => {
  const obs: Observation = { resourceType: 'Observation', id: 'o', status: 'final', code: { text: 'c' }, valueQuantity: { value: 1 }, note: [{ text: 'n' }], effectiveDateTime: '2020' };
  assert.deepEqual(Object.keys(applySummaryAndElements(obs, 'true', undefined)).sort(), ['code', 'effectiveDateTime', 'id', 'meta', 'resourceType', 'status', 'valueQuantity']);
});

test('_summary=text, data, false; _elements', () => {
  assert.deepEqual(Object.keys(applySummaryAndElements(patient, 'text', undefined)).sort(), ['id', 'meta', 'resourceType', 'text']);
  assert.equal((applySummaryAndElements(patient, 'data', undefined) as Patient).text, undefined);
  assert.equal(applySummaryAndElements(patient, 'false', undefined), patient);
  assert.equal(applySummaryAndElements(patient, undefined, undefined), patient);
  const e = applySummaryAndElements(patient, undefined, ['gender', 'contact']) as Patient;
  assert.deepEqual(Object.keys(e).sort(), ['contact', 'gender', 'id', 'meta', 'resourceType']);
  assert.equal(e.meta?.tag?.[0]?.code, 'SUBSETTED');
});

for (const store of STORES) {
  describe(`_summary and _elements in search (${store.name})`, () => {
    let db: Db;
    before(async () => {
      db = await store.open();
      await loadFixtures(db);
    });
    after(() => db.close());

    test('matches are reduced, includes are not', async () => {
      const r = await search(db, 'Patient', '_id=p1&_elements=gender&_include=Patient:organization');
      const m = JSON.parse(r.entries[0]!.json) as Patient;
      assert.deepEqual(Object.keys(m).sort(), ['gender', 'id', 'meta', 'resourceType']);
      assert.equal(r.entries[1]!.mode, 'include');
      assert.equal((JSON.parse(r.entries[1]!.json) as { name: string }).name, 'Rigshospitalet');
      const s = await search(db, 'Patient', '_id=p1&_summary=true');
      assert.equal((JSON.parse(s.entries[0]!.json) as Patient).name?.[0]?.family, 'Sørensen');
      assert.match(s.links[0]!.url, /_summary=true/);
    });
  });
}
