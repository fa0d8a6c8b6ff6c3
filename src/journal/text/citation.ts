/** Span and resource citations with SHA-256 content and quote hashes, and their verification (valid/stale/invalid): journal-ai.md §5 "Citation format". */
import { createHash } from 'node:crypto';
import { buildOffsetMap, isValidSpan } from './spans.ts';

export type Sha256 = `sha256:${string}`;

/** A journal document at one version; its text is never rewritten. */
export interface JournalDocument {
  readonly id: string;
  readonly version: number;
  readonly text: string;
}

/** A verbatim span `[start, end)` in code points of one document version. */
export interface SpanCitation {
  readonly docId: string;
  readonly version: number;
  readonly contentHash: Sha256;
  readonly start: number;
  readonly end: number;
  readonly unit: 'codepoint';
  readonly quoteHash: Sha256;
}

/** A structured FHIR resource at one version. */
export interface ResourceCitation {
  readonly resourceType: string;
  readonly id: string;
  readonly versionId: string;
}

/** The FHIR fields a resource citation needs. */
export interface CitableResource {
  readonly resourceType: string;
  readonly id?: string;
  readonly meta?: { readonly versionId?: string };
}

/** valid: same version and content, quote intact; stale: the document has changed since (recompute, never re-anchor); invalid: wrong document or a broken span. */
export const CitationStatus = { Valid: 'valid', Stale: 'stale', Invalid: 'invalid' } as const;
export type CitationStatus = (typeof CitationStatus)[keyof typeof CitationStatus];

/** `sha256:` + lower-case hex SHA-256 of the UTF-8 bytes of `text` (not normalised). */
export function sha256Of(text: string): Sha256 {
  return `sha256:${createHash('sha256').update(text, 'utf8').digest('hex')}`;
}

/** Cites `[start, end)` (code points) of `doc`; throws RangeError when the span is not within the text. */
export function citeSpan(doc: JournalDocument, start: number, end: number): SpanCitation {
  const map = buildOffsetMap(doc.text);
  if (!isValidSpan(map.codePointLength, start, end)) throw new RangeError(`span [${start}, ${end}) is not within [0, ${map.codePointLength}] of ${doc.id}`);
  return {
    docId: doc.id,
    version: doc.version,
    contentHash: sha256Of(doc.text),
    start,
    end,
    unit: 'codepoint',
    quoteHash: sha256Of(doc.text.slice(map.toIndex(start), map.toIndex(end))),
  };
}

/** Cites a resource at its current `meta.versionId`; throws TypeError without an id or versionId. */
export function citeResource(resource: CitableResource): ResourceCitation {
  const versionId = resource.meta?.versionId;
  if (!resource.id || !versionId) throw new TypeError(`${resource.resourceType} needs an id and meta.versionId to be cited`);
  return { resourceType: resource.resourceType, id: resource.id, versionId };
}

const isSha256 = (value: unknown): value is Sha256 => typeof value === 'string' && /^sha256:[0-9a-f]{64}$/u.test(value);

/**
 * Checks a span citation against the document as it is now. Malformed or foreign citations are
 * invalid; a changed version or content hash makes it stale (its offsets refer to the old text);
 * otherwise the span must lie within the text and its quote hash must match.
 */
export function verifyCitation(doc: JournalDocument, citation: SpanCitation): CitationStatus {
  if (citation.docId !== doc.id || citation.unit !== 'codepoint' || !isSha256(citation.contentHash) || !isSha256(citation.quoteHash)) return 'invalid';
  if (!Number.isInteger(citation.version) || !isValidSpan(Number.MAX_SAFE_INTEGER, citation.start, citation.end)) return 'invalid';
  if (citation.version !== doc.version || citation.contentHash !== sha256Of(doc.text)) return 'stale';
  const map = buildOffsetMap(doc.text);
  if (!isValidSpan(map.codePointLength, citation.start, citation.end)) return 'invalid';
  const quote = doc.text.slice(map.toIndex(citation.start), map.toIndex(citation.end));
  return sha256Of(quote) === citation.quoteHash ? 'valid' : 'invalid';
}

/** Checks a resource citation: invalid for another resource, stale for another version. */
export function verifyResourceCitation(resource: CitableResource, citation: ResourceCitation): CitationStatus {
  if (resource.resourceType !== citation.resourceType || resource.id !== citation.id || !citation.versionId) return 'invalid';
  return resource.meta?.versionId === citation.versionId ? 'valid' : 'stale';
}

/** The cited text when the citation is valid, otherwise undefined. */
export function quoteOf(doc: JournalDocument, citation: SpanCitation): string | undefined {
  if (verifyCitation(doc, citation) !== 'valid') return undefined;
  const map = buildOffsetMap(doc.text);
  return doc.text.slice(map.toIndex(citation.start), map.toIndex(citation.end));
}
