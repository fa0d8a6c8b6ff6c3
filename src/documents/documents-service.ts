/**
 * The document archive's work at the edge: archive an upload (the Binary and its DocumentReference
 * in one transaction), list a patient's documents, and hand out a document's bytes. Every read and
 * write of the record goes through the caller's repository (access rule, audit). The Binary is written
 * and read by Kerne itself within the same transaction or request: the role permissions keep Binary
 * for administrators and integrations, so access to the bytes is decided by the DocumentReference.
 */
import type { Binary, DocumentReference, Practitioner, Reference } from '@medplum/fhirtypes';
import { FhirError, IssueType, notFound } from '../errors/index.ts';
import type { FhirRepository } from '../fhir/repository/index.ts';
import type { Caller } from '../logistics/index.ts';
import { DOCUMENT_CATEGORY_SYSTEM, DocumentContentType, type DocumentCategory, type DocumentList, type DocumentSummary, type DocumentTextStatus } from './api-types.ts';
import { buildBinary, buildDocumentReference, toDocumentSummary } from './document-resources.ts';
import { decodeText } from './file-type.ts';
import { extractPdfText, type PdfText } from './pdf-text.ts';
import type { CheckedUpload } from './upload-request.ts';

export interface DocumentContent {
  readonly contentType: DocumentContentType;
  readonly bytes: Buffer;
  readonly title: string;
}

export interface DocumentsServiceDeps {
  /** Kerne's own repository: only for the Binary, whose access the DocumentReference decides. */
  readonly repo: FhirRepository;
  readonly extractPdf?: (bytes: Uint8Array) => Promise<PdfText>;
  readonly now?: () => Date;
  readonly onExtractionFailed?: (reason: string) => void;
}

const LIST_LIMIT = 200;

export class DocumentsService {
  readonly #repo: FhirRepository;
  readonly #extractPdf: (bytes: Uint8Array) => Promise<PdfText>;
  readonly #now: () => Date;
  readonly #onExtractionFailed: (reason: string) => void;

  constructor(deps: DocumentsServiceDeps) {
    this.#repo = deps.repo;
    this.#extractPdf = deps.extractPdf ?? ((bytes) => extractPdfText(bytes));
    this.#now = deps.now ?? (() => new Date());
    this.#onExtractionFailed = deps.onExtractionFailed ?? (() => {});
  }

  /** Archives the upload for the patient: nothing is written unless the caller may write the DocumentReference. */
  async upload(caller: Caller, patientId: string, upload: CheckedUpload): Promise<DocumentSummary> {
    await caller.repo.read('Patient', patientId); // 403/404 before any work; audited
    const { text, status } = await this.#searchableText(upload);
    const author = authorOf(caller);
    const written = await caller.repo.transaction(async (ctx) => {
      const binary = await this.#repo.createIn(ctx, buildBinary(upload, patientId));
      const document = buildDocumentReference({ patientId, binaryId: binary.stored.id, upload, text, textStatus: status, author, now: this.#now() });
      return caller.repo.createIn(ctx, document);
    });
    return toDocumentSummary(written.resource as DocumentReference);
  }

  async list(caller: Caller, patientId: string, category: DocumentCategory | null): Promise<DocumentList> {
    await caller.repo.read('Patient', patientId);
    const params: [string, string][] = [['subject', `Patient/${patientId}`], ['_sort', '-date'], ['_count', String(LIST_LIMIT)]];
    if (category) params.push(['category', `${DOCUMENT_CATEGORY_SYSTEM}|${category}`]);
    const result = await caller.repo.search({ resourceType: 'DocumentReference', params, baseUrl: '', handling: 'strict' });
    const documents = result.entries
      .filter((e) => e.mode === 'match')
      .map((e) => JSON.parse(e.json) as DocumentReference)
      .filter((d) => d.status !== 'entered-in-error')
      .map(toDocumentSummary)
      .sort((a, b) => b.date.localeCompare(a.date));
    return { patientId, category, documents };
  }

  /** The bytes of a document the caller may read; the Binary must belong to the document's patient. */
  /**
   * The document's file: its Binary (read as Kerne, after the caller's read of the DocumentReference,
   * and only when the Binary belongs to the same patient), or, for a document that came with its
   * content inline (a letter from another system, the demo's GP letters), that inline attachment.
   */
  async content(caller: Caller, documentId: string): Promise<DocumentContent> {
    const document = JSON.parse((await caller.repo.read('DocumentReference', documentId)).json!) as DocumentReference;
    const attachments = (document.content ?? []).map((c) => c.attachment).filter((a) => a !== undefined);
    const attachment = attachments.find((a) => a.url?.startsWith('Binary/'));
    const binaryId = attachment?.url?.slice('Binary/'.length);
    const shown = (type: string | undefined) => Object.values(DocumentContentType).find((t) => t === type?.split(';')[0]?.trim().toLowerCase());
    if (!attachment || !binaryId) {
      const inline = attachments.find((a) => a.data && shown(a.contentType));
      if (!inline) throw new FhirError(404, IssueType.notFound, `DocumentReference/${documentId} has no archived file`);
      return { contentType: shown(inline.contentType)!, bytes: Buffer.from(inline.data!, 'base64'), title: inline.title ?? document.description ?? documentId };
    }
    const binary = JSON.parse((await this.#repo.read('Binary', binaryId)).json!) as Binary;
    if (!document.subject?.reference || binary.securityContext?.reference !== document.subject.reference) throw notFound(`The file of DocumentReference/${documentId}`);
    const contentType = shown(binary.contentType);
    if (!contentType) throw new FhirError(404, IssueType.notSupported, `The file of DocumentReference/${documentId} is of a type Kerne does not show`);
    return { contentType, bytes: Buffer.from(binary.data ?? '', 'base64'), title: attachment.title ?? document.description ?? documentId };
  }

  /** The text to search: a PDF's extracted text, a text file's own text, none for an image. */
  async #searchableText(upload: CheckedUpload): Promise<{ text: string | undefined; status: DocumentTextStatus }> {
    switch (upload.contentType) {
      case DocumentContentType.pdf: {
        const extracted = await this.#extractPdf(upload.bytes);
        if (!extracted.ok) {
          this.#onExtractionFailed(extracted.reason);
          return { text: undefined, status: 'failed' };
        }
        return extracted.text ? { text: extracted.text, status: 'extracted' } : { text: undefined, status: 'none' };
      }
      case DocumentContentType.text: {
        const text = decodeText(upload.bytes)?.trim();
        return text ? { text, status: 'extracted' } : { text: undefined, status: 'none' };
      }
      default:
        return { text: undefined, status: 'none' };
    }
  }
}

/** The caller as the document's author: their Practitioner, when they have one. */
function authorOf(caller: Caller): Reference<Practitioner> | undefined {
  const who = caller.principal.fhirUser;
  return who?.startsWith('Practitioner/') ? { reference: who as `Practitioner/${string}`, display: caller.principal.display } : undefined;
}
