/** SQL reads of stored versions: current, one version, and the current row locked for a write. */
import type { Queryable } from '../../db/index.ts';
import { toStoredRow, type StoredResource } from './stored-resource.ts';

type Row = Parameters<typeof toStoredRow>[0];
const COLUMNS = 'rid, type, id, version_id, last_updated, deleted, content, patient_id, sensitive';

export async function readCurrentRow(q: Queryable, type: string, id: string, forUpdate = false): Promise<StoredResource | undefined> {
  const rows = await q.query<Row>(
    `SELECT ${COLUMNS} FROM resource WHERE type = $1 AND id = $2${forUpdate ? ' FOR UPDATE' : ''}`,
    [type, id],
    { name: forUpdate ? 'kerne_read_for_update' : 'kerne_read' },
  );
  return rows[0] && toStoredRow(rows[0]);
}

export async function readVersionRow(q: Queryable, type: string, id: string, versionId: number): Promise<StoredResource | undefined> {
  const rows = await q.query<Row>(
    `SELECT ${COLUMNS} FROM resource WHERE type = $1 AND id = $2 AND version_id = $3
     UNION ALL
     SELECT ${COLUMNS} FROM resource_history WHERE type = $1 AND id = $2 AND version_id = $3
     LIMIT 1`,
    [type, id, versionId],
    { name: 'kerne_vread' },
  );
  return rows[0] && toStoredRow(rows[0]);
}

/** Serialises writers of one logical resource (also update-as-create of a new id) until the transaction ends. */
export async function lockResourceKey(q: Queryable, key: string): Promise<void> {
  await q.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [key], { name: 'kerne_lock_key' });
}

/** Several transaction-scoped locks in one statement, taken in a fixed order (no deadlock between two such calls). */
export async function lockResourceKeys(q: Queryable, keys: readonly string[]): Promise<void> {
  if (keys.length === 0) return;
  await q.query('SELECT count(pg_advisory_xact_lock(k)) FROM (SELECT DISTINCT hashtextextended(key, 0) AS k FROM unnest($1::text[]) AS key ORDER BY 1) AS ordered', [keys], { name: 'kerne_lock_keys' });
}
