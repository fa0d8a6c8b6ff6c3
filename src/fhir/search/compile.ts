/**
 * Compilation of parsed filters into parameterised SQL conditions on a resource alias, one
 * EXISTS sub-query on the index table per parameter. @see https://hl7.org/fhir/R4/search.html
 */
import { escapeLike } from './normalize.ts';
import type { IndexedParam, IndexedType } from './search-params.ts';
import type { DateValue, Filter, NumberValue, QuantityValue, ReferenceValue, SortKey, TokenValue } from './search-query.ts';
import type { SqlParams } from './sql-params.ts';

const TABLE: Record<IndexedType, string> = {
  token: 'sp_token', string: 'sp_string', date: 'sp_date', number: 'sp_number', quantity: 'sp_quantity', reference: 'sp_reference', uri: 'sp_uri',
};

/** The SQL condition (on resource alias `r`, of type `resourceType`) for one filter. */
export function compileFilter(sql: SqlParams, r: string, resourceType: string, f: Filter): string {
  switch (f.kind) {
    case 'id':
      return `${r}.id = ANY(${sql.add(f.values, 'text[]')})`;
    case 'lastUpdated':
      return or(f.values.map((v) => dateCondition(sql, `${r}.last_updated`, `${r}.last_updated`, v)));
    case 'missing':
      return `${f.missing ? 'NOT ' : ''}EXISTS (${indexRows(sql, r, resourceType, f.param, sql.alias('t'))})`;
    case 'token':
    case 'string':
    case 'date':
    case 'number':
    case 'quantity':
    case 'reference':
    case 'uri': {
      const t = sql.alias('t');
      const m = indexMatch(sql, t, f);
      const not = f.kind === 'token' && f.modifier === 'not' ? 'NOT ' : '';
      return `${not}EXISTS (${indexRows(sql, r, resourceType, f.param, t)} AND ${m})`;
    }
    case 'chain': {
      const t = sql.alias('t');
      const c = sql.alias('c');
      const targets = or(f.targets.map((x) => `(${c}.type = ${sql.add(x.type, 'text')} AND ${compileFilter(sql, c, x.type, x.filter)})`));
      return `EXISTS (${indexRows(sql, r, resourceType, f.param, t)} AND EXISTS (SELECT 1 FROM resource ${c} WHERE ${c}.type = ${t}.target_type AND ${c}.id = ${t}.target_id AND ${c}.deleted = false AND ${targets}))`;
    }
    case 'has': {
      const t = sql.alias('t');
      const h = sql.alias('h');
      return `EXISTS (SELECT 1 FROM sp_reference ${t} JOIN resource ${h} ON ${h}.rid = ${t}.rid WHERE ${t}.target_type = ${r}.type AND ${t}.target_id = ${r}.id AND ${t}.type = ${sql.add(f.sourceType, 'text')} AND ${t}.param = ${sql.add(f.param.code, 'text')} AND ${h}.deleted = false AND ${compileFilter(sql, h, f.sourceType, f.filter)})`;
    }
  }
}

export type IndexFilter = Extract<Filter, { kind: 'token' | 'string' | 'date' | 'number' | 'quantity' | 'reference' | 'uri' }>;

/** The condition on index row alias `t` for the values of a filter on one index table (OR of the values). */
function indexMatch(sql: SqlParams, t: string, f: IndexFilter): string {
  switch (f.kind) {
    case 'token':
      return or(f.values.map((v) => (f.modifier === 'text' ? tokenText(sql, t, v) : tokenCondition(sql, t, v))));
    case 'string':
      return or(f.values.map((v) => {
        if (f.modifier === 'exact') return `${t}.exact = ${sql.add(v, 'text')}`;
        const pattern = f.modifier === 'contains' ? `%${escapeLike(v)}%` : `${escapeLike(v)}%`;
        return `${t}.norm LIKE ${sql.add(pattern, 'text')}`;
      }));
    case 'date':
      return or(f.values.map((v) => dateCondition(sql, `${t}.lo`, `${t}.hi`, v)));
    case 'number':
      return or(f.values.map((v) => numberCondition(sql, `${t}.value`, v)));
    case 'quantity':
      return or(f.values.map((v) => quantityCondition(sql, t, v)));
    case 'reference':
      return or(f.values.map((v) => referenceCondition(sql, t, v)));
    case 'uri':
      return or(f.values.map((v) => {
        if (f.modifier === 'below') return `${t}.value LIKE ${sql.add(`${escapeLike(v)}%`, 'text')}`;
        if (f.modifier === 'above') return `starts_with(${sql.add(v, 'text')}, ${t}.value)`;
        return `${t}.value = ${sql.add(v, 'text')}`;
      }));
  }
}

/** A filter that can drive a count from its index table alone (positive, on one table). */
export function isDrivingFilter(f: Filter): f is IndexFilter {
  return ['token', 'string', 'date', 'number', 'quantity', 'reference', 'uri'].includes(f.kind) && !(f.kind === 'token' && f.modifier === 'not');
}

/** Filters whose SQL only reads the rid of the outer row (not its id, type or dates). */
export function readsOnlyRid(f: Filter): boolean {
  return f.kind !== 'id' && f.kind !== 'lastUpdated' && f.kind !== 'has';
}

/** `SELECT t.rid FROM sp_x t WHERE t.type = … AND t.param = … AND <values>`: the rids a driving filter matches. */
export function drivingRids(sql: SqlParams, resourceType: string, f: IndexFilter): string {
  const t = sql.alias('t');
  return `SELECT ${t}.rid FROM ${TABLE[f.param.type]} ${t} WHERE ${t}.type = ${sql.add(resourceType, 'text')} AND ${t}.param = ${sql.add(f.param.code, 'text')} AND ${indexMatch(sql, t, f)}`;
}

/** `SELECT 1 FROM sp_x t WHERE t.rid = r.rid AND t.type = … AND t.param = …` */
function indexRows(sql: SqlParams, r: string, resourceType: string, param: IndexedParam, t: string): string {
  return `SELECT 1 FROM ${TABLE[param.type]} ${t} WHERE ${t}.rid = ${r}.rid AND ${t}.type = ${sql.add(resourceType, 'text')} AND ${t}.param = ${sql.add(param.code, 'text')}`;
}

function or(conds: string[]): string {
  return conds.length === 1 ? conds[0]! : `(${conds.join(' OR ')})`;
}

function tokenCondition(sql: SqlParams, t: string, v: TokenValue): string {
  const parts: string[] = [];
  if (v.code !== undefined) parts.push(`${t}.code = ${sql.add(v.code, 'text')}`);
  if (v.system === null) parts.push(`${t}.system IS NULL`);
  else if (v.system !== undefined) parts.push(`${t}.system = ${sql.add(v.system, 'text')}`);
  return parts.length === 1 ? parts[0]! : `(${parts.join(' AND ')})`;
}

/** :text — the (normalised) display or text starts with the value, or has a word that does. */
function tokenText(sql: SqlParams, t: string, v: TokenValue): string {
  const e = escapeLike(v.code ?? '');
  return `(${t}.text LIKE ${sql.add(`${e}%`, 'text')} OR ${t}.text LIKE ${sql.add(`% ${e}%`, 'text')})`;
}

/**
 * R4 date prefixes on a target range [lo, hi] and a search range [slo, shi] (both inclusive).
 * @see https://hl7.org/fhir/R4/search.html#prefix
 */
function dateCondition(sql: SqlParams, lo: string, hi: string, v: DateValue): string {
  const slo = () => sql.add(v.lo, 'timestamptz');
  const shi = () => sql.add(v.hi, 'timestamptz');
  const eq = () => `(${lo} >= ${slo()} AND ${hi} <= ${shi()})`;
  // ge and le carry a bound they imply (hi >= slo; lo <= shi), so that an index range scan can serve them.
  switch (v.prefix) {
    case 'eq': return `(${lo} >= ${slo()} AND ${lo} <= ${shi()} AND ${hi} <= ${shi()})`;
    case 'ne': return `NOT ${eq()}`;
    case 'gt': return `${hi} > ${shi()}`;
    case 'lt': return `${lo} < ${slo()}`;
    case 'ge': return `(${hi} >= ${slo()} AND (${hi} > ${shi()} OR ${eq()}))`;
    case 'le': return `(${lo} <= ${shi()} AND (${lo} < ${slo()} OR ${eq()}))`;
    case 'sa': return `${lo} > ${shi()}`;
    case 'eb': return `${hi} < ${slo()}`;
    case 'ap': {
      // approximately: within 10% of the distance between the value and now (at least a day)
      const from = Date.parse(v.lo);
      const to = Date.parse(v.hi);
      const gap = Math.max(Math.abs(Date.now() - from) * 0.1, 86_400_000);
      return `(${lo} <= ${sql.add(new Date(Math.min(to + gap, 8.64e15)).toISOString(), 'timestamptz')} AND ${hi} >= ${sql.add(new Date(Math.max(from - gap, -8.64e15)).toISOString(), 'timestamptz')})`;
    }
  }
}

/** R4 number prefixes: eq/ne use the implicit precision range of the search value [lo, hi). */
function numberCondition(sql: SqlParams, col: string, v: NumberValue): string {
  const val = () => sql.add(v.value, 'numeric');
  switch (v.prefix) {
    case 'eq': return `(${col} >= ${sql.add(v.lo, 'numeric')} AND ${col} < ${sql.add(v.hi, 'numeric')})`;
    case 'ne': return `NOT (${col} >= ${sql.add(v.lo, 'numeric')} AND ${col} < ${sql.add(v.hi, 'numeric')})`;
    case 'gt': case 'sa': return `${col} > ${val()}`;
    case 'lt': case 'eb': return `${col} < ${val()}`;
    case 'ge': return `${col} >= ${val()}`;
    case 'le': return `${col} <= ${val()}`;
    case 'ap': {
      const p = val();
      return `(${col} >= ${p} - abs(${p}) * 0.1 AND ${col} <= ${p} + abs(${p}) * 0.1)`;
    }
  }
}

function quantityCondition(sql: SqlParams, t: string, v: QuantityValue): string {
  const parts = [numberCondition(sql, `${t}.value`, v)];
  if (v.codeOrUnit && v.code !== undefined) {
    const c = sql.add(v.code, 'text');
    parts.push(`(${t}.code = ${c} OR ${t}.unit = ${c})`);
  } else {
    if (v.system !== undefined) parts.push(`${t}.system = ${sql.add(v.system, 'text')}`);
    if (v.code !== undefined) parts.push(`${t}.code = ${sql.add(v.code, 'text')}`);
  }
  return `(${parts.join(' AND ')})`;
}

function referenceCondition(sql: SqlParams, t: string, v: ReferenceValue): string {
  if (v.url !== undefined) return `${t}.url = ${sql.add(v.url, 'text')}`;
  const id = `${t}.target_id = ${sql.add(v.id, 'text')}`;
  return v.type !== undefined ? `(${id} AND ${t}.target_type = ${sql.add(v.type, 'text')})` : id;
}

/** ORDER BY terms for the sort keys (multi-valued parameters sort by their lowest / highest value), ending with rid. */
export function compileSort(sql: SqlParams, r: string, resourceType: string, keys: readonly SortKey[]): string {
  const terms = keys.map((k) => {
    const dir = k.descending ? 'DESC' : 'ASC';
    if (k.kind !== 'param') return k.kind === '_id' ? `${r}.id ${dir}` : `${r}.last_updated ${dir}`;
    const agg = k.descending ? 'max' : 'min';
    const s = sql.alias('s');
    const col = sortColumn(k.param.type, s, k.descending);
    return `(SELECT ${agg}(${col}) FROM ${TABLE[k.param.type]} ${s} WHERE ${s}.rid = ${r}.rid AND ${s}.type = ${sql.add(resourceType, 'text')} AND ${s}.param = ${sql.add(k.param.code, 'text')}) ${dir} NULLS LAST`;
  });
  terms.push(`${r}.rid ASC`);
  return terms.join(', ');
}

function sortColumn(type: IndexedType, s: string, descending: boolean): string {
  switch (type) {
    case 'string': return `${s}.norm`;
    case 'token': return `${s}.code`;
    case 'date': return descending ? `${s}.hi` : `${s}.lo`;
    case 'number': case 'quantity': return `${s}.value`;
    case 'reference': return `coalesce(${s}.target_type || '/' || ${s}.target_id, ${s}.url)`;
    case 'uri': return `${s}.value`;
  }
}
