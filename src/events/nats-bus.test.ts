/** NatsChangeBus on the local NATS JetStream (127.0.0.1:4222, or KERNE_TEST_NATS_URL): publish, consume, de-duplication by msgID. */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, describe, it } from 'node:test';
import type { ChangeEvent } from './change.ts';
import { createChangeBus } from './create-change-bus.ts';
import { NatsChangeBus } from './nats-bus.ts';

const NATS_URL = process.env.KERNE_TEST_NATS_URL ?? 'nats://127.0.0.1:4222';

const event = (seq: number, type = 'Patient'): ChangeEvent => ({ seq: String(seq), type, id: `p${seq}`, versionId: 1, action: 'create', at: new Date().toISOString() });

function collect(bus: { subscribe(h: (e: ChangeEvent) => void): () => void }) {
  const got: ChangeEvent[] = [];
  bus.subscribe((e) => got.push(e));
  return got;
}

async function until(cond: () => boolean, ms = 5000): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe('NatsChangeBus', () => {
  const open: NatsChangeBus[] = [];
  const bus = async (namespace: string) => {
    const b = (await createChangeBus(NATS_URL, { namespace })) as NatsChangeBus;
    open.push(b);
    return b;
  };
  after(async () => {
    for (const b of open) await b.close();
  });

  it('delivers every event to every node of the same store, in order, and de-duplicates a re-publish by outbox seq', async () => {
    const ns = `t${randomBytes(6).toString('hex')}`;
    const a = await bus(ns);
    const b = await bus(ns);
    const other = await bus(`t${randomBytes(6).toString('hex')}`);
    const gotA = collect(a);
    const gotB = collect(b);
    const gotOther = collect(other);

    await a.publish([event(1), event(2, 'Observation')]);
    await b.publish([event(2, 'Observation'), event(3)]); // seq 2 again: a relay re-publishing after a crash
    await until(() => gotA.length >= 3 && gotB.length >= 3);
    await new Promise((r) => setTimeout(r, 300)); // room for a duplicate to show up
    assert.deepEqual(gotA.map((e) => e.seq), ['1', '2', '3']);
    assert.deepEqual(gotB.map((e) => e.seq), ['1', '2', '3']);
    assert.equal(gotB[1]!.type, 'Observation');
    assert.equal(gotOther.length, 0, 'another store namespace sees nothing');
  });

  it('starts a node at new events only, and stops delivering after unsubscribe and close', async () => {
    const ns = `t${randomBytes(6).toString('hex')}`;
    const a = await bus(ns);
    await a.publish([event(1)]);
    const late = await bus(ns);
    const got: ChangeEvent[] = [];
    const off = late.subscribe((e) => got.push(e));
    await a.publish([event(2)]);
    await until(() => got.length >= 1);
    assert.deepEqual(got.map((e) => e.seq), ['2']);
    off();
    await a.publish([event(3)]);
    await new Promise((r) => setTimeout(r, 200));
    assert.equal(got.length, 1);
  });

  it('refuses an unsafe namespace', async () => {
    await assert.rejects(createChangeBus(NATS_URL, { namespace: 'a.b' }), /namespace/);
  });
});
