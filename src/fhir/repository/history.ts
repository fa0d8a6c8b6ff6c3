/**
 * History of one resource, a type or the whole system, newest first, with _count, _since, _at and paging.
 * @see https://hl7.org/fhir/R4/http.html#history
 */
import type { Queryable } from '../../db/index.ts';
import { badRequest } from '../../errors/index.ts';
import { accessCondition, type AccessFilter } from '../search/access-filter.ts';
import { SqlParams } from '../search/sql-params.ts';
import { toStoredRow, type StoredResource } from './stored-resource.ts';

export interface HistoryQuery {
  readonly type?: string;
  readonly id?: string;
  readonly count: number;
  readonly offset: number;
  readonly since?: string;
  readonly at?: string;
  /** The versions the caller may see; absent: all. */
  readonly access?: AccessFilter;
}

export interface HistoryPage {
  readonly versions: StoredResource[];
  readonly total: number | undefined;
  readonly hasMore: boolean;
}

export const MAX_HISTORY_COUNT = 1000;

export function parseHistoryParams(params: [string, string][]): Omit<HistoryQuery, 'type' | 'id'> {
  let count = 50;
  let offset = 0;
  let since: string | undefined;
  let at: string | undefined;
  for (const [name, value] of params) {
    if (name === '_count') {
      if (!/^\d+$/.test(value)) throw badRequest(`_count must be a whole number, not '${value.slice(0, 40)}'`, '_count');
      count = Math.min(Number(value), MAX_HISTORY_COUNT);
    } else if (name === '_offset') {
      if (!/^\d+$/.test(value)) throw badRequest(`_offset must be a whole number`, '_offset');
      offset = Number(value);
    } else if (name === '_since' || name === '_at') {
      if (!/^\d{4}(-\d{2}(-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2}))?)?)?$/.test(value) || Number.isNaN(Date.parse(value))) {
        throw badRequest(`${name} must be an instant such as 2024-01-31T12:00:00Z, not '${value.slice(0, 40)}'`, name);
      }
      if (name === '_since') since = value;
      else at = value;
    } else if (name !== '_format' && name !== '_pretty') {
      throw badRequest(`Unknown history parameter '${name.slice(0, 40)}'`, name);
    }
  }
  return { count, offset, ...(since ? { since } : {}), ...(at ? { at } : {}) };
}

export async function readHistory(q: Queryable, query: HistoryQuery): Promise<HistoryPage> {
  const sql = new SqlParams();
  const where: string[] = [];
  if (query.type) where.push(`type = ${sql.add(query.type, 'text')}`);
  if (query.id) where.push(`id = ${sql.add(query.id, 'text')}`);
  if (query.since) where.push(`last_updated >= ${sql.add(query.since, 'timestamptz')}`);
  if (query.at) where.push(`last_updated <= ${sql.add(query.at, 'timestamptz')}`);
  const allowed = accessCondition(sql, 'v', query.access);
  const filter = where.length ? `WHERE ${where.join(' AND ')}` : '';
  const cols = 'rid, type, id, version_id, last_updated, deleted, content, patient_id, sensitive';
  const filterParams = sql.values.slice();
  const limit = sql.add(query.count + 1, 'int');
  const offset = sql.add(query.offset, 'int');
  const rows = await q.query<Parameters<typeof toStoredRow>[0]>(
    `SELECT * FROM (SELECT ${cols} FROM resource ${filter} UNION ALL SELECT ${cols} FROM resource_history ${filter}) v
     ${allowed ? `WHERE ${allowed}` : ''} ORDER BY last_updated DESC, rid DESC, version_id DESC LIMIT ${limit} OFFSET ${offset}`,
    sql.values,
  );
  const hasMore = rows.length > query.count;
  const versions = rows.slice(0, query.count).map(toStoredRow);
  let total: number | undefined;
  if (query.id && !allowed) {
    const t = await q.query<{ n: number }>(
      `SELECT (SELECT count(*) FROM resource ${filter})::int + (SELECT count(*) FROM resource_history ${filter})::int AS n`,
      filterParams,
    );
    total = t[0]?.n;
  }
  return { versions, total, hasMore };
}
