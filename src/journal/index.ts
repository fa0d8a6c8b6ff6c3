/**
 * The journal: Danish search in a patient's notes, documents, results and messages (issue 6, first
 * part). The face of src/journal/.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ChangeBus } from '../events/index.ts';
import type { FhirRepository } from '../fhir/repository/index.ts';
import type { Caller } from '../logistics/index.ts';
import { journalPlugin } from './journal.plugin.ts';
import { JournalIndexer } from './search/journal-indexer.ts';
import { segmentNote } from './text/index.ts';

export type * from './api-types.ts';
export { JournalIndexer } from './search/journal-indexer.ts';
export { searchPassages, replacePassages } from './search/passage-store.ts';
export { sourceText, JournalKind, KIND_WEIGHT } from './search/source-text.ts';

export interface Journal {
  readonly indexer: JournalIndexer;
  readonly plugin: (app: FastifyInstance) => Promise<void>;
  close(): Promise<void>;
}

export function createJournal(deps: { repo: FhirRepository; bus: ChangeBus; callerFor: (req: FastifyRequest) => Promise<Caller>; onError?: (err: unknown) => void }): Journal {
  const indexer = new JournalIndexer({ repo: deps.repo, segment: segmentNote, ...(deps.onError ? { onError: deps.onError } : {}) });
  indexer.start(deps.bus);
  return { indexer, plugin: (app) => journalPlugin(app, { callerFor: deps.callerFor }), close: () => indexer.close() };
}
