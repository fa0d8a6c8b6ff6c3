/** What the repository needs from its neighbours, passed in (no module singletons). */
import type { OperationOutcomeIssue, Resource } from '@medplum/fhirtypes';
import type { Queryable } from '../../db/index.ts';
import type { IndexRows } from '../search/index-rows.ts';

export interface SearchRequest {
  readonly resourceType: string;
  readonly params: [string, string][];
  readonly baseUrl: string;
  readonly handling: 'strict' | 'lenient';
}
export interface SearchEntry {
  readonly type: string;
  readonly id: string;
  readonly json: string;
  readonly mode: 'match' | 'include';
}
export interface SearchResult {
  readonly entries: SearchEntry[];
  readonly total?: number;
  readonly links: { relation: 'self' | 'next' | 'previous' | 'first'; url: string }[];
  readonly warnings: OperationOutcomeIssue[];
}

export interface SearchPort {
  extractIndexRows(resource: Resource): IndexRows;
  executeSearch(q: Queryable, req: SearchRequest): Promise<SearchResult>;
  findMatchingIds(q: Queryable, resourceType: string, query: string, limit: number): Promise<{ rid: string; id: string; versionId: number }[]>;
  searchBundleJson(result: SearchResult, baseUrl: string): string;
  applySummaryAndElements(resource: Resource, summary: string | undefined, elements: string[] | undefined): Resource;
}
