/**
 * The FHIR resources of an archived document (pure): the bytes as a Binary, and the DocumentReference
 * that describes them (status current, subject, category, author, the attachment with its size and
 * SHA-1 hash) with the searchable text as a second, inline text/plain attachment. And the list entry
 * read back from a DocumentReference.
 * @see https://hl7.org/fhir/R4/documentreference.html, https://hl7.org/fhir/R4/binary.html,
 *      https://hl7.org/fhir/R4/datatypes.html#Attachment (hash: base64 SHA-1)
 */
import { createHash } from 'node:crypto';
import type { Attachment, Binary, DocumentReference, Practitioner, Reference } from '@medplum/fhirtypes';
import type { DocumentSummary, DocumentTextStatus } from './api-types.ts';
import { categoryConcept, categoryOf, typeForCategory } from './document-categories.ts';
import type { CheckedUpload } from './upload-request.ts';

/** The title of the attachment that holds the searchable text. */
export const TEXT_ATTACHMENT_TITLE = 'Udtrukket tekst';
export const TEXT_ATTACHMENT_TYPE = 'text/plain; charset=utf-8';

/** meta.tag of a document whose text could not be extracted (a broken or encrypted PDF). */
export const DOCUMENT_TEXT_SYSTEM = 'https://kerne.dk/fhir/CodeSystem/document-text';
export const TEXT_NOT_EXTRACTED = { system: DOCUMENT_TEXT_SYSTEM, code: 'not-extracted', display: 'Tekst kunne ikke udtrækkes' } as const;

export const sha1Base64 = (bytes: Uint8Array): string => createHash('sha1').update(bytes).digest('base64');

export function buildBinary(upload: Pick<CheckedUpload, 'contentType' | 'bytes'>, patientId: string): Binary {
  return {
    resourceType: 'Binary',
    contentType: upload.contentType,
    // Who may see the bytes: whoever may see this patient's document (read through the DocumentReference).
    securityContext: { reference: `Patient/${patientId}` },
    data: Buffer.from(upload.bytes).toString('base64'),
  };
}

export interface DocumentFacts {
  readonly patientId: string;
  readonly binaryId: string;
  readonly upload: CheckedUpload;
  /** The searchable text (extracted from a PDF, or the text file itself); undefined when there is none. */
  readonly text: string | undefined;
  readonly textStatus: DocumentTextStatus;
  readonly author: Reference<Practitioner> | undefined;
  readonly now: Date;
}

export function buildDocumentReference(f: DocumentFacts): DocumentReference {
  const { upload } = f;
  const original: Attachment = {
    contentType: upload.contentType,
    url: `Binary/${f.binaryId}`,
    size: upload.bytes.length,
    hash: sha1Base64(upload.bytes),
    title: upload.title,
    creation: f.now.toISOString(),
  };
  const type = typeForCategory(upload.category);
  return {
    resourceType: 'DocumentReference',
    ...(f.textStatus === 'failed' ? { meta: { tag: [{ ...TEXT_NOT_EXTRACTED }] } } : {}),
    status: 'current',
    docStatus: 'final',
    ...(type ? { type } : {}),
    category: [categoryConcept(upload.category)],
    subject: { reference: `Patient/${f.patientId}` },
    date: f.now.toISOString(),
    ...(f.author ? { author: [f.author] } : {}),
    description: upload.title,
    content: [
      { attachment: original },
      ...(f.text ? [{ attachment: { contentType: TEXT_ATTACHMENT_TYPE, data: Buffer.from(f.text, 'utf8').toString('base64'), title: TEXT_ATTACHMENT_TITLE } }] : []),
    ],
    ...(upload.date ? { context: { period: { start: upload.date } } } : {}),
  };
}

const isInlineText = (a: Attachment | undefined) => !!a?.data && /^text\//i.test(a.contentType ?? '');

/** The list entry of a DocumentReference (archived by Kerne or elsewhere). */
export function toDocumentSummary(d: DocumentReference): DocumentSummary {
  const original = (d.content ?? []).map((c) => c.attachment).find((a) => a?.url) ?? d.content?.[0]?.attachment;
  const hasText = (d.content ?? []).some((c) => isInlineText(c.attachment));
  const failed = (d.meta?.tag ?? []).some((t) => t.system === DOCUMENT_TEXT_SYSTEM && t.code === TEXT_NOT_EXTRACTED.code);
  const archived = d.date ?? d.meta?.lastUpdated ?? '';
  return {
    id: d.id ?? '',
    title: original?.title ?? d.description ?? d.type?.text ?? '',
    category: categoryOf(d.category),
    date: d.context?.period?.start ?? archived,
    archived,
    author: d.author?.[0]?.display ?? d.author?.[0]?.reference ?? null,
    contentType: original?.contentType ?? '',
    size: original?.size ?? 0,
    hasText,
    textStatus: hasText ? 'extracted' : failed ? 'failed' : 'none',
  };
}
