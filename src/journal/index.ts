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
import type { IndexSkip } from './search/passage-store.ts';
import { segmentNote } from './text/index.ts';
import type { LanguageModel } from './llm/index.ts';

export type * from './api-types.ts';
export { JournalIndexer } from './search/journal-indexer.ts';
export { searchPassages, replacePassages, type IndexSkip } from './search/passage-store.ts';
export { sourceText, JournalKind, KIND_WEIGHT, narrativeText, attachmentText } from './search/source-text.ts';
export { createLanguageModel, LlmProvider, type LanguageModel, type LlmSettings } from './llm/index.ts';
export { verifyAiAudit, type AiAuditVerification } from './ai-audit/index.ts';

export interface Journal {
  readonly indexer: JournalIndexer;
  /** Indexes, in the background, what was written while no indexer ran; `onDone` hears how many when there were any. */
  backfill(onDone: (indexed: number) => void): void;
  readonly plugin: (app: FastifyInstance) => Promise<void>;
  close(): Promise<void>;
}

export function createJournal(deps: { repo: FhirRepository; bus: ChangeBus; callerFor: (req: FastifyRequest) => Promise<Caller>; skip?: readonly IndexSkip[]; onError?: (err: unknown) => void; /** The optional LLM layer (none: extractive answers only). */ model?: LanguageModel }): Journal {
  const onError = deps.onError ?? (() => {});
  const indexer = new JournalIndexer({ repo: deps.repo, segment: segmentNote, skip: deps.skip ?? [], onError });
  indexer.start(deps.bus);
  let backfilling: Promise<void> = Promise.resolve();
  return {
    indexer,
    backfill(onDone) {
      backfilling = indexer.backfill().then((n) => (n > 0 ? onDone(n) : undefined), onError);
    },
    plugin: (app) => journalPlugin(app, { callerFor: deps.callerFor, ...(deps.model ? { model: deps.model } : {}) }),
    close: async () => {
      await indexer.close(); // a backfill stops after its batch
      await backfilling;
      await deps.model?.close();
    },
  };
}
