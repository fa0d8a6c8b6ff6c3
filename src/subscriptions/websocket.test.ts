/** Websocket Subscriptions (R5 Backport IG 1.1.0 binding): $get-ws-binding-token, bind-with-token, notification Bundles; CapabilityStatement channels. */
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { STORES } from '../../test/support/stores.ts';
import { WS_PATH } from './index.ts';
import { createActiveSubscription, fhir, openSocket, startKerne, until } from './test-support.ts';

const param = (p: any, name: string) => p.parameter.find((x: any) => x.name === name);

for (const store of STORES) {
  describe(`websocket subscriptions on ${store.name}`, () => {
    const cleanup: (() => Promise<void>)[] = [];
    after(async () => {
      for (const c of cleanup.reverse()) await c();
    });

    it('issues a binding token, binds, and notifies matching changes as backport notification Bundles', async () => {
      const { kerne, url, origin } = await startKerne({ db: await store.open() });
      cleanup.push(() => kerne.close());

      const meta = await fhir('GET', `${url}/metadata`);
      assert.deepEqual(meta.json.rest[0].extension.map((e: any) => e.valueCode), ['rest-hook', 'websocket']);

      const sub = await createActiveSubscription(url, { criteria: 'Patient?family=Jensen', channel: { type: 'websocket', payload: 'application/fhir+json' } });
      const tokenRes = await fhir('GET', `${url}/Subscription/${sub.id}/$get-ws-binding-token`);
      assert.equal(tokenRes.status, 200);
      assert.equal(tokenRes.json.resourceType, 'Parameters');
      const token = param(tokenRes.json, 'token').valueString as string;
      assert.match(token, /^[A-Za-z0-9_-]{43}$/);
      assert.ok(Date.parse(param(tokenRes.json, 'expiration').valueDateTime) > Date.now());
      assert.equal(param(tokenRes.json, 'websocket-url').valueUrl, `${origin.replace('http', 'ws')}${WS_PATH}`);

      const client = await openSocket(param(tokenRes.json, 'websocket-url').valueUrl);
      cleanup.push(client.close);
      client.ws.send('bind-with-token not-a-real-token-0000000000');
      await until('an error for a bad token', () => client.messages.length >= 1);
      assert.equal((client.messages[0] as any).resourceType, 'OperationOutcome');
      client.ws.send(`bind-with-token ${token}`);
      const handshake = await until('the handshake', () => client.messages[1] as any);
      assert.equal(handshake.type, 'history');
      assert.equal(param(handshake.entry[0].resource, 'type').valueCode, 'handshake');

      const t0 = Date.now();
      const p = await fhir('POST', `${url}/Patient`, { resourceType: 'Patient', name: [{ family: 'Jensen' }] });
      await fhir('POST', `${url}/Patient`, { resourceType: 'Patient', name: [{ family: 'Hansen' }] }); // not matching
      await fhir('PUT', `${url}/Patient/${p.json.id}`, { ...p.json, gender: 'female' });
      await until('2 notifications', () => client.messages.length >= 4);
      const latency = Date.now() - t0;
      await new Promise((r) => setTimeout(r, 200));
      assert.equal(client.messages.length, 4, 'the non-matching Patient is not notified');
      const [created, updated] = client.messages.slice(2) as any[];
      const status = created.entry[0].resource;
      assert.equal(status.meta.profile[0], 'http://hl7.org/fhir/uv/subscriptions-backport/StructureDefinition/backport-subscription-status-r4');
      assert.equal(param(status, 'type').valueCode, 'event-notification');
      assert.equal(param(status, 'subscription').valueReference.reference, `${url}/Subscription/${sub.id}`);
      const focus = param(status, 'notification-event').part.find((x: any) => x.name === 'focus').valueReference.reference;
      assert.equal(focus, `Patient/${p.json.id}/_history/1`);
      assert.equal(created.entry[1].resource.id, p.json.id);
      assert.equal(created.entry[1].request.method, 'POST');
      assert.equal(updated.entry[1].resource.gender, 'female');
      const n1 = Number(param(created.entry[0].resource, 'notification-event').part[0].valueString);
      const n2 = Number(param(updated.entry[0].resource, 'notification-event').part[0].valueString);
      assert.ok(n2 > n1, 'event numbers increase');
      assert.equal(kerne.subscriptions.stats().websocketClients, 1);
      console.log(`# ${store.name}: websocket, 3 writes → 2 notifications in ${latency} ms`);
    });

    it('refuses tokens for subscriptions that are not websocket', async () => {
      const { kerne, url } = await startKerne({ db: await store.open() });
      cleanup.push(() => kerne.close());
      const sub = await createActiveSubscription(url, { criteria: 'Patient', channel: { type: 'rest-hook', endpoint: 'http://127.0.0.1:9/x' } });
      const r = await fhir('GET', `${url}/Subscription/${sub.id}/$get-ws-binding-token`);
      assert.equal(r.status, 400);
      assert.equal(r.json.resourceType, 'OperationOutcome');
      assert.equal((await fhir('GET', `${url}/Subscription/nope/$get-ws-binding-token`)).status, 404);
    });

    it('closes the socket when its Subscription is turned off, and on shutdown', async () => {
      const { kerne, url } = await startKerne({ db: await store.open() });
      let closed = false;
      try {
        const sub = await createActiveSubscription(url, { criteria: 'Patient', channel: { type: 'websocket' } });
        const tok = await fhir('POST', `${url}/Subscription/${sub.id}/$get-ws-binding-token`);
        const client = await openSocket(param(tok.json, 'websocket-url').valueUrl);
        client.ws.send(`bind-with-token ${param(tok.json, 'token').valueString}`);
        await until('the handshake', () => client.messages.length >= 1);
        const code = new Promise<number>((r) => client.ws.once('close', (c) => r(c)));
        await fhir('PUT', `${url}/Subscription/${sub.id}`, { ...sub, status: 'off' });
        assert.equal(await code, 1000);

        const tok2 = await fhir('POST', `${url}/Subscription/${(await createActiveSubscription(url, { criteria: 'Patient', channel: { type: 'websocket' } })).id}/$get-ws-binding-token`);
        const c2 = await openSocket(param(tok2.json, 'websocket-url').valueUrl);
        c2.ws.send(`bind-with-token ${param(tok2.json, 'token').valueString}`);
        await until('the handshake', () => c2.messages.length >= 1);
        const code2 = new Promise<number>((r) => c2.ws.once('close', (c) => r(c)));
        await kerne.close();
        closed = true;
        assert.ok([1001, 1005, 1006].includes(await code2));
      } finally {
        if (!closed) await kerne.close();
      }
    });
  });
}
