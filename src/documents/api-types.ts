/**
 * The JSON of /api/documents, shared by the server and the web app: the document categories, what may
 * be uploaded, and the list entries. Issue 6 (document archive).
 */

/** Kerne's document categories (codes of DOCUMENT_CATEGORY_SYSTEM). */
export const DocumentCategory = {
  epikrise: 'epikrise',
  brevFraEgenLaege: 'brev-fra-egen-laege',
  billeddiagnostik: 'billeddiagnostik',
  samtykke: 'samtykke',
  scannetDokument: 'scannet-dokument',
  andet: 'andet',
} as const;
export type DocumentCategory = (typeof DocumentCategory)[keyof typeof DocumentCategory];
export const DOCUMENT_CATEGORIES = Object.values(DocumentCategory) as readonly DocumentCategory[];
export const isDocumentCategory = (code: unknown): code is DocumentCategory => (DOCUMENT_CATEGORIES as readonly unknown[]).includes(code);

/** The categories' Danish names: the CodeSystem's displays, and the web app's Danish labels. */
export const CATEGORY_DISPLAY: Readonly<Record<DocumentCategory, string>> = {
  epikrise: 'Epikrise',
  'brev-fra-egen-laege': 'Brev fra egen læge',
  billeddiagnostik: 'Billeddiagnostik',
  samtykke: 'Samtykke',
  'scannet-dokument': 'Scannet dokument',
  andet: 'Andet',
};

/** The code system of the categories (DocumentReference.category.coding.system). */
export const DOCUMENT_CATEGORY_SYSTEM = 'https://kerne.dk/fhir/CodeSystem/document-category';

/** What may be uploaded: the content is checked against its type (magic bytes), not just the declared type. */
export const DocumentContentType = {
  pdf: 'application/pdf',
  jpeg: 'image/jpeg',
  png: 'image/png',
  text: 'text/plain',
} as const;
export type DocumentContentType = (typeof DocumentContentType)[keyof typeof DocumentContentType];
export const DOCUMENT_CONTENT_TYPES = Object.values(DocumentContentType) as readonly DocumentContentType[];

/** The largest document (bytes, before base64). */
export const MAX_DOCUMENT_BYTES = 20 * 1024 * 1024;

/** POST /api/documents/patients/:patientId */
export interface DocumentUpload {
  readonly title: string;
  readonly category: DocumentCategory;
  /** The document's own date (e.g. of the letter): YYYY-MM-DD or an ISO date-time with offset. */
  readonly date?: string;
  readonly contentType: DocumentContentType;
  /** The file, base64. */
  readonly data: string;
}

/** Whether the document's text could be searched: extracted (or plain text), none (an image), or failed (a broken or encrypted PDF). */
export type DocumentTextStatus = 'extracted' | 'none' | 'failed';

/** One document of a patient, as listed and as answered to an upload. */
export interface DocumentSummary {
  /** The DocumentReference id. */
  readonly id: string;
  readonly title: string;
  readonly category: DocumentCategory | null;
  /** The document's own date when given, else when it was archived. */
  readonly date: string;
  /** When it was archived (DocumentReference.date). */
  readonly archived: string;
  readonly author: string | null;
  readonly contentType: string;
  readonly size: number;
  readonly hasText: boolean;
  readonly textStatus: DocumentTextStatus;
}

/** GET /api/documents/patients/:patientId?category= */
export interface DocumentList {
  readonly patientId: string;
  readonly category: DocumentCategory | null;
  /** Newest first. */
  readonly documents: readonly DocumentSummary[];
}
