/** OutboxWatermark: never passes an outbox seq whose transaction may still commit; passes rolled-back gaps. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import pg from 'pg';
import { openDb, migrate } from '../db/index.ts';
import { createTestDatabase, STORES } from '../../test/support/stores.ts';
import { OutboxWatermark } from './outbox-watermark.ts';

const INSERT = `INSERT INTO outbox (rid, type, id, version_id, action) VALUES (1, 'Patient', 'p', 1, 'create') RETURNING seq::text`;

describe('OutboxWatermark', () => {
  for (const store of STORES) {
    it(`follows the outbox in seq order past 10 rows, and past a rolled-back seq (${store.name})`, async () => {
      const db = await store.open();
      try {
        const wm = new OutboxWatermark(db);
        assert.equal(await wm.advance(), '0');
        for (let i = 0; i < 12; i++) await db.query(INSERT);
        assert.equal(await wm.advance(), '12');
        await db.transaction(async (tx) => {
          await tx.query(INSERT); // seq 13, rolled back
          throw new Error('rollback');
        }).catch(() => {});
        await db.query(INSERT); // 14
        await wm.advance(); // sees the gap at 13 and remembers the snapshot
        assert.equal(await wm.advance(), '14');
      } finally {
        await db.close();
      }
    });
  }

  it('waits for a seq held by an open transaction on PostgreSQL, then passes it', { skip: process.env.KERNE_TEST_PG === '0' }, async () => {
    const { url, drop } = await createTestDatabase();
    const db = await openDb({ databaseUrl: url, poolSize: 4 });
    const held = new pg.Client({ connectionString: url });
    try {
      await migrate(db);
      await db.query(INSERT); // 1
      const wm = new OutboxWatermark(db);
      assert.equal(await wm.advance(), '1');
      await held.connect();
      await held.query('BEGIN');
      const { rows } = await held.query(INSERT); // 2, not committed
      assert.equal(rows[0].seq, '2');
      await db.query(INSERT); // 3, committed
      assert.equal(await wm.advance(), '1', 'seq 3 is visible but 2 may still commit');
      await new Promise((r) => setTimeout(r, 50));
      assert.equal(await wm.advance(), '1', 'still in flight');
      await held.query('COMMIT');
      assert.equal(await wm.advance(), '3');

      await held.query('BEGIN');
      await held.query(INSERT); // 4, will roll back
      await db.query(INSERT); // 5
      assert.equal(await wm.advance(), '3');
      await held.query('ROLLBACK');
      assert.equal(await wm.advance(), '5', 'a rolled-back seq is passed once its transaction has ended');
    } finally {
      await held.end().catch(() => {});
      await db.close();
      await drop();
    }
  });
});
