/** DB tests of result parameters: _count, _offset paging links, _sort, _total, _summary=count (https://hl7.org/fhir/R4/search.html#return), on every store. */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Db } from '../../db/index.ts';
import { STORES } from '../../../test/support/stores.ts';
import { BASE, loadFixtures, matchIds, search } from './test-fixtures.ts';
import { executeSearch } from './execute.ts';
import { insertResource } from './testing.ts';

for (const store of STORES) {
  describe(`search results (${store.name})`, () => {
    let db: Db;
    before(async () => {
      db = await store.open();
      await loadFixtures(db);
      // 25 more patients for paging: family Pnn, birthdates spread over years
      for (let i = 0; i < 25; i++) {
        await insertResource(db, { resourceType: 'Patient', id: `x${String(i).padStart(2, '0')}`, name: [{ family: `Page${String(24 - i).padStart(2, '0')}` }], birthDate: `${2000 + (i % 5)}-01-01`, gender: 'other' });
      }
    });
    after(() => db.close());

    test('default _count is 20; by default no total while more pages follow', async () => {
      const r = await search(db, 'Patient', 'gender=other');
      assert.equal(matchIds(r).length, 20);
      assert.equal(r.total, undefined);
      assert.equal((await search(db, 'Patient', 'gender=other&_count=50')).total, 25, 'a page that shows the end gives the total');
      assert.equal(r.links.find((l) => l.relation === 'next')?.url, `${BASE}/Patient?gender=other&_count=20&_offset=20`);
    });

    test('_count=0 gives only the total; _summary=count too', async () => {
      const r = await search(db, 'Patient', 'gender=other&_count=0');
      assert.deepEqual([r.entries.length, r.total], [0, 25]);
      const c = await search(db, 'Patient', 'gender=other&_summary=count');
      assert.deepEqual([c.entries.length, c.total], [0, 25]);
    });

    test('_total=none omits; accurate counts; estimate is exact under the cap', async () => {
      assert.equal((await search(db, 'Patient', 'gender=other&_count=5&_total=none')).total, undefined);
      assert.equal((await search(db, 'Patient', 'gender=other&_count=5&_total=accurate')).total, 25);
      assert.equal((await search(db, 'Patient', 'gender=other&_count=5&_total=estimate')).total, 25);
      // counted on the index tables (two filters, one driving) and on resource (_id reads the row)
      assert.equal((await search(db, 'Patient', 'gender=other&birthdate=2000&name:missing=false&gender:not=male&_count=1&_total=accurate')).total, 5);
      assert.equal((await search(db, 'Patient', '_id=p1,p2,p3,pdel&_count=1&_total=accurate')).total, 3);
      assert.equal((await search(db, 'Patient', 'gender=other&_has:Observation:subject:status=final&_count=1')).total, 0);
    });

    test('_count above 1000 is capped; _count=abc is a 400 naming _count', async () => {
      const r = await search(db, 'Patient', 'gender=other&_count=5000');
      assert.match(r.links[0]!.url, /_count=1000/);
      await assert.rejects(search(db, 'Patient', '_count=abc'), (e: { status: number; outcome: { issue: { expression: string[] }[] } }) => e.status === 400 && e.outcome.issue[0]!.expression[0] === '_count');
    });

    test('_sort on a string param, several keys, descending; paging follows next links to the end', async () => {
      const seen: string[] = [];
      let r = await search(db, 'Patient', 'gender=other&_sort=-birthdate,family&_count=7');
      const first = matchIds(r);
      for (;;) {
        seen.push(...matchIds(r));
        const next = r.links.find((l) => l.relation === 'next');
        if (!next) break;
        const u = new URL(next.url);
        assert.equal(u.pathname, '/fhir/Patient');
        r = await executeSearch(db, { resourceType: 'Patient', params: [...u.searchParams], baseUrl: BASE, handling: 'strict' });
        assert.ok(r.links.some((l) => l.relation === 'previous'));
      }
      // birthdate desc (2004 first), then family asc; x04 has 2004 and family Page20, x09 Page15…
      const expected = Array.from({ length: 25 }, (_, i) => i)
        .sort((a, b) => (b % 5) - (a % 5) || (24 - a) - (24 - b))
        .map((i) => `x${String(i).padStart(2, '0')}`);
      assert.deepEqual(seen, expected);
      assert.deepEqual(first, expected.slice(0, 7));
      assert.equal(r.total, 25); // the last page knows the total
    });

    test('_sort by _id, -_lastUpdated, token, date, quantity, reference', async () => {
      assert.deepEqual(matchIds(await search(db, 'Patient', '_id=p1,p2,p3&_sort=-_id')), ['p3', 'p2', 'p1']);
      assert.deepEqual(matchIds(await search(db, 'Patient', '_id=p1,p2,p3&_sort=-_lastUpdated')), ['p3', 'p2', 'p1']);
      assert.deepEqual(matchIds(await search(db, 'Patient', '_id=p1,p2,p3&_sort=gender,-_id')), ['p3', 'p1', 'p2']);
      assert.deepEqual(matchIds(await search(db, 'Observation', '_sort=date')), ['ob3', 'ob1', 'ob2', 'ob4']);
      assert.deepEqual(matchIds(await search(db, 'Observation', '_sort=-value-quantity')), ['ob3', 'ob1', 'ob2', 'ob4']);
      assert.deepEqual(matchIds(await search(db, 'Observation', '_sort=-subject,_id')), ['ob4', 'ob3', 'ob1', 'ob2']);
      assert.deepEqual(matchIds(await search(db, 'Patient', '_id=p1,p2,p3&_sort=active')), ['p2', 'p1', 'p3']); // missing values last
    });

    test('_sort on an unknown parameter is a 400 naming _sort', async () => {
      await assert.rejects(search(db, 'Patient', '_sort=nope', 'lenient'), (e: { status: number; outcome: { issue: { expression: string[] }[] } }) => e.status === 400 && e.outcome.issue[0]!.expression[0] === '_sort');
    });

    test('an offset past the end gives no entries and the accurate total', async () => {
      const r = await search(db, 'Patient', 'gender=other&_offset=100&_total=accurate');
      assert.deepEqual([r.entries.length, r.total], [0, 25]);
      assert.equal(r.links.find((l) => l.relation === 'next'), undefined);
    });
  });
}
