/**
 * The FHIR search engine: index extraction on write, and search execution as parameterised SQL
 * over the sp_* tables. @see https://hl7.org/fhir/R4/search.html
 */
export { extractIndexRows } from './extract-index-rows.ts';
export { executeSearch, findMatchingIds } from './execute.ts';
export { searchBundleJson } from './bundle.ts';
export { applySummaryAndElements } from './summary.ts';
export type { SearchEntry, SearchRequest, SearchResult, SearchLink } from './types.ts';
export type { IndexRows } from './index-rows.ts';
export { emptyIndexRows } from './index-rows.ts';
export { accessCondition, type AccessFilter } from './access-filter.ts';
