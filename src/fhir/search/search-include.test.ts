/** DB tests of _include and _revinclude, with :iterate and wildcards (https://hl7.org/fhir/R4/search.html#include), on every store. */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Db } from '../../db/index.ts';
import { STORES } from '../../../test/support/stores.ts';
import { loadFixtures, matchIds, search } from './test-fixtures.ts';
import type { SearchResult } from './types.ts';

const included = (r: SearchResult) => r.entries.filter((e) => e.mode === 'include').map((e) => `${e.type}/${e.id}`).sort();

for (const store of STORES) {
  describe(`search includes (${store.name})`, () => {
    let db: Db;
    before(async () => {
      db = await store.open();
      await loadFixtures(db);
    });
    after(() => db.close());

    test('_include=Type:param brings the referenced resources once', async () => {
      const r = await search(db, 'Observation', 'code=8480-6,8462-4&_include=Observation:subject');
      assert.deepEqual(matchIds(r).sort(), ['ob1', 'ob2', 'ob3']);
      assert.deepEqual(included(r), ['Patient/p1', 'Patient/p2']);
      assert.equal(r.total, 3); // includes do not count
    });

    test('_include with a target type, and with *', async () => {
      assert.deepEqual(included(await search(db, 'Observation', '_id=ob1&_include=Observation:subject:Group')), []);
      assert.deepEqual(included(await search(db, 'Observation', '_id=ob1&_include=Observation:subject:Patient')), ['Patient/p1']);
      assert.deepEqual(included(await search(db, 'Patient', '_id=p1&_include=*')), ['Organization/o1', 'Practitioner/pr1']);
      assert.deepEqual(included(await search(db, 'Patient', '_id=p1,p2&_include=Patient:*')), ['Organization/o1', 'Organization/o2', 'Practitioner/pr1']);
    });

    test('_include:iterate follows one more level', async () => {
      const plain = await search(db, 'Observation', '_id=ob1&_include=Observation:patient&_include=Patient:organization');
      assert.deepEqual(included(plain), ['Patient/p1']);
      const it = await search(db, 'Observation', '_id=ob1&_include=Observation:patient&_include:iterate=Patient:organization');
      assert.deepEqual(included(it), ['Organization/o1', 'Patient/p1']);
    });

    test('_revinclude, with :iterate', async () => {
      const r = await search(db, 'Patient', '_id=p1&_revinclude=Observation:subject&_revinclude=Provenance:target');
      assert.deepEqual(matchIds(r), ['p1']);
      assert.deepEqual(included(r), ['Observation/ob1', 'Observation/ob2', 'Provenance/prov1']);
      const it = await search(db, 'Organization', '_id=o1&_revinclude=Patient:organization&_revinclude:iterate=RiskAssessment:subject');
      assert.deepEqual(included(it), ['Patient/p1', 'RiskAssessment/ra1']);
    });

    test('an include that is not a reference parameter: 400 strict, warning lenient', async () => {
      await assert.rejects(search(db, 'Observation', '_include=Observation:code'), (e: { status: number; outcome: { issue: { expression: string[] }[] } }) => e.status === 400 && e.outcome.issue[0]!.expression[0] === '_include');
      const r = await search(db, 'Observation', '_id=ob1&_include=Observation:code', 'lenient');
      assert.deepEqual([matchIds(r), r.warnings.length], [['ob1'], 1]);
      await assert.rejects(search(db, 'Observation', '_include=nonsense'), (e: { status: number }) => e.status === 400);
    });
  });
}
