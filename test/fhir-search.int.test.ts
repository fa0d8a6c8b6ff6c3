/** FHIR search through HTTP: modifiers, prefixes, chains, includes, paging with _sort, POST _search, handling. @see https://hl7.org/fhir/R4/search.html */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { STORES } from './support/stores.ts';
import { startTestKerne, type TestKerne } from './support/kerne.ts';

const CPR = 'urn:oid:1.2.208.176.1.2';

for (const store of STORES) {
  describe(`${store.name}: FHIR search over HTTP`, () => {
    let k: TestKerne;
    const ids: Record<string, string> = {};
    const idsOf = (bundle: { entry?: { resource: { id: string }; search: { mode: string } }[] }, mode = 'match') =>
      (bundle.entry ?? []).filter((e) => e.search.mode === mode).map((e) => e.resource.id);

    before(async () => {
      k = await startTestKerne(store);
      const bundle = {
        resourceType: 'Bundle',
        type: 'transaction',
        entry: [
          { fullUrl: 'urn:uuid:org', resource: { resourceType: 'Organization', name: 'Demo Sygehus', identifier: [{ system: 'urn:oid:1.2.208.176.1.1', value: '123' }] }, request: { method: 'POST', url: 'Organization' } },
          ...[
            ['Jørgensen', 'Søren', 'male', '1950-03-01', '0103501234'],
            ['Jensen', 'Anne', 'female', '1980-07-15', '1507801234'],
            ['Jensenius', 'Åse', 'female', '1999-12-31', '3112991234'],
            ['Hansen', 'Peter', 'male', '2001-01-02', '0201011234'],
          ].map(([family, given, gender, birthDate, cpr], i) => ({
            fullUrl: `urn:uuid:p${i}`,
            resource: { resourceType: 'Patient', name: [{ family, given: [given] }], gender, birthDate, identifier: [{ system: CPR, value: cpr }], managingOrganization: { reference: 'urn:uuid:org' } },
            request: { method: 'POST', url: 'Patient' },
          })),
          ...[72, 88, 120, 95].map((value, i) => ({
            fullUrl: `urn:uuid:o${i}`,
            resource: {
              resourceType: 'Observation',
              status: i === 3 ? 'preliminary' : 'final',
              code: { coding: [{ system: 'http://loinc.org', code: '8867-4', display: 'Heart rate' }] },
              subject: { reference: `urn:uuid:p${i % 2}` },
              effectiveDateTime: `2024-0${i + 1}-10T08:00:00Z`,
              valueQuantity: { value, unit: '/min', system: 'http://unitsofmeasure.org', code: '/min' },
            },
            request: { method: 'POST', url: 'Observation' },
          })),
        ],
      };
      const res = await k.request('POST', '/fhir', bundle);
      assert.equal(res.status, 200, res.text);
      for (const [i, e] of (res.json.entry as { resource: { id: string } }[]).entries()) ids[bundle.entry[i]!.fullUrl] = e.resource.id;
    });
    after(async () => {
      await k?.close();
    });

    const search = async (url: string, headers: Record<string, string> = {}) => {
      const res = await k.request('GET', url, undefined, headers);
      assert.equal(res.status, 200, `${url}: ${res.text.slice(0, 300)}`);
      return res.json;
    };
    /** CPR numbers never go in URLs: POST _search with a form body. */
    const searchByPost = async (type: string, form: string) => {
      const res = await k.request('POST', `/fhir/${type}/_search`, form);
      assert.equal(res.status, 200, `${type}?${form}: ${res.text.slice(0, 300)}`);
      return res.json;
    };

    test('string: default prefix, :exact, :contains, Danish letters', async () => {
      const jensen = await search('/fhir/Patient?family=jensen');
      assert.equal(idsOf(jensen).length, 2, JSON.stringify(jensen.entry.map((e: { resource: { name?: unknown } }) => e.resource.name)));
      assert.deepEqual(idsOf(await search('/fhir/Patient?family:exact=Jensen')), [ids['urn:uuid:p1']]);
      assert.equal(idsOf(await search('/fhir/Patient?family:contains=ense')).length, 3); // Jensen, Jensenius, Jørgensen
      assert.deepEqual(idsOf(await search('/fhir/Patient?given=åse')), [ids['urn:uuid:p2']]);
      assert.deepEqual(idsOf(await search('/fhir/Patient?name=jørg')), [ids['urn:uuid:p0']]);
    });

    test('token: system|code, code, :not, :text, identifier', async () => {
      assert.equal(idsOf(await search('/fhir/Observation?code=http://loinc.org|8867-4')).length, 4);
      assert.equal(idsOf(await search('/fhir/Observation?code=8867-4&status=final')).length, 3);
      assert.equal(idsOf(await search('/fhir/Observation?status:not=final')).length, 1);
      assert.equal(idsOf(await search('/fhir/Observation?code:text=heart')).length, 4);
      assert.deepEqual(idsOf(await searchByPost('Patient', `identifier=${CPR}|1507801234`)), [ids['urn:uuid:p1']]);
      assert.equal(idsOf(await search('/fhir/Patient?gender=female,male')).length, 4);
    });

    test('date and quantity prefixes', async () => {
      assert.equal(idsOf(await search('/fhir/Patient?birthdate=ge1980-07-15')).length, 3);
      assert.equal(idsOf(await search('/fhir/Patient?birthdate=lt1980')).length, 1);
      assert.equal(idsOf(await search('/fhir/Patient?birthdate=1999-12')).length, 1);
      assert.equal(idsOf(await search('/fhir/Observation?date=ge2024-02-01&date=lt2024-04-01')).length, 2);
      assert.equal(idsOf(await search('/fhir/Observation?value-quantity=gt90')).length, 2);
      assert.equal(idsOf(await search('/fhir/Observation?value-quantity=le88|http://unitsofmeasure.org|/min')).length, 2);
    });

    test('reference: id, Type/id, chained, :missing', async () => {
      const p0 = ids['urn:uuid:p0']!;
      assert.equal(idsOf(await search(`/fhir/Observation?subject=Patient/${p0}`)).length, 2);
      assert.equal(idsOf(await search(`/fhir/Observation?patient=${p0}`)).length, 2);
      assert.equal(idsOf(await search('/fhir/Observation?subject:Patient.family=Jensen')).length, 2);
      assert.equal(idsOf(await searchByPost('Observation', `patient.identifier=${CPR}|0103501234`)).length, 2);
      assert.equal(idsOf(await search('/fhir/Patient?organization.name=Demo')).length, 4);
      assert.equal(idsOf(await search('/fhir/Patient?general-practitioner:missing=true')).length, 4);
    });

    test('_include, _revinclude and :iterate', async () => {
      const inc = await search('/fhir/Observation?code=8867-4&_include=Observation:subject');
      assert.equal(idsOf(inc).length, 4);
      assert.equal(idsOf(inc, 'include').length, 2);
      const rev = await search(`/fhir/Patient?_id=${ids['urn:uuid:p0']}&_revinclude=Observation:subject`);
      assert.equal(idsOf(rev, 'include').length, 2);
      const iter = await search('/fhir/Observation?status=preliminary&_include=Observation:subject&_include:iterate=Patient:organization');
      assert.deepEqual(idsOf(iter, 'include').sort(), [ids['urn:uuid:p1'], ids['urn:uuid:org']].sort());
    });

    test('paging across pages with a multi-key _sort follows the links', async () => {
      let page = await search('/fhir/Patient?_sort=gender,-birthdate&_count=1&_total=accurate');
      assert.equal(page.total, 4);
      const seen: string[] = [];
      for (;;) {
        seen.push(...idsOf(page));
        const next = (page.link as { relation: string; url: string }[]).find((l) => l.relation === 'next');
        if (!next) break;
        const u = new URL(next.url);
        page = await search(u.pathname + u.search);
      }
      assert.deepEqual(seen, [ids['urn:uuid:p2'], ids['urn:uuid:p1'], ids['urn:uuid:p3'], ids['urn:uuid:p0']]);
    });

    test('POST _search, _summary, _elements, _count=0', async () => {
      const res = await k.request('POST', '/fhir/Patient/_search', 'family=Jensen&_elements=name', { 'content-type': 'application/x-www-form-urlencoded' });
      assert.equal(res.status, 200);
      assert.equal(res.json.entry.length, 2);
      assert.equal(res.json.entry[0].resource.gender, undefined);
      assert.ok(res.json.entry[0].resource.meta.tag.some((t: { code: string }) => t.code === 'SUBSETTED'));
      const count = await search('/fhir/Observation?_summary=count');
      assert.equal(count.total, 4);
      assert.equal(count.entry, undefined);
    });

    test('unknown parameters: ignored with a warning (lenient), refused when strict', async () => {
      const lenient = await search('/fhir/Patient?nonsense=1');
      assert.equal(idsOf(lenient).length, 4);
      assert.ok(lenient.entry.some((e: { search: { mode: string } }) => e.search.mode === 'outcome'));
      const strict = await k.request('GET', '/fhir/Patient?nonsense=1', undefined, { prefer: 'handling=strict' });
      assert.equal(strict.status, 400);
      assert.deepEqual(strict.json.issue[0].expression, ['nonsense']);
      const badDate = await k.request('GET', '/fhir/Patient?birthdate=ge2020-13');
      assert.equal(badDate.status, 400);
    });
  });
}
