/** DB tests of error handling: unknown parameters and modifiers (strict/lenient), invalid values (https://hl7.org/fhir/R4/search.html#errors). */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Db } from '../../db/index.ts';
import { FhirError } from '../../errors/index.ts';
import { STORES } from '../../../test/support/stores.ts';
import { findMatchingIds } from './execute.ts';
import { loadFixtures, matchIds, search } from './test-fixtures.ts';

/** Asserts a 400 FhirError whose first issue names `expression`. */
async function rejects400(p: Promise<unknown>, expression: string): Promise<void> {
  await assert.rejects(p, (e: unknown) => {
    assert.ok(e instanceof FhirError, String(e));
    assert.equal(e.status, 400);
    assert.deepEqual(e.outcome.issue[0]?.expression, [expression]);
    return true;
  });
}

for (const store of STORES) {
  describe(`search errors (${store.name})`, () => {
    let db: Db;
    before(async () => {
      db = await store.open();
      await loadFixtures(db);
    });
    after(() => db.close());

    test('unknown parameter and modifier: 400 in strict handling', async () => {
      await rejects400(search(db, 'Patient', 'nope=1'), 'nope');
      await rejects400(search(db, 'Patient', 'name:fuzzy=x'), 'name:fuzzy');
      await rejects400(search(db, 'Patient', 'gender:below=x'), 'gender:below');
      await rejects400(search(db, 'Observation', 'subject:Patient.nope=x'), 'subject:Patient.nope');
      await rejects400(search(db, 'Patient', '_text=x'), '_text');
    });

    test('unknown parameter and modifier: ignored with a warning in lenient handling, and left out of links', async () => {
      const r = await search(db, 'Patient', 'nope=1&gender=male&name:fuzzy=x', 'lenient');
      assert.deepEqual(matchIds(r), ['p2']);
      assert.deepEqual(r.warnings.map((w) => [w.severity, w.expression?.[0]]), [['warning', 'nope'], ['warning', 'name:fuzzy']]);
      assert.equal(r.links[0]!.url, 'http://127.0.0.1:8080/fhir/Patient?gender=male&_count=20');
    });

    test('invalid values are 400 even in lenient handling', async () => {
      await rejects400(search(db, 'Patient', 'birthdate=1970-13-01', 'lenient'), 'birthdate');
      await rejects400(search(db, 'Patient', 'birthdate=xx1970', 'lenient'), 'birthdate');
      await rejects400(search(db, 'RiskAssessment', 'probability=abc', 'lenient'), 'probability');
      await rejects400(search(db, 'Observation', 'value-quantity=1|2', 'lenient'), 'value-quantity');
      await rejects400(search(db, 'Patient', 'active:missing=maybe', 'lenient'), 'active:missing');
      await rejects400(search(db, 'Patient', '_offset=-1', 'lenient'), '_offset');
      await rejects400(search(db, 'Patient', '_total=some', 'lenient'), '_total');
      await rejects400(search(db, 'Patient', '_summary=yes', 'lenient'), '_summary');
      await rejects400(search(db, 'Patient', 'identifier=a|b|c', 'lenient'), 'identifier');
      await rejects400(search(db, 'Patient', 'organization=not a ref', 'lenient'), 'organization');
      await rejects400(search(db, 'Patient', 'gender=', 'lenient'), 'gender');
    });

    test('hostile values stay data (parameterised SQL)', async () => {
      assert.deepEqual(matchIds(await search(db, 'Patient', "name=x' OR '1'='1")), []);
      assert.deepEqual(matchIds(await search(db, 'Patient', 'identifier=urn:sys1|111;DROP TABLE resource')), []);
      assert.deepEqual(matchIds(await search(db, 'Patient', 'identifier=urn:sys1|111')), ['p1']);
    });

    test('findMatchingIds: conditional criteria, strict parsing', async () => {
      const m = await findMatchingIds(db, 'Patient', 'identifier=urn:sys1|222', 2);
      assert.deepEqual(m.map((x) => [x.id, x.versionId]), [['p2', 1]]);
      assert.equal(typeof m[0]!.rid, 'string');
      assert.deepEqual((await findMatchingIds(db, 'Patient', 'identifier=111', 5)).map((x) => x.id), ['p1', 'p3']);
      assert.equal((await findMatchingIds(db, 'Patient', 'identifier=111', 1)).length, 1);
      await rejects400(findMatchingIds(db, 'Patient', 'nope=1', 2), 'nope');
      await rejects400(findMatchingIds(db, 'Patient', '', 2), 'url');
    });
  });
}
