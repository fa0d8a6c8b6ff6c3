/** `kerne start --demo` on an empty store: the whole Demo Sygehus loads in one transaction, the logins are made, and the patient login is a KIR patient the MED1 nurse reaches only by break-the-glass. */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Encounter, Location } from '@medplum/fhirtypes';
import { BED_STATUS_SYSTEM } from '../logistics/model.ts';
import { STORES } from '../../test/support/stores.ts';
import { startTestKerne, type TestKerne } from '../../test/support/kerne.ts';
import { DEMO_PASSWORD } from './demo-users.ts';
import { DEMO_LOCATION_SYSTEM } from './hospital-places.ts';
import { DEMO_PATIENTS, DEMO_SEED, ensureDemoUsers, loadDemoDataIfEmpty } from './load-demo.ts';
import { generateDemoPopulation } from './population.ts';
import { demoUnitQuery } from './units.ts';

const NOW = new Date('2025-03-04T09:30:00Z');

for (const store of STORES) {
  describe(`${store.name}: loading the demo hospital`, () => {
    let k: TestKerne;
    before(async () => {
      k = await startTestKerne(store);
    });
    after(async () => {
      await k.close();
    });

    test('loads every entry once, makes the logins, and the patient login is admitted to KIR', async () => {
      const { repo, identity } = k.kerne;
      const expected = generateDemoPopulation({ seed: DEMO_SEED, patients: DEMO_PATIENTS, now: NOW }).entry!.length;
      assert.equal(await loadDemoDataIfEmpty(repo, { now: NOW }), expected, 'every entry written');
      assert.equal(await loadDemoDataIfEmpty(repo, { now: NOW }), 0, 'a second start loads nothing');
      const created = await ensureDemoUsers(repo, identity);
      assert.ok(created.includes('patient') && created.includes('sygeplejerske'), `logins created: ${created.join(', ')}`);

      // R4 has no physical-type search parameter: read the places and count the beds.
      const places = await k.request('GET', '/fhir/Location?_count=500');
      assert.equal(places.status, 200, places.text);
      const beds = (places.json.entry as { resource: Location }[]).filter((e) => e.resource.resourceType === 'Location' && e.resource.physicalType?.coding?.[0]?.code === 'bd');
      assert.equal(beds.length, 100, 'a hundred beds');
      const occupied = await k.request('GET', `/fhir/Location?operational-status=${encodeURIComponent(`${BED_STATUS_SYSTEM}|O`)}&_count=500`);
      assert.equal(occupied.json.entry?.filter((e: { resource: Location }) => e.resource.resourceType === 'Location').length, beds.filter((e) => e.resource.operationalStatus?.code === 'O').length, 'occupied beds found by operational-status');
      const bed = await k.request('GET', `/fhir/Location?identifier=${encodeURIComponent(`${DEMO_LOCATION_SYSTEM}|MED1-seng-1`)}`);
      assert.equal(bed.json.entry?.length, 1, 'a bed found by its demo key');

      const patientUser = (await identity.users.verifyPassword('patient', DEMO_PASSWORD))!;
      const patientRef = patientUser.fhirUser!;
      const [kir] = await repo.findMatches('Organization', demoUnitQuery('KIR'), undefined, 1);
      const stays = await k.request('GET', `/fhir/Encounter?subject=${patientRef}&status=in-progress`);
      const encounters = (stays.json.entry ?? []).map((e: { resource: Encounter }) => e.resource) as Encounter[];
      assert.deepEqual(encounters.map((e) => e.serviceProvider?.reference), [`Organization/${kir!.id}`], 'the patient login has one current stay, on KIR');

      const token = async (username: string) => {
        const user = (await identity.users.findByUsername(username))!;
        return (await identity.issueAccessToken({ subject: user.id, fhirUser: user.fhirUser, scope: 'user/*.*', clientId: 'kerne-web' })).token;
      };
      const nurse = { authorization: `Bearer ${await token('sygeplejerske')}` };
      const denied = await k.request('GET', `/fhir/${patientRef}`, undefined, nurse);
      assert.equal(denied.status, 403, `the MED1 nurse may not read the KIR patient: ${denied.text}`);
      const codes = (denied.json.issue?.[0]?.details?.coding ?? []).map((c: { code: string }) => c.code);
      assert.ok(codes.includes('break-the-glass-possible'), `break-the-glass is possible: ${denied.text}`);

      const [med1] = await repo.findMatches('Organization', demoUnitQuery('MED1'), undefined, 1);
      const med1Stays = await k.request('GET', `/fhir/Encounter?service-provider=Organization/${med1!.id}&status=in-progress&_count=1`);
      const med1Patient = (med1Stays.json.entry[0].resource as Encounter).subject!.reference!;
      const allowed = await k.request('GET', `/fhir/${med1Patient}`, undefined, nurse);
      assert.equal(allowed.status, 200, `the MED1 nurse reads a MED1 patient: ${allowed.text}`);
    });
  });
}
