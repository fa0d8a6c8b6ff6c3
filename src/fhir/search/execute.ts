/**
 * Search execution: one parameterised page query (count+1 rows, to know if there is a next page),
 * a total per the _total policy, paging links, includes, and _summary/_elements.
 * @see https://hl7.org/fhir/R4/search.html#count @see https://hl7.org/fhir/R4/search.html#total
 *
 * Total policy: _total=accurate counts every match; _total=none gives no total. By default the total
 * is given when the page shows it (the last page, or a single page) and otherwise left out, since
 * counting costs more than the page (with _count=0 or _summary=count, up to 1,000 are counted).
 * _total=estimate counts up to 10,000 and above that uses the planner's row estimate.
 *
 * Counting relies on the store's invariant that sp_* rows exist only for current, non-deleted
 * resources: when one filter can drive from its index table and no filter reads the resource row,
 * the count runs on the index tables alone (index-only scans, no probe per match into resource).
 */
import type { Resource } from '@medplum/fhirtypes';
import type { Queryable } from '../../db/index.ts';
import { badRequest } from '../../errors/index.ts';
import { compileFilter, compileSort, drivingRids, isDrivingFilter, readsOnlyRid } from './compile.ts';
import { accessCondition, type AccessFilter } from './access-filter.ts';
import { findIncludes, ROW_COLUMNS, type Row } from './include.ts';
import { parseSearch } from './parse.ts';
import type { ParsedSearch } from './search-query.ts';
import { SqlParams } from './sql-params.ts';
import { applySummaryAndElements } from './summary.ts';
import type { SearchEntry, SearchLink, SearchRequest, SearchResult } from './types.ts';

export const TOTAL_CAP = 10_000;
/** Without _total, only _count=0 counts, and at most this many matches; beyond it, no total. */
export const DEFAULT_TOTAL_CAP = 1_000;

/** The WHERE clause (on alias r) and its bind parameters. */
function compileWhere(p: ParsedSearch, access?: AccessFilter): { sql: SqlParams; where: string } {
  const sql = new SqlParams();
  const conds = [`r.type = ${sql.add(p.resourceType, 'text')}`, 'r.deleted = false'];
  for (const f of p.filters) conds.push(compileFilter(sql, 'r', p.resourceType, f));
  const allowed = accessCondition(sql, 'r', access);
  if (allowed) conds.push(allowed);
  return { sql, where: conds.join(' AND ') };
}

/** The access condition for a query driven from index rows (alias d: rids only), as a probe into resource. */
function drivenAccessCondition(sql: SqlParams, access: AccessFilter | undefined): string | undefined {
  const a = sql.alias('a');
  const allowed = accessCondition(sql, a, access);
  return allowed && `EXISTS (SELECT 1 FROM resource ${a} WHERE ${a}.rid = d.rid AND ${allowed})`;
}

export async function executeSearch(q: Queryable, req: SearchRequest): Promise<SearchResult> {
  const p = parseSearch(req.resourceType, req.params, { baseUrl: req.baseUrl, handling: req.handling });
  if (p.summary === 'count') {
    p.count = 0;
    p.total = 'accurate';
  }
  const { sql, where } = compileWhere(p, req.access);
  const whereParams = sql.values.slice();

  let rows: Row[] = [];
  let hasNext = false;
  if (p.count > 0) {
    const driven = p.sort.length === 0 ? indexDrivenPage(p, req.access) : undefined;
    if (driven) rows = await q.query<Row>(driven.text, driven.params);
    else {
      const order = compileSort(sql, 'r', p.resourceType, p.sort);
      const limit = sql.add(p.count + 1, 'int');
      const offset = sql.add(p.offset, 'int');
      rows = await q.query<Row>(`SELECT ${ROW_COLUMNS} FROM resource r WHERE ${where} ORDER BY ${order} LIMIT ${limit} OFFSET ${offset}`, sql.values);
    }
    hasNext = rows.length > p.count;
    if (hasNext) rows = rows.slice(0, p.count);
  }

  const total = await computeTotal(q, p, where, whereParams, rows.length, hasNext, req.access);
  const included = await findIncludes(q, rows, p.includes, p.revincludes, req.access);
  const reduce = p.summary !== undefined && p.summary !== 'false' ? true : p.elements !== undefined;
  const entries: SearchEntry[] = rows.map((r) => ({
    type: r.type, id: r.id, mode: 'match', patientId: r.patient_id, sensitive: r.sensitive,
    json: reduce ? JSON.stringify(applySummaryAndElements(JSON.parse(r.content) as Resource, p.summary, p.elements)) : r.content,
  }));
  for (const r of included) entries.push({ type: r.type, id: r.id, mode: 'include', json: r.content, patientId: r.patient_id, sensitive: r.sensitive });
  return { entries, ...(total !== undefined ? { total } : {}), links: pageLinks(req, p, hasNext), warnings: p.warnings };
}

async function computeTotal(q: Queryable, p: ParsedSearch, where: string, params: unknown[], shown: number, hasNext: boolean, access: AccessFilter | undefined): Promise<number | undefined> {
  if (p.total === 'none') return undefined;
  if (p.count > 0 && !hasNext && (shown > 0 || p.offset === 0)) return p.offset + shown;
  const count = async (cap: number | undefined): Promise<number> => {
    const c = countQuery(p, where, params, cap, access);
    const [row] = await q.query<{ n: number }>(c.text, c.params);
    return Number(row?.n ?? 0);
  };
  if (p.total === 'accurate') return count(undefined);
  // By default a page that does not show the end gives no total: counting would cost more than the page.
  if (p.total === undefined && p.count > 0) return undefined;
  const cap = p.total === 'estimate' ? TOTAL_CAP : DEFAULT_TOTAL_CAP;
  const n = await count(cap + 1);
  if (n <= cap) return n;
  if (p.total !== 'estimate') return undefined;
  const plan = await q.query<{ 'QUERY PLAN': unknown }>(`EXPLAIN (FORMAT JSON) SELECT 1 FROM resource r WHERE ${where}`, params);
  const json = plan[0]?.['QUERY PLAN'];
  const parsed = (typeof json === 'string' ? JSON.parse(json) : json) as { Plan?: { 'Plan Rows'?: number } }[];
  return Math.max(TOTAL_CAP + 1, Math.round(parsed[0]?.Plan?.['Plan Rows'] ?? 0));
}

/**
 * The page in the default order (rid), read from one filter's index rows: the lookup index yields
 * rids in order for a given value, so the scan stops after the page instead of sorting every match.
 * Only when no filter needs the resource row (as for counting on the index tables alone).
 */
function indexDrivenPage(p: ParsedSearch, access: AccessFilter | undefined): { text: string; params: unknown[] } | undefined {
  const driver = p.filters.findIndex(isDrivingFilter);
  if (driver < 0 || !p.filters.every(readsOnlyRid)) return undefined;
  const sql = new SqlParams();
  const rids = drivingRids(sql, p.resourceType, p.filters[driver] as Parameters<typeof drivingRids>[2]);
  const conds = p.filters.filter((_, i) => i !== driver).map((f) => compileFilter(sql, 'd', p.resourceType, f));
  const allowed = drivenAccessCondition(sql, access);
  if (allowed) conds.push(allowed);
  const limit = sql.add(p.count + 1, 'int');
  const offset = sql.add(p.offset, 'int');
  const page = `SELECT DISTINCT d.rid FROM (${rids}) d${conds.length > 0 ? ` WHERE ${conds.join(' AND ')}` : ''} ORDER BY d.rid LIMIT ${limit} OFFSET ${offset}`;
  const type = sql.add(p.resourceType, 'text');
  return {
    text: `SELECT ${ROW_COLUMNS} FROM (${page}) k JOIN resource r ON r.rid = k.rid WHERE r.type = ${type} AND r.deleted = false ORDER BY r.rid`,
    params: sql.values,
  };
}

/** The count query (up to `cap` when given): on the index tables alone when possible, else on resource. */
function countQuery(p: ParsedSearch, where: string, params: unknown[], cap: number | undefined, access: AccessFilter | undefined): { text: string; params: unknown[] } {
  const limit = cap !== undefined ? ` LIMIT ${cap}` : '';
  const driver = p.filters.findIndex(isDrivingFilter);
  if (driver >= 0 && p.filters.every(readsOnlyRid)) {
    const sql = new SqlParams();
    const rids = drivingRids(sql, p.resourceType, p.filters[driver] as Parameters<typeof drivingRids>[2]);
    const conds = p.filters.filter((_, i) => i !== driver).map((f) => compileFilter(sql, 'd', p.resourceType, f));
    const allowed = drivenAccessCondition(sql, access);
    if (allowed) conds.push(allowed);
    const inner = `SELECT DISTINCT d.rid FROM (${rids}) d${conds.length > 0 ? ` WHERE ${conds.join(' AND ')}` : ''}`;
    return { text: `SELECT count(*)::int AS n FROM (${inner}${limit}) x`, params: sql.values };
  }
  return { text: `SELECT count(*)::int AS n FROM (SELECT 1 FROM resource r WHERE ${where}${limit}) x`, params };
}

/** self, first, previous, next: the same query with _count and _offset. */
function pageLinks(req: SearchRequest, p: ParsedSearch, hasNext: boolean): SearchLink[] {
  const base = `${req.baseUrl.replace(/\/+$/, '')}/${req.resourceType}?`;
  const query = p.used.map(([k, v]) => `${encode(k)}=${encode(v)}`);
  const url = (offset: number) => base + [...query, `_count=${p.count}`, ...(offset > 0 ? [`_offset=${offset}`] : [])].join('&');
  const links: SearchLink[] = [{ relation: 'self', url: url(p.offset) }, { relation: 'first', url: url(0) }];
  if (p.offset > 0 && p.count > 0) links.push({ relation: 'previous', url: url(Math.max(0, p.offset - p.count)) });
  if (hasNext) links.push({ relation: 'next', url: url(p.offset + p.count) });
  return links;
}

function encode(s: string): string {
  return encodeURIComponent(s).replace(/%3A/gi, ':').replace(/%2C/gi, ',').replace(/%2F/gi, '/');
}

/** The current resources matching `query` (e.g. `identifier=a|b`), for conditional interactions; parsed strictly. */
export async function findMatchingIds(q: Queryable, resourceType: string, query: string, limit: number): Promise<{ rid: string; id: string; versionId: number }[]> {
  const pairs = [...new URLSearchParams(query.startsWith('?') ? query.slice(1) : query)];
  const p = parseSearch(resourceType, pairs, { baseUrl: '', handling: 'strict', filtersOnly: true });
  if (p.filters.length === 0) throw badRequest(`The conditional search '${query.slice(0, 100)}' has no search criteria`, 'url');
  const { sql, where } = compileWhere(p);
  const lim = sql.add(Math.max(1, Math.min(limit, MAX_MATCHES)), 'int');
  const rows = await q.query<{ rid: string; id: string; version_id: number }>(
    `SELECT r.rid, r.id, r.version_id FROM resource r WHERE ${where} ORDER BY r.rid LIMIT ${lim}`,
    sql.values,
  );
  return rows.map((r) => ({ rid: String(r.rid), id: r.id, versionId: Number(r.version_id) }));
}

const MAX_MATCHES = 10_000;
