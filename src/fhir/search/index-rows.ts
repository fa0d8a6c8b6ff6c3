/**
 * The rows a resource contributes to the search index tables (sp_*), one array per table.
 * Extraction (extract-index-rows.ts) fills them; the repository writes them in the same
 * statement as the resource. Values are already normalised for searching.
 */
export interface IndexRows {
  /** sp_token: Coding/CodeableConcept/Identifier/code/boolean/ContactPoint…; `text` serves :text. */
  token: { param: string; system: string | null; code: string | null; text: string | null }[];
  /** sp_string: `norm` is lower-cased and accent-folded (default and :contains); `exact` is as written. */
  string: { param: string; norm: string; exact: string }[];
  /** sp_date: the instant range [lo, hi] that the value covers, as ISO-8601 UTC strings. */
  date: { param: string; lo: string; hi: string }[];
  /** sp_number: value with its implicit precision range [lo, hi]. */
  number: { param: string; value: string; lo: string; hi: string }[];
  /** sp_quantity: value (with precision range), system, code and unit as written. */
  quantity: { param: string; value: string; lo: string; hi: string; system: string | null; code: string | null; unit: string | null }[];
  /** sp_reference: a local reference (targetType/targetId) or an absolute URL. */
  reference: { param: string; targetType: string | null; targetId: string | null; url: string | null }[];
  /** sp_uri */
  uri: { param: string; value: string }[];
}

export function emptyIndexRows(): IndexRows {
  return { token: [], string: [], date: [], number: [], quantity: [], reference: [], uri: [] };
}
