/** The FHIR REST interactions over HTTP (in-process), against PGlite and PostgreSQL. @see https://hl7.org/fhir/R4/http.html */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { STORES } from './support/stores.ts';
import { startTestKerne, type TestKerne } from './support/kerne.ts';

const patient = (family: string, extra: Record<string, unknown> = {}) => ({ resourceType: 'Patient', name: [{ family, given: ['Test'] }], ...extra });

for (const store of STORES) {
  describe(`${store.name}: FHIR REST`, () => {
    let k: TestKerne;
    before(async () => {
      k = await startTestKerne(store);
    });
    after(async () => {
      await k.close();
    });

    test('create, read, vread, update with If-Match, history, delete', async () => {
      const created = await k.request('POST', '/fhir/Patient', patient('Jensen'));
      assert.equal(created.status, 201);
      const id = created.json.id as string;
      assert.match(id, /^[0-9a-f-]{36}$/);
      assert.equal(created.headers.etag, 'W/"1"');
      assert.ok(String(created.headers.location).endsWith(`/fhir/Patient/${id}/_history/1`));
      assert.ok(created.headers['last-modified']);
      assert.equal(created.json.meta.versionId, '1');

      const read = await k.request('GET', `/fhir/Patient/${id}`);
      assert.equal(read.status, 200);
      assert.deepEqual(read.json, created.json);

      const updated = await k.request('PUT', `/fhir/Patient/${id}`, { ...patient('Hansen'), id }, { 'if-match': 'W/"1"' });
      assert.equal(updated.status, 200);
      assert.equal(updated.json.meta.versionId, '2');
      const stale = await k.request('PUT', `/fhir/Patient/${id}`, { ...patient('Stale'), id }, { 'if-match': 'W/"1"' });
      assert.equal(stale.status, 412);
      assert.equal(stale.json.resourceType, 'OperationOutcome');

      const v1 = await k.request('GET', `/fhir/Patient/${id}/_history/1`);
      assert.equal(v1.json.name[0].family, 'Jensen');
      const v2 = await k.request('GET', `/fhir/Patient/${id}/_history/2`);
      assert.equal(v2.json.name[0].family, 'Hansen');
      assert.equal((await k.request('GET', `/fhir/Patient/${id}/_history/9`)).status, 404);

      const patched = await k.request('PATCH', `/fhir/Patient/${id}`, [{ op: 'add', path: '/gender', value: 'female' }], {
        'content-type': 'application/json-patch+json',
      });
      assert.equal(patched.status, 200);
      assert.equal(patched.json.gender, 'female');
      assert.equal(patched.json.meta.versionId, '3');

      const deleted = await k.request('DELETE', `/fhir/Patient/${id}`);
      assert.equal(deleted.status, 204);
      const gone = await k.request('GET', `/fhir/Patient/${id}`);
      assert.equal(gone.status, 410);
      assert.equal((await k.request('DELETE', `/fhir/Patient/${id}`)).status, 204, 'deleting again is a no-op');

      const history = await k.request('GET', `/fhir/Patient/${id}/_history`);
      assert.equal(history.json.type, 'history');
      assert.equal(history.json.total, 4);
      assert.deepEqual(
        history.json.entry.map((e: { request: { method: string } }) => e.request.method),
        ['DELETE', 'PUT', 'PUT', 'POST'],
      );
      // History survives the delete: old versions stay readable.
      assert.equal((await k.request('GET', `/fhir/Patient/${id}/_history/2`)).status, 200);
    });

    test('update-as-create with a client id, and Prefer return', async () => {
      const res = await k.request('PUT', '/fhir/Patient/client-id-1', patient('Nielsen', { id: 'client-id-1' }));
      assert.equal(res.status, 201);
      assert.equal(res.json.id, 'client-id-1');
      const minimal = await k.request('PUT', '/fhir/Patient/client-id-1', patient('Nielsen', { id: 'client-id-1' }), { prefer: 'return=minimal' });
      assert.equal(minimal.status, 200);
      assert.equal(minimal.text, '');
      assert.equal(minimal.headers.etag, 'W/"2"');
      const oo = await k.request('POST', '/fhir/Patient', patient('Olsen'), { prefer: 'return=OperationOutcome' });
      assert.equal(oo.status, 201);
      assert.equal(oo.json.resourceType, 'OperationOutcome');
    });

    test('type and system history list new versions first', async () => {
      const a = await k.request('POST', '/fhir/Organization', { resourceType: 'Organization', name: 'A' });
      const b = await k.request('POST', '/fhir/Organization', { resourceType: 'Organization', name: 'B' });
      const typeHistory = await k.request('GET', '/fhir/Organization/_history?_count=1');
      assert.equal(typeHistory.json.entry.length, 1);
      assert.equal(typeHistory.json.entry[0].resource.id, b.json.id);
      const next = typeHistory.json.link.find((l: { relation: string }) => l.relation === 'next');
      assert.ok(next, 'a next link');
      const page2 = await k.request('GET', new URL(next.url).pathname + new URL(next.url).search);
      assert.equal(page2.json.entry[0].resource.id, a.json.id);
      const system = await k.request('GET', '/fhir/_history?_count=2');
      assert.equal(system.json.entry.length, 2);
      assert.equal((await k.request('GET', '/fhir/_history?_since=yesterday')).status, 400);
    });

    test('concurrent updates with If-Match: exactly one wins', async () => {
      const created = await k.request('POST', '/fhir/Patient', patient('Race'));
      const id = created.json.id;
      const results = await Promise.all(
        Array.from({ length: 8 }, (_, i) => k.request('PUT', `/fhir/Patient/${id}`, { ...patient(`Race${i}`), id }, { 'if-match': 'W/"1"' })),
      );
      const statuses = results.map((r) => r.status).sort();
      assert.deepEqual(statuses, [200, 412, 412, 412, 412, 412, 412, 412]);
      const history = await k.request('GET', `/fhir/Patient/${id}/_history`);
      assert.equal(history.json.total, 2);
    });

    test('concurrent updates without If-Match each get their own version', async () => {
      const created = await k.request('POST', '/fhir/Patient', patient('Many'));
      const id = created.json.id;
      const results = await Promise.all(Array.from({ length: 6 }, (_, i) => k.request('PUT', `/fhir/Patient/${id}`, { ...patient(`M${i}`), id })));
      assert.deepEqual(results.map((r) => r.json.meta.versionId).sort(), ['2', '3', '4', '5', '6', '7']);
    });

    test('transaction: urn:uuid references rewritten, all or nothing', async () => {
      const bundle = {
        resourceType: 'Bundle',
        type: 'transaction',
        entry: [
          { fullUrl: 'urn:uuid:11111111-1111-4111-8111-111111111111', resource: patient('Tx'), request: { method: 'POST', url: 'Patient' } },
          {
            fullUrl: 'urn:uuid:22222222-2222-4222-8222-222222222222',
            resource: { resourceType: 'Observation', status: 'final', code: { text: 'puls' }, subject: { reference: 'urn:uuid:11111111-1111-4111-8111-111111111111' } },
            request: { method: 'POST', url: 'Observation' },
          },
        ],
      };
      const ok = await k.request('POST', '/fhir', bundle);
      assert.equal(ok.status, 200);
      assert.equal(ok.json.type, 'transaction-response');
      const patientId = ok.json.entry[0].resource.id;
      assert.equal(ok.json.entry[0].response.status, '201 Created');
      assert.equal(ok.json.entry[1].resource.subject.reference, `Patient/${patientId}`);
      const obs = await k.request('GET', `/fhir/Observation/${ok.json.entry[1].resource.id}`);
      assert.equal(obs.json.subject.reference, `Patient/${patientId}`);

      const before = await k.db().query<{ n: number }>('SELECT count(*)::int AS n FROM resource');
      const failing = structuredClone(bundle);
      failing.entry.push({ fullUrl: 'urn:uuid:3', resource: { resourceType: 'Patient', gender: 'robot' } as never, request: { method: 'POST', url: 'Patient' } });
      const bad = await k.request('POST', '/fhir', failing);
      assert.equal(bad.status, 400);
      assert.match(bad.json.issue[0].details.text, /Bundle\.entry\[2\]/);
      assert.equal(bad.json.issue[0].expression[0], 'Bundle.entry[2]');
      const afterRows = await k.db().query<{ n: number }>('SELECT count(*)::int AS n FROM resource');
      assert.deepEqual(afterRows, before, 'nothing of the failed transaction was written');
    });

    test('batch: entries succeed or fail independently', async () => {
      const res = await k.request('POST', '/fhir', {
        resourceType: 'Bundle',
        type: 'batch',
        entry: [
          { resource: patient('Batch'), request: { method: 'POST', url: 'Patient' } },
          { request: { method: 'GET', url: 'Patient/does-not-exist' } },
          { resource: { resourceType: 'Patient', gender: 'robot' }, request: { method: 'POST', url: 'Patient' } },
        ],
      });
      assert.equal(res.status, 200);
      assert.equal(res.json.type, 'batch-response');
      assert.deepEqual(
        res.json.entry.map((e: { response: { status: string } }) => e.response.status),
        ['201 Created', '404 Not Found', '400 Bad Request'],
      );
      assert.equal(res.json.entry[2].response.outcome.resourceType, 'OperationOutcome');
    });

    test('bad input answers 4xx with an OperationOutcome', async () => {
      const cases: [string, string, unknown, number][] = [
        ['POST', '/fhir/Patient', '{"resourceType":', 400],
        ['POST', '/fhir/Patient', { resourceType: 'Observation', status: 'final', code: { text: 'x' } }, 400],
        ['POST', '/fhir/Nonsense', { resourceType: 'Nonsense' }, 400],
        ['GET', '/fhir/Nonsense/1', undefined, 404],
        ['PUT', '/fhir/Patient/abc', { resourceType: 'Patient', id: 'xyz' }, 400],
        ['PUT', '/fhir/Patient/abc', { resourceType: 'Patient' }, 400],
        ['POST', '/fhir/Patient', { resourceType: 'Patient', gender: 'robot' }, 400],
        ['POST', '/fhir/Patient', { resourceType: 'Patient', birthDate: '2020-13-45' }, 400],
        ['GET', '/fhir/Patient/has%20space', undefined, 400],
        ['POST', '/fhir', { resourceType: 'Bundle', type: 'collection' }, 400],
        ['POST', '/fhir', [1, 2], 400],
        ['PATCH', '/fhir/Patient/client-id-1', { not: 'an array' }, 400],
      ];
      for (const [method, url, body, status] of cases) {
        const res = await k.request(method, url, typeof body === 'string' ? body : body, typeof body === 'string' ? { 'content-type': 'application/fhir+json' } : {});
        assert.equal(res.status, status, `${method} ${url} ${JSON.stringify(body)?.slice(0, 60)}: ${res.text.slice(0, 200)}`);
        assert.equal(res.json?.resourceType, 'OperationOutcome', `${method} ${url}`);
      }
      const invalid = await k.request('POST', '/fhir/Patient', { resourceType: 'Patient', gender: 'robot' });
      assert.deepEqual(invalid.json.issue[0].expression, ['Patient.gender']);
    });

    test('metadata lists every resource type with its search parameters', async () => {
      const res = await k.request('GET', '/fhir/metadata');
      assert.equal(res.json.resourceType, 'CapabilityStatement');
      const types = res.json.rest[0].resource.map((r: { type: string }) => r.type);
      assert.ok(types.length >= 140);
      const obs = res.json.rest[0].resource.find((r: { type: string }) => r.type === 'Observation');
      assert.ok(obs.searchParam.some((p: { name: string }) => p.name === 'code'));
      assert.ok(!obs.searchParam.some((p: { type: string }) => p.type === 'composite'), 'composite parameters are not claimed');
    });
  });
}

describe('request bodies over the configured limit', () => {
  test('413 with an OperationOutcome, nothing stored', async () => {
    const k = await startTestKerne(STORES[0]!, { bodyLimit: 4096 });
    try {
      const big = { resourceType: 'Patient', name: [{ family: 'x'.repeat(8000) }] };
      const res = await k.request('POST', '/fhir/Patient', big);
      assert.equal(res.status, 413);
      assert.equal(res.json.resourceType, 'OperationOutcome');
      assert.equal((await k.db().query<{ n: number }>('SELECT count(*)::int AS n FROM resource'))[0]!.n, 0);
    } finally {
      await k.close();
    }
  });
});
