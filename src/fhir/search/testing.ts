/** Test helper: inserts resources as current rows with their extracted search index rows (before/without the repository). */
import type { Resource } from '@medplum/fhirtypes';
import type { Queryable } from '../../db/index.ts';
import { extractIndexRows } from './extract-index-rows.ts';

let seq = 0;

/** Inserts each resource (it must have an id) as version 1; lastUpdated from meta.lastUpdated or a rising clock. Deleted rows get no index rows, as the repository writes them. */
export async function insertResources(q: Queryable, resources: readonly Resource[]): Promise<void> {
  for (const resource of resources) await insertResource(q, resource);
}

export async function insertResource(q: Queryable, resource: Resource, options: { deleted?: boolean } = {}): Promise<string> {
  if (!resource.id) throw new Error('insertResource: resource needs an id');
  const lastUpdated = resource.meta?.lastUpdated ?? new Date(Date.UTC(2024, 0, 1) + ++seq * 1000).toISOString();
  const stored = { ...resource, meta: { ...resource.meta, versionId: '1', lastUpdated } };
  const [row] = await q.query<{ rid: string }>(
    'INSERT INTO resource (type, id, version_id, last_updated, deleted, content) VALUES ($1, $2, 1, $3, $4, $5) RETURNING rid',
    [resource.resourceType, resource.id, lastUpdated, options.deleted ?? false, JSON.stringify(stored)],
  );
  const rid = row!.rid;
  if (options.deleted) return rid;
  const x = extractIndexRows(resource);
  const t = resource.resourceType;
  for (const r of x.token) await q.query('INSERT INTO sp_token (rid, type, param, system, code, text) VALUES ($1,$2,$3,$4,$5,$6)', [rid, t, r.param, r.system, r.code, r.text]);
  for (const r of x.string) await q.query('INSERT INTO sp_string (rid, type, param, norm, exact) VALUES ($1,$2,$3,$4,$5)', [rid, t, r.param, r.norm, r.exact]);
  for (const r of x.date) await q.query('INSERT INTO sp_date (rid, type, param, lo, hi) VALUES ($1,$2,$3,$4,$5)', [rid, t, r.param, r.lo, r.hi]);
  for (const r of x.number) await q.query('INSERT INTO sp_number (rid, type, param, value, lo, hi) VALUES ($1,$2,$3,$4,$5,$6)', [rid, t, r.param, r.value, r.lo, r.hi]);
  for (const r of x.quantity) {
    await q.query('INSERT INTO sp_quantity (rid, type, param, value, lo, hi, system, code, unit) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9)', [rid, t, r.param, r.value, r.lo, r.hi, r.system, r.code, r.unit]);
  }
  for (const r of x.reference) await q.query('INSERT INTO sp_reference (rid, type, param, target_type, target_id, url) VALUES ($1,$2,$3,$4,$5,$6)', [rid, t, r.param, r.targetType, r.targetId, r.url]);
  for (const r of x.uri) await q.query('INSERT INTO sp_uri (rid, type, param, value) VALUES ($1,$2,$3,$4)', [rid, t, r.param, r.value]);
  return rid;
}
