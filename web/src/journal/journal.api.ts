/** The journal calls (src/journal/api-types.ts): search and a cited source, with the user's token; errors are ApiErrors with the server's OperationOutcome. */
import type { JournalSearchResult, JournalSource } from '../../../src/journal/api-types.ts';
import { getJson } from '../api/api-client.ts';
import { journalSearchPath, SEARCH_LIMIT } from './journal.helpers.ts';
import { sourcePath, type SourceRef } from './source-viewer.helpers.ts';

export const searchJournal = (patientId: string, query: string, limit = SEARCH_LIMIT): Promise<JournalSearchResult> =>
  getJson<JournalSearchResult>(journalSearchPath(patientId, query, limit));

/** A source's text at a version with the cited span checked (GET /api/journal/sources/:type/:id). */
export const fetchSource = (ref: SourceRef): Promise<JournalSource> => getJson<JournalSource>(sourcePath(ref));
