/**
 * The bad-input suite: a few hundred generated malformed requests (broken JSON, wrong types, huge
 * values, injection strings in search parameters). None may be answered 5xx, every 4xx carries an
 * OperationOutcome, and no failed request may leave a partial write.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { STORES } from './support/stores.ts';
import { startTestKerne, type TestKerne } from './support/kerne.ts';

/** A small deterministic PRNG (mulberry32), so the suite is the same on every run. */
function prng(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const VALID_PATIENT = {
  resourceType: 'Patient',
  identifier: [{ system: 'urn:oid:1.2.208.176.1.2', value: '0101901234' }],
  name: [{ family: 'Jørgensen', given: ['Søren'] }],
  gender: 'male',
  birthDate: '1990-01-01',
  telecom: [{ system: 'phone', value: '+45 12345678' }],
};

const INJECTIONS = [
  "'; DROP TABLE resource; --",
  "' OR '1'='1",
  '") OR 1=1 --',
  '$1',
  '%',
  '_',
  '\\',
  '\u0000',
  'a\u0000b',
  '😀🏥',
  '<script>alert(1)</script>',
  '../../etc/passwd',
  'x'.repeat(5000),
  '|||',
  'http://x|',
  '||',
  'ge',
  'eq',
  'gt2020-13-01',
  'lt-1',
  '9'.repeat(400),
  '1e400',
  'NaN',
  '-',
  ',,,',
  'Patient/',
  'Patient/../../x',
];

interface BadRequest {
  readonly method: string;
  readonly url: string;
  readonly body?: string;
  readonly contentType?: string;
}

function generate(): BadRequest[] {
  const rnd = prng(2026);
  const out: BadRequest[] = [];
  const valid = JSON.stringify(VALID_PATIENT);
  // Broken JSON: truncations and byte flips.
  for (let i = 0; i < 60; i++) {
    const cut = 1 + Math.floor(rnd() * (valid.length - 2));
    const text = i % 2 ? valid.slice(0, cut) : valid.slice(0, cut) + '}}{' + valid.slice(cut + 1);
    out.push({ method: i % 3 === 0 ? 'PUT' : 'POST', url: i % 3 === 0 ? '/fhir/Patient/bad-json' : '/fhir/Patient', body: text });
  }
  // Wrong types and invalid values.
  const wrong: Record<string, unknown>[] = [
    { name: 'Jensen' },
    { name: [{ family: ['a'] }] },
    { birthDate: 19900101 },
    { birthDate: '1990-02-30' },
    { birthDate: '90-01-01' },
    { active: 'yes' },
    { gender: 5 },
    { gender: 'robot' },
    { telecom: { system: 'phone' } },
    { telecom: [{ system: 'pigeon', value: 'x' }] },
    { identifier: 'abc' },
    { deceasedBoolean: 'no' },
    { multipleBirthInteger: 1.5 },
    { unknownElement: true },
    { id: 'has space' },
    { id: 'x'.repeat(65) },
    { resourceType: 'Observation' },
    { resourceType: 'NotAType' },
    { resourceType: 42 },
    { meta: { lastUpdated: 'yesterday' } },
    { contained: [{ resourceType: 'Nope' }] },
    { name: [{ family: 'a\u0000b' }] },
    { name: [{ family: 'bell\u0007' }] },
    { extension: [{ url: 42 }] },
    { generalPractitioner: [{ reference: 42 }] },
  ];
  for (const w of wrong) {
    out.push({ method: 'POST', url: '/fhir/Patient', body: JSON.stringify({ ...VALID_PATIENT, ...w }) });
    out.push({ method: 'POST', url: '/fhir', body: JSON.stringify({ resourceType: 'Bundle', type: 'transaction', entry: [{ fullUrl: 'urn:uuid:a', resource: VALID_PATIENT, request: { method: 'POST', url: 'Patient' } }, { resource: { ...VALID_PATIENT, ...w }, request: { method: 'POST', url: 'Patient' } }] }) });
  }
  // Not JSON objects at all.
  for (const body of ['null', '[]', '"Patient"', '42', 'true', '', ' ', '{}', '{"resourceType":null}', '\u0000']) {
    out.push({ method: 'POST', url: '/fhir/Patient', body });
  }
  out.push({ method: 'POST', url: '/fhir/Patient', body: valid, contentType: 'text/plain' });
  out.push({ method: 'POST', url: '/fhir/Patient', body: '<Patient xmlns="http://hl7.org/fhir"/>', contentType: 'application/fhir+xml' });
  // Huge and deep values.
  out.push({ method: 'POST', url: '/fhir/Patient', body: '['.repeat(100_000) });
  out.push({ method: 'POST', url: '/fhir/Patient', body: JSON.stringify({ ...VALID_PATIENT, extension: [{ url: 'http://x', valueDecimal: 1e308 * 10 }] }).replace('null', '1e400') });
  out.push({ method: 'POST', url: '/fhir/Observation', body: '{"resourceType":"Observation","status":"final","code":{"text":"x"},"valueQuantity":{"value":1e400}}' });
  out.push({ method: 'POST', url: '/fhir/Observation', body: '{"resourceType":"Observation","status":"final","code":{"text":"x"},"valueInteger":99999999999999999999}' });
  // Bundles that are wrong in shape.
  const bundles: unknown[] = [
    { resourceType: 'Bundle', type: 'transaction', entry: {} },
    { resourceType: 'Bundle', type: 'transaction', entry: [{}] },
    { resourceType: 'Bundle', type: 'transaction', entry: [{ request: { method: 'FETCH', url: 'Patient' } }] },
    { resourceType: 'Bundle', type: 'transaction', entry: [{ request: { method: 'POST', url: 'Patient' } }] },
    { resourceType: 'Bundle', type: 'transaction', entry: [{ resource: VALID_PATIENT, request: { method: 'POST', url: 'Observation' } }] },
    { resourceType: 'Bundle', type: 'transaction', entry: [{ resource: VALID_PATIENT, request: { method: 'POST', url: 'Patient' } }, { request: { method: 'GET', url: 'Patient?birthdate=notadate' } }] },
    { resourceType: 'Bundle', type: 'transaction', entry: [{ resource: { ...VALID_PATIENT, managingOrganization: { reference: 'Organization?identifier=none|none' } }, request: { method: 'POST', url: 'Patient' } }] },
    { resourceType: 'Bundle', type: 'transaction', entry: [{ resource: VALID_PATIENT, request: { method: 'PUT', url: 'Patient/x', ifMatch: 'garbage' } }] },
    { resourceType: 'Bundle', type: 'history' },
    { resourceType: 'Bundle' },
  ];
  for (const b of bundles) out.push({ method: 'POST', url: '/fhir', body: JSON.stringify(b) });
  // Search parameters with injection strings, for every parameter type.
  const params = ['name', 'family', 'identifier', 'gender', 'birthdate', 'general-practitioner', '_id', '_lastUpdated', '_count', '_sort', '_include', '_revinclude', '_summary', '_elements', '_total', 'name:exact', 'name:contains', 'gender:not', 'identifier:text', 'gender:missing', 'general-practitioner:Practitioner.name', 'organization.name', 'nonexistent', 'name:bogus', '_has:Observation:subject:code'];
  for (const p of params) {
    for (let i = 0; i < 8; i++) {
      const v = INJECTIONS[Math.floor(rnd() * INJECTIONS.length)]!;
      out.push({ method: 'GET', url: `/fhir/Patient?${encodeURIComponent(p)}=${encodeURIComponent(v)}` });
    }
  }
  for (const v of INJECTIONS) {
    out.push({ method: 'GET', url: `/fhir/Observation?value-quantity=${encodeURIComponent(v)}` });
    out.push({ method: 'GET', url: `/fhir/Observation?date=${encodeURIComponent(v)}` });
    out.push({ method: 'GET', url: `/fhir/Patient/${encodeURIComponent(v)}` });
    out.push({ method: 'POST', url: '/fhir/Patient/_search', body: `name=${encodeURIComponent(v)}`, contentType: 'application/x-www-form-urlencoded' });
    out.push({ method: 'GET', url: `/fhir/Patient?_count=10&_sort=${encodeURIComponent(v)}`, });
  }
  // Strict handling of unknown parameters.
  out.push({ method: 'GET', url: '/fhir/Patient?unknown-param=1', contentType: 'strict' });
  // Odd paths and methods.
  for (const url of ['/fhir/Patient/1/2/3/4', '/fhir/%ZZ', '/fhir/Patient/1/_history/abc', '/fhir/Patient/1/_history/-1', '/fhir/_history?_count=x', '/fhir/Patient/_history?_since=x', '/fhir/patient', '/fhir//Patient']) {
    out.push({ method: 'GET', url });
  }
  out.push({ method: 'DELETE', url: '/fhir/Patient' });
  out.push({ method: 'PUT', url: '/fhir/Patient', body: valid });
  out.push({ method: 'PATCH', url: '/fhir/Patient/nonexistent', body: '[{"op":"add","path":"/active","value":true}]', contentType: 'application/json-patch+json' });
  out.push({ method: 'PATCH', url: '/fhir/Patient/p-exists', body: '[{"op":"replace","path":"/id","value":"other"}]', contentType: 'application/json-patch+json' });
  out.push({ method: 'PATCH', url: '/fhir/Patient/p-exists', body: '[{"op":"replace","path":"/gender","value":"robot"}]', contentType: 'application/json-patch+json' });
  out.push({ method: 'PATCH', url: '/fhir/Patient/p-exists', body: '[{"op":"move","from":"/nothing","path":"/x"}]', contentType: 'application/json-patch+json' });
  out.push({ method: 'PATCH', url: '/fhir/Patient/p-exists', body: '[{"op":"explode"}]', contentType: 'application/json-patch+json' });
  out.push({ method: 'PUT', url: '/fhir/Patient/p-exists', body: valid.replace('"Patient"', '"Patient","id":"p-exists"'), contentType: 'application/fhir+json; if-match=W/"99"' });
  return out;
}

for (const store of STORES) {
  describe(`${store.name}: bad input`, () => {
    let k: TestKerne;
    before(async () => {
      k = await startTestKerne(store);
      const seeded = await k.request('PUT', '/fhir/Patient/p-exists', { ...VALID_PATIENT, id: 'p-exists' });
      assert.equal(seeded.status, 201);
    });
    after(async () => {
      await k.close();
    });

    test('a few hundred malformed requests: never 5xx, always an OperationOutcome, nothing half-written', async () => {
      const requests = generate();
      assert.ok(requests.length >= 300, `generated ${requests.length}`);
      const count = async () => (await k.db().query<{ n: number }>('SELECT (SELECT count(*) FROM resource)::int + (SELECT count(*) FROM resource_history)::int AS n'))[0]!.n;
      let rejected = 0;
      for (const r of requests) {
        const before = await count();
        const headers: Record<string, string> = {};
        if (r.contentType === 'strict') headers.prefer = 'handling=strict';
        else if (r.contentType?.includes('if-match')) {
          headers['content-type'] = 'application/fhir+json';
          headers['if-match'] = 'W/"99"';
        } else if (r.body !== undefined) headers['content-type'] = r.contentType ?? 'application/fhir+json';
        const res = await k.kerne.http.inject({ method: r.method as 'GET', url: r.url, headers, ...(r.body !== undefined ? { payload: r.body } : {}) });
        const label = `${r.method} ${r.url.slice(0, 120)} ${String(r.body ?? '').slice(0, 120)}`;
        assert.ok(res.statusCode < 500, `${label} → ${res.statusCode} ${res.body.slice(0, 300)}`);
        if (res.statusCode >= 400) {
          rejected++;
          assert.equal(JSON.parse(res.body).resourceType, 'OperationOutcome', label);
          assert.equal(await count(), before, `${label} left a partial write`);
        }
      }
      assert.ok(rejected > requests.length * 0.6, `most of them are rejected (${rejected}/${requests.length})`);
      assert.equal((await k.db().query<{ n: number }>("SELECT count(*)::int AS n FROM pg_tables WHERE tablename = 'resource'"))[0]!.n, 1, 'the tables are still there');
    });
  });
}
