/** The search engine's request and result types (the repository's SearchPort speaks these). @see https://hl7.org/fhir/R4/search.html */
import type { OperationOutcomeIssue } from '@medplum/fhirtypes';
import type { AccessFilter } from './access-filter.ts';

export interface SearchRequest {
  readonly resourceType: string;
  /** Decoded query pairs, in order. */
  readonly params: [string, string][];
  /** e.g. http://127.0.0.1:8080/fhir */
  readonly baseUrl: string;
  readonly handling: 'strict' | 'lenient';
  /** The rows the caller may see (matches and includes alike); absent: all. */
  readonly access?: AccessFilter;
}

export interface SearchEntry {
  readonly type: string;
  readonly id: string;
  /** The stored JSON text, or the _summary/_elements-reduced JSON. */
  readonly json: string;
  readonly mode: 'match' | 'include';
  /** The patient whose record the resource belongs to (null: not patient data). */
  readonly patientId: string | null;
  readonly sensitive: boolean;
}

export interface SearchLink {
  relation: 'self' | 'next' | 'previous' | 'first';
  url: string;
}

export interface SearchResult {
  readonly entries: SearchEntry[];
  readonly total?: number;
  readonly links: SearchLink[];
  readonly warnings: OperationOutcomeIssue[];
}
