/** The overview's citations (journal-ai.md §5) as API JournalCitations: a resource at its version, or a verbatim span of a text document built with `citeSpan`. */
import type { Resource } from '@medplum/fhirtypes';
import type { JournalCitation } from '../api-types.ts';
import { citeResource, citeSpan, sliceCodePoints } from '../text/index.ts';
import type { TextDocument } from './overview-input.ts';

export type SpanJournalCitation = Extract<JournalCitation, { kind: 'span' }>;

/** A structured resource at its current meta.versionId. */
export function resourceCitation(resource: Resource): JournalCitation {
  return { kind: 'resource', ...citeResource(resource) };
}

/** `[start, end)` (code points) of the document's text, with content and quote hashes and the quote itself. */
export function spanCitation(doc: TextDocument, start: number, end: number): SpanJournalCitation {
  const c = citeSpan({ id: doc.id, version: Number(doc.versionId), text: doc.text }, start, end);
  const quote = sliceCodePoints(doc.text, start, end);
  return { kind: 'span', resourceType: doc.resourceType, id: doc.id, versionId: doc.versionId, start, end, unit: 'codepoint', contentHash: c.contentHash, quoteHash: c.quoteHash, quote };
}
