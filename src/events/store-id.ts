/** The store id: a random id made by migration 002 (table kerne_store) that namespaces this store's events on NATS. */
import type { Queryable } from '../db/index.ts';

export async function readStoreId(q: Queryable): Promise<string> {
  const rows = await q.query<{ id: string }>('SELECT id FROM kerne_store');
  const id = rows[0]?.id;
  if (!id) throw new Error('The store has no id (table kerne_store is empty); run the migrations');
  return id;
}
