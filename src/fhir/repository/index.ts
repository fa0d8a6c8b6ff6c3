/** The FHIR repository: storage, versions, history, conditional interactions. */
export { FhirRepository, type RepositoryDeps, type WriteResult, type WriteOptions, type WriteContext } from './repository.ts';
export type { StoredResource, NewVersion } from './stored-resource.ts';
export type { SearchPort, SearchRequest, SearchResult, SearchEntry, AccessGuard, AccessFilter, Interaction } from './ports.ts';
export { parseHistoryParams, type HistoryQuery, type HistoryPage } from './history.ts';
export { etag, parseIfMatch, isValidId, assertValidId } from './fhir-id.ts';
export { readConformanceResources, CONFORMANCE_TYPES } from './conformance.ts';
