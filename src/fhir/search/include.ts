/**
 * _include and _revinclude (with :iterate, one more level): the resources the matches refer to,
 * and those referring to them. @see https://hl7.org/fhir/R4/search.html#include
 */
import type { Queryable } from '../../db/index.ts';
import { accessCondition, type AccessFilter } from './access-filter.ts';
import type { IncludeSpec } from './search-query.ts';
import { SqlParams } from './sql-params.ts';

export interface Row {
  readonly rid: string;
  readonly type: string;
  readonly id: string;
  readonly content: string;
  readonly patient_id: string | null;
  readonly sensitive: boolean;
}

/** The columns a search reads of each resource row (alias r). */
export const ROW_COLUMNS = 'r.rid, r.type, r.id, r.content, r.patient_id, r.sensitive';

/** Most resources one include query may add. */
const INCLUDE_LIMIT = 5000;

/** The included resources (not among `matches`), in the order found, without duplicates. */
export async function findIncludes(q: Queryable, matches: readonly Row[], includes: readonly IncludeSpec[], revincludes: readonly IncludeSpec[], access?: AccessFilter): Promise<Row[]> {
  if (matches.length === 0 || (includes.length === 0 && revincludes.length === 0)) return [];
  const seen = new Set(matches.map((m) => m.rid));
  const added: Row[] = [];
  const addNew = (rows: Row[]): Row[] => {
    const fresh = rows.filter((r) => !seen.has(r.rid));
    for (const r of fresh) seen.add(r.rid);
    added.push(...fresh);
    return fresh;
  };
  // first level: every spec applies to the matches
  let level = addNew(await step(q, matches, includes, revincludes, access));
  // :iterate specs apply once more to what the first level brought in
  const iterInc = includes.filter((s) => s.iterate);
  const iterRev = revincludes.filter((s) => s.iterate);
  if (level.length > 0 && (iterInc.length > 0 || iterRev.length > 0)) level = addNew(await step(q, level, iterInc, iterRev, access));
  return added;
}

async function step(q: Queryable, from: readonly Row[], includes: readonly IncludeSpec[], revincludes: readonly IncludeSpec[], access: AccessFilter | undefined): Promise<Row[]> {
  const out: Row[] = [];
  for (const spec of includes) {
    const rids = from.filter((r) => r.type === spec.sourceType).map((r) => r.rid);
    if (rids.length === 0 || spec.params.length === 0) continue;
    const sql = new SqlParams();
    const conds = [`t.rid = ANY(${sql.add(rids, 'bigint[]')})`, `t.type = ${sql.add(spec.sourceType, 'text')}`, `t.param = ANY(${sql.add(spec.params.map((p) => p.code), 'text[]')})`];
    if (spec.targetType) conds.push(`t.target_type = ${sql.add(spec.targetType, 'text')}`);
    const allowed = accessCondition(sql, 'r', access);
    if (allowed) conds.push(allowed);
    out.push(...(await q.query<Row>(
      `SELECT DISTINCT ${ROW_COLUMNS} FROM sp_reference t JOIN resource r ON r.type = t.target_type AND r.id = t.target_id
       WHERE ${conds.join(' AND ')} AND r.deleted = false ORDER BY r.rid LIMIT ${INCLUDE_LIMIT}`,
      sql.values,
    )));
  }
  for (const spec of revincludes) {
    const targets = spec.targetType ? from.filter((r) => r.type === spec.targetType) : from;
    if (targets.length === 0 || spec.params.length === 0) continue;
    const sql = new SqlParams();
    const types = sql.add(targets.map((r) => r.type), 'text[]');
    const ids = sql.add(targets.map((r) => r.id), 'text[]');
    const conds = [`t.type = ${sql.add(spec.sourceType, 'text')}`, `t.param = ANY(${sql.add(spec.params.map((p) => p.code), 'text[]')})`, 'r.deleted = false'];
    const allowed = accessCondition(sql, 'r', access);
    if (allowed) conds.push(allowed);
    out.push(...(await q.query<Row>(
      `SELECT DISTINCT ${ROW_COLUMNS}
       FROM unnest(${types}, ${ids}) AS m(type, id)
       JOIN sp_reference t ON t.target_type = m.type AND t.target_id = m.id
       JOIN resource r ON r.rid = t.rid
       WHERE ${conds.join(' AND ')}
       ORDER BY r.rid LIMIT ${INCLUDE_LIMIT}`,
      sql.values,
    )));
  }
  return out;
}
