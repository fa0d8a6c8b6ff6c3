/**
 * `kerne packages install` end to end: after installing DK-core 3.7.0, every official DK-core Patient
 * example is accepted through the REST API, and a copy with a malformed CPR number is refused (422).
 */
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { after, before, describe, test } from 'node:test';
import type { Patient, Resource } from '@medplum/fhirtypes';
import { createValidator } from '../src/fhir/validation/index.ts';
import { installPackage } from '../src/packages/index.ts';
import { STORES } from './support/stores.ts';
import { startTestKerne, type TestKerne } from './support/kerne.ts';

const STANDARDS = fileURLToPath(new URL('../../shared/standards/', import.meta.url));
const DK_CORE = `${STANDARDS}dk-core/profiles/3.7.0`;
const EXAMPLES = `${STANDARDS}dk-core/examples/patients-3.7.0/`;
const CPR_SYSTEM = 'urn:oid:1.2.208.176.1.2';

describe('DK-core profiles through the REST API', { skip: !existsSync(DK_CORE) && 'no ../shared/standards here' }, () => {
  let k: TestKerne;
  before(async () => {
    k = await startTestKerne(STORES[0]!);
    const result = await installPackage(DK_CORE, {
      validator: createValidator(), // as the CLI does: the running server reloads from the change events
      save: async (resources: Resource[]) => {
        await k.kerne.repo.transaction(async (ctx) => {
          for (const r of resources) await k.kerne.repo.updateIn(ctx, r);
        });
      },
    });
    assert.equal(result.name, 'hl7.fhir.dk.core');
    // The running server picks the stored profiles up from the change events.
    await k.kerne.relay.flush();
    await new Promise((r) => setTimeout(r, 400));
  });
  after(async () => {
    await k?.close();
  });

  test('the official examples are accepted; a malformed CPR number is refused with 422', async () => {
    const files = readdirSync(EXAMPLES).filter((f) => f.endsWith('.json'));
    assert.ok(files.length >= 20);
    for (const f of files) {
      const example = JSON.parse(readFileSync(EXAMPLES + f, 'utf8')) as Patient;
      const res = await k.request('PUT', `/fhir/Patient/${example.id}`, example);
      assert.ok(res.status === 200 || res.status === 201, `${f}: ${res.status} ${res.text.slice(0, 300)}`);
    }
    const withCpr = files
      .map((f) => JSON.parse(readFileSync(EXAMPLES + f, 'utf8')) as Patient)
      .find((p) => p.identifier?.some((i) => i.system === CPR_SYSTEM));
    assert.ok(withCpr, 'an example with a CPR number');
    const broken = structuredClone(withCpr);
    broken.id = 'broken-cpr';
    broken.identifier = broken.identifier!.map((i) => (i.system === CPR_SYSTEM ? { ...i, value: '12AB56-789' } : i));
    const refused = await k.request('PUT', '/fhir/Patient/broken-cpr', broken);
    assert.equal(refused.status, 422, refused.text);
    assert.equal(refused.json.resourceType, 'OperationOutcome');
    assert.equal((await k.request('GET', '/fhir/Patient/broken-cpr')).status, 404, 'nothing was stored');

    // Without the profile claim the same content is only checked against the R4 base definition.
    const unprofiled = { ...broken, id: 'no-profile', meta: {} };
    assert.equal((await k.request('PUT', '/fhir/Patient/no-profile', unprofiled)).status, 201);
  });
});
