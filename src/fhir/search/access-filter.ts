/** The access rule as SQL: which rows of `resource` (or `resource_history`) a search or history may return. */
import type { SqlParams } from './sql-params.ts';

/**
 * 'all', or: rows outside every patient's record, rows of the `anyData` patients, and the
 * non-sensitive rows of the `nonSensitive` patients. Computed by the access layer (src/access).
 */
export type AccessFilter =
  | { readonly all: true }
  | { readonly all: false; readonly anyData: readonly string[]; readonly nonSensitive: readonly string[] };

/** The condition on alias `a` (a row with patient_id and sensitive), or undefined when all rows are allowed. */
export function accessCondition(sql: SqlParams, a: string, filter: AccessFilter | undefined): string | undefined {
  if (!filter || filter.all) return undefined;
  const anyData = sql.add(filter.anyData, 'text[]');
  const nonSensitive = sql.add(filter.nonSensitive, 'text[]');
  return `(${a}.patient_id IS NULL OR ${a}.patient_id = ANY(${anyData}) OR (${a}.patient_id = ANY(${nonSensitive}) AND NOT ${a}.sensitive))`;
}
