/**
 * The JSON of Kerne's journal API (/api/journal), shared by the server and the web app. Every route
 * needs a bearer token; the patient and every source shown are read through the caller's
 * repository (care relation, audit). Errors are OperationOutcomes.
 *
 * Routes:
 *   GET /api/journal/patients/:patientId/search?q=…&limit=… → JournalSearchResult
 */

export interface JournalHit {
  /** The resource the passage is from, at the version indexed. */
  readonly source: { readonly type: string; readonly id: string; readonly version: number };
  readonly kind: string;
  readonly section?: string;
  /** Code-point offsets of the passage in the source's text. */
  readonly start: number;
  readonly end: number;
  readonly text: string;
  /** The passage with the matched words between [[ and ]]. */
  readonly snippet: string;
  readonly recorded: string;
  readonly score: number;
  /** The query's words stand together, in order. */
  readonly phrase: boolean;
}

export interface JournalSearchResult {
  readonly query: string;
  readonly hits: readonly JournalHit[];
  readonly generatedAt: string;
}
