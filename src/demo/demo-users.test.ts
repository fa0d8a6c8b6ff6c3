/** Demo users: one login per role in the right unit, a patient login and a system client; idempotent. On PGlite and PostgreSQL. */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { STORES } from '../../test/support/stores.ts';
import { startTestKerne, type TestKerne } from '../../test/support/kerne.ts';
import { createDemoUsers, DEMO_CLIENT, DEMO_PASSWORD } from './demo-users.ts';
import { demoPractitioners } from './organization.ts';
import { DEMO_UNITS, demoUnit } from './units.ts';

for (const store of STORES) {
  describe(`${store.name}: demo users`, () => {
    let k: TestKerne;
    const units = new Map<string, string>();
    let karen: string;
    let patientId: string;

    before(async () => {
      k = await startTestKerne(store);
      const repo = k.kerne.repo;
      for (const unit of DEMO_UNITS) units.set(unit.code, `Organization/${(await repo.create(demoUnit(unit, 'Organization/hospital'))).stored.id}`);
      const practitioners = demoPractitioners();
      for (const p of practitioners) {
        const id = (await repo.create(p)).stored.id;
        if (p.identifier?.[0]?.value === 'demo-1') karen = `Practitioner/${id}`;
      }
      patientId = (await repo.create({ resourceType: 'Patient', name: [{ family: 'Demo' }] })).stored.id;
    });
    after(async () => {
      await k.close();
    });

    test('one login per role, reusing the population\'s practitioners; a second run changes nothing', async () => {
      const { identity, repo } = k.kerne;
      const first = await createDemoUsers(repo, identity, patientId);
      assert.deepEqual(first.created, ['laege', 'sygeplejerske', 'sekretaer', 'portoer', 'afdelingsledelse', 'admin', 'psykiater', 'sygeplejerske2', 'akutsygeplejerske', 'patient']);
      assert.equal(first.clientCreated, true);
      const second = await createDemoUsers(repo, identity, patientId);
      assert.deepEqual(second, { created: [], clientCreated: false });

      const laege = await identity.users.verifyPassword('laege', DEMO_PASSWORD);
      assert.equal(laege?.fhirUser, karen, 'Karen Holm is the population\'s demo-1');
      assert.equal((await identity.users.verifyPassword('patient', DEMO_PASSWORD))?.fhirUser, `Patient/${patientId}`);
      assert.ok(await identity.clients.authenticate(DEMO_CLIENT.id, DEMO_CLIENT.secret));

      const practitioners = await repo.search({ resourceType: 'Practitioner', params: [['_count', '100']], baseUrl: '', handling: 'strict' });
      assert.equal(practitioners.entries.length, 5 + 7, 'five population clinicians and seven new ones');

      k.kerne.http.get('/test/demo-whoami', async (req) => k.kerne.identity.authenticate(req));
      const membershipsOf = async (username: string) => {
        const user = (await identity.users.findByUsername(username))!;
        const { token } = await identity.issueAccessToken({ subject: user.id, fhirUser: user.fhirUser, scope: 'user/*.*', clientId: 'kerne-web' });
        const res = await k.kerne.http.inject({ url: '/test/demo-whoami', headers: { authorization: `Bearer ${token}` } });
        return JSON.parse(res.body).memberships;
      };
      assert.deepEqual(await membershipsOf('laege'), [{ role: 'laege', unit: units.get('MED1') }]);
      assert.deepEqual(await membershipsOf('sygeplejerske'), [{ role: 'sygeplejerske', unit: units.get('MED1') }]);
      assert.deepEqual(await membershipsOf('psykiater'), [{ role: 'laege', unit: units.get('PSY') }]);
      assert.deepEqual(await membershipsOf('admin'), [{ role: 'administrator' }]);
      assert.deepEqual(await membershipsOf('portoer'), [{ role: 'portoer', unit: units.get('MED1') }]);
    });
  });
}
