/** Rest-hook Subscriptions (R4): signed delivery, criteria, order, retry with back-off, status 'error', resume after a restart. */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { openDb } from '../db/index.ts';
import { createTestDatabase, STORES } from '../../test/support/stores.ts';
import { DELIVERY_HEADER, SECRET_EXTENSION, SIGNATURE_HEADER, verifySignature } from './index.ts';
import { createActiveSubscription, fhir, startKerne, startReceiver, until } from './test-support.ts';

const SECRET = 's3cret-for-tests';
const FAST = { restHook: { backoffBaseMs: 100, backoffMaxMs: 2000, maxAttempts: 6, timeoutMs: 2000, pollMs: 200 } };

const restHook = (endpoint: string, extra: Record<string, unknown> = {}) => ({
  criteria: 'Observation?status=final',
  channel: {
    type: 'rest-hook',
    endpoint,
    payload: 'application/fhir+json',
    header: ['Authorization: Bearer test-token'],
    extension: [{ url: SECRET_EXTENSION, valueString: SECRET }],
    ...extra,
  },
});
const observation = (status: string, text: string) => ({ resourceType: 'Observation', status, code: { text } });

for (const store of STORES) {
  describe(`rest-hook subscriptions on ${store.name}`, () => {
    const cleanup: (() => Promise<void>)[] = [];
    after(async () => {
      for (const c of cleanup.reverse()) await c();
    });

    it('POSTs each matching change, signed, with the channel headers, in commit order, and only changes after creation', async () => {
      const receiver = await startReceiver();
      cleanup.push(receiver.close);
      const { kerne, url } = await startKerne({ db: await store.open(), subscriptions: FAST });
      cleanup.push(() => kerne.close());

      await fhir('POST', `${url}/Observation`, observation('final', 'before the subscription'));
      const sub = await createActiveSubscription(url, restHook(receiver.url));
      assert.equal(sub.error, undefined);

      const t0 = Date.now();
      const first = await fhir('POST', `${url}/Observation`, observation('final', 'one'));
      await fhir('POST', `${url}/Observation`, observation('preliminary', 'not matching'));
      await fhir('POST', `${url}/Patient`, { resourceType: 'Patient' });
      for (const n of ['two', 'three', 'four', 'five']) await fhir('POST', `${url}/Observation`, observation('final', n));
      await until('5 deliveries', () => receiver.received.length >= 5);
      const latency = receiver.received[0]!.at - t0;
      await new Promise((r) => setTimeout(r, 300));

      assert.deepEqual(receiver.received.map((r) => JSON.parse(r.body).code.text), ['one', 'two', 'three', 'four', 'five']);
      const r0 = receiver.received[0]!;
      assert.equal(JSON.parse(r0.body).id, first.json.id);
      assert.match(String(r0.headers['content-type']), /^application\/fhir\+json/);
      assert.equal(r0.headers.authorization, 'Bearer test-token');
      assert.equal(r0.headers[DELIVERY_HEADER], `${sub.id}:${(await kerne.db.query<{ seq: string }>(`SELECT seq::text FROM outbox WHERE id = $1`, [first.json.id]))[0]!.seq}`);
      for (const r of receiver.received) assert.ok(verifySignature(SECRET, r.body, r.headers[SIGNATURE_HEADER] as string), 'valid signature');
      assert.ok(!verifySignature('another secret', r0.body, r0.headers[SIGNATURE_HEADER] as string));
      assert.equal(kerne.subscriptions.stats().restHookDelivered, 5);
      console.log(`# ${store.name}: rest-hook latency, create → received: ${latency} ms`);
    });

    it('sends an empty body without payload, and a delete as an empty ping', async () => {
      const receiver = await startReceiver();
      cleanup.push(receiver.close);
      const { kerne, url } = await startKerne({ db: await store.open(), subscriptions: FAST });
      cleanup.push(() => kerne.close());
      await createActiveSubscription(url, { criteria: 'Patient?family=Hansen', channel: { type: 'rest-hook', endpoint: receiver.url } });
      const p = await fhir('POST', `${url}/Patient`, { resourceType: 'Patient', name: [{ family: 'Hansen' }] });
      await fhir('DELETE', `${url}/Patient/${p.json.id}`);
      await until('2 deliveries', () => receiver.received.length >= 2);
      assert.deepEqual(receiver.received.map((r) => r.body), ['', '']);
      assert.equal(receiver.received[0]!.headers[SIGNATURE_HEADER], undefined, 'no secret, no signature');
    });

    it('retries with exponential back-off when the receiver fails, then delivers', async () => {
      const receiver = await startReceiver();
      cleanup.push(receiver.close);
      const { kerne, url } = await startKerne({ db: await store.open(), subscriptions: FAST });
      cleanup.push(() => kerne.close());
      await createActiveSubscription(url, restHook(receiver.url));
      receiver.fail(3);
      const t0 = Date.now();
      await fhir('POST', `${url}/Observation`, observation('final', 'retried'));
      await fhir('POST', `${url}/Observation`, observation('final', 'after it'));
      await until('both deliveries', () => receiver.received.length >= 2);
      const waited = receiver.received[0]!.at - t0;
      assert.equal(receiver.refusedCount(), 3);
      assert.ok(waited >= 100 + 200 + 400, `back-off 100+200+400 ms, waited ${waited} ms`);
      assert.deepEqual(receiver.received.map((r) => JSON.parse(r.body).code.text), ['retried', 'after it'], 'order kept across retries');
      const [row] = await kerne.db.query<{ attempts: number; last_error: string | null }>('SELECT attempts, last_error FROM subscription_delivery');
      assert.deepEqual(row, { attempts: 0, last_error: null });
      console.log(`# ${store.name}: 3 failures then success after ${waited} ms`);
    });

    it("sets status 'error' with Subscription.error after repeated failures", async () => {
      const receiver = await startReceiver();
      cleanup.push(receiver.close);
      const { kerne, url } = await startKerne({ db: await store.open(), subscriptions: { restHook: { ...FAST.restHook, maxAttempts: 3 } } });
      cleanup.push(() => kerne.close());
      const sub = await createActiveSubscription(url, restHook(receiver.url));
      receiver.fail(1000);
      await fhir('POST', `${url}/Observation`, observation('final', 'never arrives'));
      const failed = await until('status error', async () => {
        const r = await fhir('GET', `${url}/Subscription/${sub.id}`);
        return r.json.status === 'error' ? r.json : undefined;
      });
      assert.match(failed.error, /Delivery failed 3 times: .*503/);
      assert.equal(receiver.refusedCount(), 3);

      // Re-requesting it resumes where delivery stopped: the change is not lost.
      receiver.fail(0);
      const { error: _e, ...rest } = failed;
      assert.equal((await fhir('PUT', `${url}/Subscription/${sub.id}`, { ...rest, status: 'requested' })).status, 200);
      await until('the delivery after re-activation', () => receiver.received.length >= 1);
      assert.equal(JSON.parse(receiver.received[0]!.body).code.text, 'never arrives');
    });

    it("rejects what it cannot serve with status 'error'", async () => {
      const { kerne, url } = await startKerne({ db: await store.open(), subscriptions: FAST });
      cleanup.push(() => kerne.close());
      for (const [sub, why] of [
        [{ criteria: 'Observation?status=final', channel: { type: 'email', endpoint: 'mailto:a@b.dk' } }, /Channel type 'email' is not supported/],
        [{ criteria: 'Observation?nonsense=1', channel: { type: 'rest-hook', endpoint: 'http://127.0.0.1:9/x' } }, /unknown Observation search parameter/],
        [{ criteria: 'Observation', channel: { type: 'rest-hook', endpoint: 'ftp://x' } }, /http\(s\) channel.endpoint/],
      ] as const) {
        const created = await fhir('POST', `${url}/Subscription`, { resourceType: 'Subscription', status: 'requested', reason: 'x', ...sub });
        assert.equal(created.status, 201);
        const r = await until('status error', async () => {
          const got = await fhir('GET', `${url}/Subscription/${created.json.id}`);
          return got.json.status === 'error' ? got.json : undefined;
        });
        assert.match(r.error, why);
      }
    });
  });
}

describe('rest-hook delivery resumes after a restart', () => {
  const stores = [
    {
      name: 'postgres',
      async open() {
        const { url, drop } = await createTestDatabase();
        return { config: { databaseUrl: url }, drop };
      },
    },
    {
      name: 'pglite (data dir)',
      async open() {
        const dir = mkdtempSync(join(tmpdir(), 'kerne-sub-'));
        return { config: { dataDir: dir }, drop: async () => rmSync(dir, { recursive: true, force: true }) };
      },
    },
  ].filter((s) => process.env.KERNE_TEST_PG !== '0' || s.name !== 'postgres');

  for (const s of stores) {
    it(`delivers every change pending at close after a new Kerne starts on the same store (${s.name})`, async () => {
      const { config, drop } = await s.open();
      const receiver = await startReceiver();
      const open = async () => ('databaseUrl' in config ? startKerne({ db: await openDb(config), subscriptions: FAST }) : startKerne({ subscriptions: FAST }, config));
      try {
        const a = await open();
        await createActiveSubscription(a.url, restHook(receiver.url));
        // Half the changes are delivered before the close, the rest are stuck behind a failing receiver.
        for (let i = 0; i < 10; i++) await fhir('POST', `${a.url}/Observation`, observation('final', `n${i}`));
        await until('the first 10 deliveries', () => receiver.received.length >= 10);
        receiver.fail(1000);
        for (let i = 10; i < 25; i++) await fhir('POST', `${a.url}/Observation`, observation('final', `n${i}`));
        await until('a failed attempt', () => receiver.refusedCount() > 0);
        await a.kerne.close();

        receiver.fail(0);
        const b = await open();
        try {
          await until('all 25 changes delivered', () => new Set(receiver.received.map((r) => r.body)).size >= 25, 15_000);
          await new Promise((r) => setTimeout(r, 300));
          const texts = receiver.received.map((r) => JSON.parse(r.body).code.text as string);
          const unique = [...new Set(texts)];
          assert.deepEqual(unique, Array.from({ length: 25 }, (_, i) => `n${i}`), 'none lost, in order');
          console.log(`# restart on ${s.name}: 25 changes, ${texts.length - unique.length} duplicate deliveries`);
        } finally {
          await b.kerne.close();
        }
      } finally {
        await receiver.close();
        await drop();
      }
    });
  }
});
