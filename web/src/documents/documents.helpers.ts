/**
 * The document archive in the browser, pure: the API paths, the checks of an upload before it is sent
 * (the server checks the same, and more), a file's bytes as base64, sizes for people, and which form
 * field a server's OperationOutcome names.
 */
import type { OperationOutcome } from '@medplum/fhirtypes';
import { DOCUMENT_CONTENT_TYPES, MAX_DOCUMENT_BYTES, type DocumentCategory, type DocumentContentType } from '../../../src/documents/api-types.ts';

export const documentsPath = (patientId: string, category: DocumentCategory | null): string =>
  `/api/documents/patients/${encodeURIComponent(patientId)}${category ? `?category=${encodeURIComponent(category)}` : ''}`;
export const uploadPath = (patientId: string): string => `/api/documents/patients/${encodeURIComponent(patientId)}`;
export const contentPath = (documentId: string): string => `/api/documents/${encodeURIComponent(documentId)}/content`;

export type UploadField = 'file' | 'title' | 'category' | 'date';
export type UploadProblem = 'noFile' | 'emptyFile' | 'tooLarge' | 'wrongType' | 'noTitle' | 'titleTooLong' | 'noCategory';

export interface UploadDraft {
  readonly file: { readonly size: number; readonly type: string; readonly name: string } | null;
  readonly title: string;
  readonly category: DocumentCategory | '';
}

/** The type of a file as the browser says it, or from its name when the browser says nothing. */
export function fileContentType(file: { type: string; name: string }): DocumentContentType | undefined {
  const declared = file.type.split(';')[0]!.trim().toLowerCase();
  const byName: Record<string, DocumentContentType> = { pdf: 'application/pdf', jpg: 'image/jpeg', jpeg: 'image/jpeg', png: 'image/png', txt: 'text/plain' };
  const type = declared || byName[file.name.split('.').pop()?.toLowerCase() ?? ''] || '';
  return (DOCUMENT_CONTENT_TYPES as readonly string[]).includes(type) ? (type as DocumentContentType) : undefined;
}

/** The problems of a draft, by field (first problem only); empty when it may be sent. */
export function checkDraft(draft: UploadDraft): Partial<Record<UploadField, UploadProblem>> {
  const problems: Partial<Record<UploadField, UploadProblem>> = {};
  if (!draft.file) problems.file = 'noFile';
  else if (draft.file.size === 0) problems.file = 'emptyFile';
  else if (draft.file.size > MAX_DOCUMENT_BYTES) problems.file = 'tooLarge';
  else if (!fileContentType(draft.file)) problems.file = 'wrongType';
  const title = draft.title.trim();
  if (!title) problems.title = 'noTitle';
  else if (title.length > 200) problems.title = 'titleTooLong';
  if (!draft.category) problems.category = 'noCategory';
  return problems;
}

/** The form field an OperationOutcome's first issue names (its expression), or null for the form as a whole. */
export function outcomeField(outcome: OperationOutcome | undefined): UploadField | null {
  const expression = outcome?.issue?.[0]?.expression?.[0] ?? '';
  if (expression === 'data' || expression === 'contentType') return 'file';
  if (expression === 'title' || expression === 'category' || expression === 'date') return expression;
  return null;
}

/** Bytes as base64, in chunks (a spread of 20 MB would overflow the call stack). */
export function bytesToBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

export function formatSize(bytes: number, lang: 'da' | 'en'): string {
  const comma = (n: number) => (lang === 'da' ? n.toFixed(1).replace('.', ',') : n.toFixed(1));
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${comma(bytes / 1024)} kB`;
  return `${comma(bytes / (1024 * 1024))} MB`;
}

/** A short name for a content type. */
export function fileKind(contentType: string): string {
  const map: Record<string, string> = { 'application/pdf': 'PDF', 'image/jpeg': 'JPEG', 'image/png': 'PNG', 'text/plain': 'TXT' };
  return map[contentType.split(';')[0]!.trim()] ?? contentType;
}

/** How the viewer shows a document: PDFs and text in a frame, images as images. */
export const viewerKind = (contentType: string): 'frame' | 'image' => (contentType.startsWith('image/') ? 'image' : 'frame');
