/**
 * The document archive: PDFs, images and text files in a patient's record as DocumentReferences
 * with their bytes in a Binary, by category, the text of a PDF extracted so the journal search finds
 * it (issue 6, document archive). The face of src/documents/.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { FhirRepository } from '../fhir/repository/index.ts';
import type { Caller } from '../logistics/index.ts';
import { documentsPlugin } from './documents.plugin.ts';
import { DocumentsService } from './documents-service.ts';

export type * from './api-types.ts';
export { DocumentCategory, DOCUMENT_CATEGORIES, DOCUMENT_CATEGORY_SYSTEM, MAX_DOCUMENT_BYTES } from './api-types.ts';
export { DOCUMENT_CATEGORY_CODE_SYSTEM } from './document-categories.ts';
export { DocumentsService } from './documents-service.ts';
export { extractPdfText } from './pdf-text.ts';

export interface Documents {
  readonly service: DocumentsService;
  readonly plugin: (app: FastifyInstance) => Promise<void>;
}

export function createDocuments(deps: { repo: FhirRepository; callerFor: (req: FastifyRequest) => Promise<Caller>; onExtractionFailed?: (reason: string) => void }): Documents {
  const service = new DocumentsService({ repo: deps.repo, ...(deps.onExtractionFailed ? { onExtractionFailed: deps.onExtractionFailed } : {}) });
  return { service, plugin: (app) => documentsPlugin(app, { service, callerFor: deps.callerFor }) };
}
