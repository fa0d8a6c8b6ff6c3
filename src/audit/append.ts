/** appendAuditEvents: adds AuditEvents to the end of the hash chain, one writer at a time. */
import type { AuditEvent } from '@medplum/fhirtypes';
import type { Db, Queryable } from '../db/index.ts';
import { AUDIT_LOCK, GENESIS_HASH, recordedIsoSql, rowHash } from './chain.ts';

const CHUNK = 1_000; // rows per INSERT (5 parameters each, well under PostgreSQL's 65,535)

const isDb = (q: Queryable | Db): q is Db => typeof (q as Partial<Db>).transaction === 'function';

/**
 * Appends `events` in order. Given a Db, runs in a transaction of its own; given a Queryable, it must
 * be an open transaction (the caller's, so the audit rows commit or roll back with the audited change):
 * the advisory lock is transaction-scoped and would not serialise anything in autocommit. The lock is
 * then held until that transaction ends, so keep it short. Use READ COMMITTED (the default): the last
 * row is read after the lock is taken and must see the previous holder's commit.
 */
export async function appendAuditEvents(q: Queryable | Db, events: readonly AuditEvent[]): Promise<void> {
  if (events.length === 0) return;
  if (isDb(q)) return q.transaction((tx) => appendInTransaction(tx, events));
  return appendInTransaction(q, events);
}

async function appendInTransaction(tx: Queryable, events: readonly AuditEvent[]): Promise<void> {
  await tx.query('SELECT pg_advisory_xact_lock($1)', [AUDIT_LOCK]);
  const [last] = await tx.query<{ hash: string }>('SELECT hash FROM audit_log ORDER BY seq DESC LIMIT 1');
  const seqs = (
    await tx.query<{ seq: string }>(
      `SELECT nextval(pg_get_serial_sequence('audit_log', 'seq'))::text AS seq FROM generate_series(1, $1::int)`,
      [events.length],
    )
  )
    .map((r) => BigInt(r.seq))
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const [now] = await tx.query<{ recorded: string }>(`SELECT ${recordedIsoSql('clock_timestamp()')} AS recorded`);
  const recorded = now!.recorded;

  let prevHash = last?.hash ?? GENESIS_HASH;
  const rows = events.map((event, i) => {
    const seq = String(seqs[i]);
    const text = JSON.stringify(event);
    const hash = rowHash(prevHash, seq, recorded, text);
    const row = [seq, recorded, text, prevHash, hash];
    prevHash = hash;
    return row;
  });
  for (let start = 0; start < rows.length; start += CHUNK) {
    const chunk = rows.slice(start, start + CHUNK);
    const values = chunk.map((_, i) => `($${i * 5 + 1}::bigint, $${i * 5 + 2}::timestamptz, $${i * 5 + 3}, $${i * 5 + 4}, $${i * 5 + 5})`);
    await tx.query(
      `INSERT INTO audit_log (seq, recorded, event, prev_hash, hash) OVERRIDING SYSTEM VALUE VALUES ${values.join(', ')}`,
      chunk.flat(),
    );
  }
}
