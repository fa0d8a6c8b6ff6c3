/** The document archive's calls (src/documents/api-types.ts) with the user's token; errors are ApiErrors with the server's OperationOutcome. */
import type { DocumentCategory, DocumentList, DocumentSummary, DocumentUpload } from '../../../src/documents/api-types.ts';
import { getBlob, getJson, postJson } from '../api/api-client.ts';
import { contentPath, documentsPath, uploadPath } from './documents.helpers.ts';

export const listDocuments = (patientId: string, category: DocumentCategory | null): Promise<DocumentList> => getJson<DocumentList>(documentsPath(patientId, category));
export const uploadDocument = (patientId: string, upload: DocumentUpload): Promise<DocumentSummary> => postJson<DocumentSummary>(uploadPath(patientId), upload);
export const fetchDocumentContent = (documentId: string): Promise<Blob> => getBlob(contentPath(documentId));
