/**
 * Two Kerne processes (`kerne start`) on one PostgreSQL database and NATS JetStream: a change written
 * through node A reaches a websocket subscriber of node B; rest-hook deliveries happen once, in order,
 * whichever node takes the write. KERNE_TEST_NATS_RESTART=1 also restarts nats-server mid-test.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { after, describe, it } from 'node:test';
import { startServerProcess, type ServerProcess } from '../../test/support/server-process.ts';
import { createTestDatabase } from '../../test/support/stores.ts';
import { createActiveSubscription, fhir, openSocket, startReceiver, until } from './test-support.ts';

const NATS_URL = process.env.KERNE_TEST_NATS_URL ?? 'nats://127.0.0.1:4222';
const param = (p: any, name: string) => p.parameter.find((x: any) => x.name === name);

function restartNats(): void {
  const daemon = ['--exec', '/usr/sbin/nats-server'];
  execFileSync('start-stop-daemon', ['--stop', '--oknodo', '--retry', '5', ...daemon]);
  execFileSync('start-stop-daemon', ['--start', '--oknodo', '--background', ...daemon, '--', '-a', '127.0.0.1', '-p', '4222', '-js', '-sd', '/var/lib/nats-server', '-l', '/var/log/nats-server.log']);
}

describe('two Kerne processes on one PostgreSQL and NATS', { skip: process.env.KERNE_TEST_PG === '0' }, () => {
  const cleanup: (() => Promise<unknown>)[] = [];
  after(async () => {
    for (const c of cleanup.reverse()) await c().catch(() => {});
  });

  it('delivers a change written through node A to a websocket subscriber of node B, and each rest-hook notification once', async () => {
    const { url: databaseUrl, drop } = await createTestDatabase();
    cleanup.push(drop);
    const env = { DATABASE_URL: databaseUrl, NATS_URL, KERNE_LOG_LEVEL: 'warn' };
    const nodes: ServerProcess[] = [];
    for (let i = 0; i < 2; i++) {
      // Flags as well as env: loadConfig lets an absent flag (undefined) hide the env value.
      const node = await startServerProcess(['--database-url', databaseUrl, '--nats-url', NATS_URL, '--dev-no-auth'], env); // delivery, not login, is tested here
      nodes.push(node);
      cleanup.push(() => node.stop());
    }
    const [a, b] = nodes.map((n) => `${n.base}/fhir`) as [string, string];

    // websocket: subscription and token through A, socket on B, writes through A
    const sub = await createActiveSubscription(a, { criteria: 'Patient?family=Jensen', channel: { type: 'websocket', payload: 'application/fhir+json' } });
    const tok = await fhir('GET', `${b}/Subscription/${sub.id}/$get-ws-binding-token`);
    assert.equal(tok.status, 200, JSON.stringify(tok.json));
    const wsUrl = param(tok.json, 'websocket-url').valueUrl as string;
    assert.ok(wsUrl.includes(`:${nodes[1]!.port}/`), 'the socket is on node B');
    const client = await openSocket(wsUrl);
    cleanup.push(client.close);
    client.ws.send(`bind-with-token ${param(tok.json, 'token').valueString}`);
    await until('the handshake', () => client.messages.length >= 1);

    const t0 = Date.now();
    const p = await fhir('POST', `${a}/Patient`, { resourceType: 'Patient', name: [{ family: 'Jensen' }] });
    const note = await until('the notification on node B', () => client.messages[1] as any);
    const latency = Date.now() - t0;
    assert.equal(note.entry[1].resource.id, p.json.id);
    console.log(`# write on A → websocket notification on B: ${latency} ms`);

    if (process.env.KERNE_TEST_NATS_RESTART === '1') {
      restartNats();
      const p2 = await fhir('POST', `${a}/Patient`, { resourceType: 'Patient', name: [{ family: 'Jensen' }] });
      const after = await until('a notification after the NATS restart', () => client.messages[2] as any, 30_000);
      assert.equal(after.entry[1].resource.id, p2.json.id);
      console.log('# NATS restarted: node B still notified');
    }

    // rest-hook: writes alternate between the nodes; one node delivers each change, in commit order
    const receiver = await startReceiver();
    cleanup.push(receiver.close);
    await createActiveSubscription(b, { criteria: 'Observation', channel: { type: 'rest-hook', endpoint: receiver.url, payload: 'application/fhir+json' } });
    for (let i = 0; i < 20; i++) await fhir('POST', `${i % 2 ? a : b}/Observation`, { resourceType: 'Observation', status: 'final', code: { text: `o${i}` } });
    await until('20 deliveries', () => receiver.received.length >= 20, 20_000);
    await new Promise((r) => setTimeout(r, 1500));
    assert.deepEqual(receiver.received.map((r) => JSON.parse(r.body).code.text), Array.from({ length: 20 }, (_, i) => `o${i}`));

    for (const n of nodes) assert.equal(await n.stop(), 0, `clean shutdown:\n${n.output()}`);
  });
});
