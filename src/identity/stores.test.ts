/** The identity provider's stores on PGlite and PostgreSQL: users, clients, the shared signing key, pruning. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { STORES } from '../../test/support/stores.ts';
import { createClientStore } from './client-store.ts';
import { pruneExpired } from './identity.ts';
import { createSessionStore } from './session-store.ts';
import { loadSigningKeys } from './signing-key.ts';
import { createUserStore } from './user-store.ts';

for (const store of STORES) {
  describe(`${store.name}: identity stores`, () => {
    test('users: argon2id hashes, case-insensitive usernames, inactive users cannot log in', async () => {
      const db = await store.open();
      try {
        const users = createUserStore(db);
        const karen = await users.add({ username: 'Karen.Holm', password: 'korrekt-hest-1', fhirUser: 'Practitioner/p1' });
        assert.equal(karen.username, 'karen.holm');
        const [row] = await db.query<{ password_hash: string }>('SELECT password_hash FROM identity_user');
        assert.match(row!.password_hash, /^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
        assert.equal((await users.verifyPassword('KAREN.HOLM', 'korrekt-hest-1'))?.id, karen.id);
        assert.equal(await users.verifyPassword('karen.holm', 'korrekt-hest-2'), undefined);
        assert.equal(await users.verifyPassword('nobody', 'korrekt-hest-1'), undefined);
        await assert.rejects(users.add({ username: 'karen.holm', password: 'korrekt-hest-1', fhirUser: 'Practitioner/p2' }), /taken/);
        await assert.rejects(users.add({ username: 'x', password: 'short', fhirUser: 'Practitioner/p2' }), /at least 10 characters/);
        await assert.rejects(users.add({ username: 'y', password: 'korrekt-hest-1', fhirUser: 'Organization/o1' }), /fhirUser/);
        await users.setActive('karen.holm', false);
        assert.equal(await users.verifyPassword('karen.holm', 'korrekt-hest-1'), undefined);
        await users.setActive('karen.holm', true);
        await users.setPassword('karen.holm', 'nyt-kodeord-99');
        assert.ok(await users.verifyPassword('karen.holm', 'nyt-kodeord-99'));
      } finally {
        await db.close();
      }
    });

    test('clients: secrets hashed, system scopes for client credentials, kerne-web built in', async () => {
      const db = await store.open();
      try {
        const clients = createClientStore(db);
        const lab = await clients.add({ clientId: 'lab', secret: 'lab-secret-0123456789', scopes: ['system/*.read'], grantTypes: ['client_credentials'] });
        assert.deepEqual(lab.scopes, ['system/*.read']);
        assert.equal(lab.confidential, true);
        assert.ok(await clients.authenticate('lab', 'lab-secret-0123456789'));
        assert.equal(await clients.authenticate('lab', 'wrong'), undefined);
        assert.equal(await clients.authenticate('lab', undefined), undefined);
        await assert.rejects(clients.add({ clientId: 'bad', secret: 'lab-secret-0123456789', scopes: ['user/*.*'], grantTypes: ['client_credentials'] }), /system\//);
        await assert.rejects(clients.add({ clientId: 'kerne-web', scopes: ['openid'], grantTypes: ['authorization_code'] }), /Invalid client id/);
        const app = await clients.add({ clientId: 'app', scopes: ['openid', 'patient/*.read'], grantTypes: ['authorization_code'], redirectUris: ['https://app.example/cb'] });
        assert.equal(app.confidential, false);
        assert.deepEqual((await clients.get('app'))?.redirectUris, ['https://app.example/cb']);
        assert.equal((await clients.get('kerne-web'))?.builtIn, true);
      } finally {
        await db.close();
      }
    });

    test('one signing key per store, even when several nodes start at once', async () => {
      const db = await store.open();
      try {
        const loaded = await Promise.all([loadSigningKeys(db), loadSigningKeys(db), loadSigningKeys(db)]);
        assert.equal(new Set(loaded.map((k) => k.kid)).size, 1);
        const [{ n }] = (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM identity_signing_key')) as [{ n: number }];
        assert.equal(n, 1);
      } finally {
        await db.close();
      }
    });

    test('sessions expire and end; pruning removes what can no longer be used', async () => {
      const db = await store.open();
      try {
        const user = await createUserStore(db).add({ username: 'u', password: 'korrekt-hest-1', fhirUser: 'Practitioner/p1' });
        const sessions = createSessionStore(db);
        const { session, cookie } = await sessions.start(user.id, 3600);
        assert.equal((await sessions.find(cookie))?.id, session.id);
        assert.equal(await sessions.find('not-the-cookie'), undefined);
        await sessions.end(session.id);
        assert.equal(await sessions.find(cookie), undefined);
        await db.query(`UPDATE identity_session SET ended_at = now() - interval '2 days'`);
        await pruneExpired(db);
        const [{ n }] = (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM identity_session')) as [{ n: number }];
        assert.equal(n, 0);
      } finally {
        await db.close();
      }
    });
  });
}
