/** What the repository needs from its neighbours, passed in (no module singletons). */
import type { Resource } from '@medplum/fhirtypes';
import type { Queryable } from '../../db/index.ts';
import type { AccessFilter } from '../search/access-filter.ts';
import type { IndexRows } from '../search/index-rows.ts';
import type { HistoryPage, HistoryQuery } from './history.ts';
import type { NewVersion, StoredResource } from './stored-resource.ts';
import type { SearchRequest, SearchResult } from '../search/types.ts';

export type { SearchEntry, SearchRequest, SearchResult } from '../search/types.ts';
export type { AccessFilter } from '../search/access-filter.ts';

export interface SearchPort {
  extractIndexRows(resource: Resource): IndexRows;
  executeSearch(q: Queryable, req: SearchRequest): Promise<SearchResult>;
  findMatchingIds(q: Queryable, resourceType: string, query: string, limit: number): Promise<{ rid: string; id: string; versionId: number }[]>;
  searchBundleJson(result: SearchResult, baseUrl: string): string;
  applySummaryAndElements(resource: Resource, summary: string | undefined, elements: string[] | undefined): Resource;
}

/** A FHIR RESTful interaction, as AuditEvent.subtype names them. @see https://hl7.org/fhir/R4/valueset-type-restful-interaction.html */
export type Interaction = 'read' | 'vread' | 'history-instance' | 'history-type' | 'history-system' | 'search-type' | 'create' | 'update' | 'patch' | 'delete';

/**
 * Access control and audit for one caller (src/access implements it). The repository calls it at
 * every read and write, so that search results, counts and paging are computed under the rule.
 * Every check that fails throws a FhirError (403) after recording the denial.
 */
export interface AccessGuard {
  /** May the caller see this stored version? Records the access. */
  checkRead(stored: StoredResource, interaction: 'read' | 'vread' | 'history-instance'): Promise<void>;
  /** Before a search or history: the type-level check, and the rows the caller may see. */
  rowFilter(resourceType: string | undefined, interaction: 'search-type' | 'history-type' | 'history-system' | 'history-instance'): Promise<AccessFilter>;
  /** After a search: records each patient whose data was returned; may reduce entries the caller may only look up. */
  afterSearch(req: SearchRequest, result: SearchResult): Promise<SearchResult>;
  /** After a history page: records each patient whose data was returned. */
  afterHistory(query: HistoryQuery, page: HistoryPage): Promise<void>;
  /** Before a write: may the caller replace `before` (absent for a create) with `after` (absent for a delete)? */
  checkWrite(interaction: 'create' | 'update' | 'patch' | 'delete', type: string, before: Pick<StoredResource, 'patientId' | 'sensitive'> | undefined, after: NewVersion | undefined): Promise<void>;
  /** A write applied in the current transaction; recorded when it commits. */
  wrote(interaction: 'create' | 'update' | 'patch' | 'delete', stored: StoredResource): void;
  /** The writes so far have committed (records them) or rolled back (forgets them). */
  committed(): Promise<void>;
  rolledBack(): void;
}
