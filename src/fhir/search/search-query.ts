/** The parsed form of a FHIR search: filters (AND of ORs) and result parameters. @see https://hl7.org/fhir/R4/search.html */
import type { OperationOutcomeIssue } from '@medplum/fhirtypes';
import type { IndexedParam } from './search-params.ts';

export type Prefix = 'eq' | 'ne' | 'gt' | 'lt' | 'ge' | 'le' | 'sa' | 'eb' | 'ap';
export const PREFIXES: ReadonlySet<string> = new Set<Prefix>(['eq', 'ne', 'gt', 'lt', 'ge', 'le', 'sa', 'eb', 'ap']);

/** A date search value: the inclusive instant range its precision covers. */
export interface DateValue { readonly prefix: Prefix; readonly lo: string; readonly hi: string }
/** A number search value with its implicit precision range [lo, hi). */
export interface NumberValue { readonly prefix: Prefix; readonly value: string; readonly lo: string; readonly hi: string }
export interface QuantityValue extends NumberValue {
  readonly system?: string;
  readonly code?: string;
  /** `value||unit`: the code or the unit must equal `code`. */
  readonly codeOrUnit?: boolean;
}
/** system undefined = any system; null = no system (`|code`). */
export interface TokenValue { readonly system?: string | null; readonly code?: string }
export interface ReferenceValue { readonly type?: string; readonly id?: string; readonly url?: string }

export type Filter =
  | { readonly kind: 'id'; readonly values: readonly string[] }
  | { readonly kind: 'lastUpdated'; readonly values: readonly DateValue[] }
  | { readonly kind: 'missing'; readonly param: IndexedParam; readonly missing: boolean }
  | { readonly kind: 'token'; readonly param: IndexedParam; readonly modifier: 'none' | 'not' | 'text'; readonly values: readonly TokenValue[] }
  | { readonly kind: 'string'; readonly param: IndexedParam; readonly modifier: 'none' | 'exact' | 'contains'; readonly values: readonly string[] }
  | { readonly kind: 'date'; readonly param: IndexedParam; readonly values: readonly DateValue[] }
  | { readonly kind: 'number'; readonly param: IndexedParam; readonly values: readonly NumberValue[] }
  | { readonly kind: 'quantity'; readonly param: IndexedParam; readonly values: readonly QuantityValue[] }
  | { readonly kind: 'reference'; readonly param: IndexedParam; readonly values: readonly ReferenceValue[] }
  | { readonly kind: 'uri'; readonly param: IndexedParam; readonly modifier: 'none' | 'below' | 'above'; readonly values: readonly string[] }
  /** `ref[:Type].rest`: some target (of one of the types) matches the inner filter. */
  | { readonly kind: 'chain'; readonly param: IndexedParam; readonly targets: readonly { readonly type: string; readonly filter: Filter }[] }
  /** `_has:Type:ref:rest`: some resource of `sourceType` pointing here via `param` matches the inner filter. */
  | { readonly kind: 'has'; readonly sourceType: string; readonly param: IndexedParam; readonly filter: Filter };

export type SortKey =
  | { readonly kind: '_id' | '_lastUpdated'; readonly descending: boolean }
  | { readonly kind: 'param'; readonly param: IndexedParam; readonly descending: boolean };

export interface IncludeSpec {
  readonly sourceType: string;
  /** The reference parameters followed (one, or all of the source type for `*`). */
  readonly params: readonly IndexedParam[];
  readonly targetType?: string;
  readonly iterate: boolean;
}

export type TotalMode = 'none' | 'estimate' | 'accurate';
export type SummaryMode = 'true' | 'text' | 'data' | 'count' | 'false';

export interface ParsedSearch {
  readonly resourceType: string;
  readonly filters: Filter[];
  count: number;
  offset: number;
  sort: SortKey[];
  total?: TotalMode;
  readonly includes: IncludeSpec[];
  readonly revincludes: IncludeSpec[];
  summary?: SummaryMode;
  elements?: string[];
  readonly warnings: OperationOutcomeIssue[];
  /** The query pairs that were understood, in order, without _count/_offset (paging links rebuild from these). */
  readonly used: [string, string][];
}

export const DEFAULT_COUNT = 20;
export const MAX_COUNT = 1000;
