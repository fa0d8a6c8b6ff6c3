/**
 * The body of an upload (POST /api/documents/patients/:patientId), checked field by field: a bad one is
 * a 400 OperationOutcome naming it. The bytes must be what the declared type says (magic bytes). Pure.
 */
import { badRequest, FhirError, IssueType } from '../errors/index.ts';
import { DOCUMENT_CATEGORIES, DOCUMENT_CONTENT_TYPES, isDocumentCategory, MAX_DOCUMENT_BYTES, type DocumentCategory, type DocumentContentType } from './api-types.ts';
import { mediaType, sniffContentType } from './file-type.ts';

export interface CheckedUpload {
  readonly title: string;
  readonly category: DocumentCategory;
  /** YYYY-MM-DD or an ISO date-time with offset. */
  readonly date?: string;
  readonly contentType: DocumentContentType;
  readonly bytes: Uint8Array;
}

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;
const DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
const DATE_TIME = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])T([01]\d|2[0-3]):[0-5]\d(:[0-5]\d(\.\d{1,9})?)?(Z|[+-]([01]\d|2[0-3]):[0-5]\d)$/;
const MAX_TITLE = 200;

const tooLarge = () => new FhirError(400, IssueType.tooLong, `The document is larger than ${MAX_DOCUMENT_BYTES / (1024 * 1024)} MB`, 'data');

/** The base64 text decoded, strictly: whitespace allowed between lines, nothing else outside the alphabet. */
export function decodeBase64(data: string): Uint8Array {
  const compact = data.replace(/[\r\n\t ]/g, '');
  if (compact.length % 4 !== 0 || !BASE64.test(compact)) throw badRequest('data is not valid base64', 'data');
  return new Uint8Array(Buffer.from(compact, 'base64'));
}

export function checkUpload(body: unknown): CheckedUpload {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw badRequest('The body must be a JSON object with title, category, contentType and data', 'body');
  const b = body as Record<string, unknown>;
  const unknown = Object.keys(b).filter((k) => !['title', 'category', 'date', 'contentType', 'data'].includes(k));
  if (unknown.length) throw badRequest(`Unknown field ${unknown[0]!.slice(0, 40)}`, unknown[0]!.slice(0, 40));

  const title = typeof b.title === 'string' ? b.title.trim() : '';
  if (!title) throw new FhirError(400, IssueType.required, 'Give the document a title', 'title');
  if (title.length > MAX_TITLE) throw new FhirError(400, IssueType.tooLong, `The title is longer than ${MAX_TITLE} characters`, 'title');
  if (b.category === undefined || b.category === '') throw new FhirError(400, IssueType.required, 'Choose a category', 'category');
  if (!isDocumentCategory(b.category)) throw new FhirError(400, IssueType.codeInvalid, `Unknown category; one of ${DOCUMENT_CATEGORIES.join(', ')}`, 'category');
  if (b.date !== undefined && (typeof b.date !== 'string' || !(DATE.test(b.date) || DATE_TIME.test(b.date)) || Number.isNaN(Date.parse(b.date)))) {
    throw badRequest('date must be YYYY-MM-DD or an ISO date-time with offset', 'date');
  }
  if (typeof b.contentType !== 'string' || !b.contentType) throw new FhirError(400, IssueType.required, 'Give the contentType', 'contentType');
  const declared = mediaType(b.contentType);
  if (!(DOCUMENT_CONTENT_TYPES as readonly string[]).includes(declared)) {
    throw new FhirError(400, IssueType.notSupported, `Documents of type ${declared.slice(0, 80)} are not accepted; one of ${DOCUMENT_CONTENT_TYPES.join(', ')}`, 'contentType');
  }
  if (typeof b.data !== 'string' || b.data.length === 0) throw new FhirError(400, IssueType.required, 'The document is empty', 'data');
  const bytes = decodeBase64(b.data);
  if (bytes.length === 0) throw new FhirError(400, IssueType.required, 'The document is empty', 'data');
  if (bytes.length > MAX_DOCUMENT_BYTES) throw tooLarge();
  const actual = sniffContentType(bytes);
  if (actual !== declared) {
    throw badRequest(`The content is ${actual ? `a ${actual} file` : 'not a file of an accepted type'}, not ${declared}`, 'data');
  }
  return { title, category: b.category, ...(typeof b.date === 'string' ? { date: b.date } : {}), contentType: declared as DocumentContentType, bytes };
}
