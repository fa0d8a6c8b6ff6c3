/** The journal call (src/journal/api-types.ts) with the user's token; errors are ApiErrors with the server's OperationOutcome. */
import type { JournalSearchResult } from '../../../src/journal/api-types.ts';
import { getJson } from '../api/api-client.ts';
import { journalSearchPath, SEARCH_LIMIT } from './journal.helpers.ts';

export const searchJournal = (patientId: string, query: string, limit = SEARCH_LIMIT): Promise<JournalSearchResult> =>
  getJson<JournalSearchResult>(journalSearchPath(patientId, query, limit));
