/** What the repository needs from its neighbours, passed in (no module singletons). */
import type { Resource } from '@medplum/fhirtypes';
import type { Queryable } from '../../db/index.ts';
import type { IndexRows } from '../search/index-rows.ts';
import type { SearchRequest, SearchResult } from '../search/types.ts';

export type { SearchEntry, SearchRequest, SearchResult } from '../search/types.ts';

export interface SearchPort {
  extractIndexRows(resource: Resource): IndexRows;
  executeSearch(q: Queryable, req: SearchRequest): Promise<SearchResult>;
  findMatchingIds(q: Queryable, resourceType: string, query: string, limit: number): Promise<{ rid: string; id: string; versionId: number }[]>;
  searchBundleJson(result: SearchResult, baseUrl: string): string;
  applySummaryAndElements(resource: Resource, summary: string | undefined, elements: string[] | undefined): Resource;
}
