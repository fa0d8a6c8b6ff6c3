/**
 * _include and _revinclude (with :iterate, one more level): the resources the matches refer to,
 * and those referring to them. @see https://hl7.org/fhir/R4/search.html#include
 */
import type { Queryable } from '../../db/index.ts';
import type { IncludeSpec } from './search-query.ts';

export interface Row {
  readonly rid: string;
  readonly type: string;
  readonly id: string;
  readonly content: string;
}

/** Most resources one include query may add. */
const INCLUDE_LIMIT = 5000;

/** The included resources (not among `matches`), in the order found, without duplicates. */
export async function findIncludes(q: Queryable, matches: readonly Row[], includes: readonly IncludeSpec[], revincludes: readonly IncludeSpec[]): Promise<Row[]> {
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
  let level = addNew(await step(q, matches, includes, revincludes));
  // :iterate specs apply once more to what the first level brought in
  const iterInc = includes.filter((s) => s.iterate);
  const iterRev = revincludes.filter((s) => s.iterate);
  if (level.length > 0 && (iterInc.length > 0 || iterRev.length > 0)) level = addNew(await step(q, level, iterInc, iterRev));
  return added;
}

async function step(q: Queryable, from: readonly Row[], includes: readonly IncludeSpec[], revincludes: readonly IncludeSpec[]): Promise<Row[]> {
  const out: Row[] = [];
  for (const spec of includes) {
    const rids = from.filter((r) => r.type === spec.sourceType).map((r) => r.rid);
    if (rids.length === 0 || spec.params.length === 0) continue;
    const params: unknown[] = [rids, spec.sourceType, spec.params.map((p) => p.code)];
    const typeCond = spec.targetType ? ` AND t.target_type = $4` : '';
    if (spec.targetType) params.push(spec.targetType);
    out.push(...(await q.query<Row>(
      `SELECT DISTINCT r.rid, r.type, r.id, r.content FROM sp_reference t JOIN resource r ON r.type = t.target_type AND r.id = t.target_id
       WHERE t.rid = ANY($1::bigint[]) AND t.type = $2::text AND t.param = ANY($3::text[])${typeCond} AND r.deleted = false
       ORDER BY r.rid LIMIT ${INCLUDE_LIMIT}`,
      params,
    )));
  }
  for (const spec of revincludes) {
    const targets = spec.targetType ? from.filter((r) => r.type === spec.targetType) : from;
    if (targets.length === 0 || spec.params.length === 0) continue;
    out.push(...(await q.query<Row>(
      `SELECT DISTINCT r.rid, r.type, r.id, r.content
       FROM unnest($1::text[], $2::text[]) AS m(type, id)
       JOIN sp_reference t ON t.target_type = m.type AND t.target_id = m.id
       JOIN resource r ON r.rid = t.rid
       WHERE t.type = $3::text AND t.param = ANY($4::text[]) AND r.deleted = false
       ORDER BY r.rid LIMIT ${INCLUDE_LIMIT}`,
      [targets.map((r) => r.type), targets.map((r) => r.id), spec.sourceType, spec.params.map((p) => p.code)],
    )));
  }
  return out;
}
