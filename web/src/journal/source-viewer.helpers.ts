/**
 * Pure helpers of the source viewer (GET /api/journal/sources/:type/:id, src/journal/api-types.ts
 * JournalSource): the request's path, whether a citation is out of date, and the source's text split
 * around the cited span. Spans are counted in Unicode code points (journal-ai.md §5), JS strings in
 * UTF-16 units: the conversion is src/journal/text/spans.ts's, so an emoji or other astral character
 * before the span does not shift the mark.
 */
import type { JournalSource } from '../../../src/journal/api-types.ts';
import { buildOffsetMap, isValidSpan } from '../../../src/journal/text/spans.ts';

/** What the viewer shows: a resource at a version, and for a span citation the span `[start, end)` in code points. */
export interface SourceRef {
  readonly type: string;
  readonly id: string;
  readonly version?: string;
  readonly start?: number;
  readonly end?: number;
}

/** The path of the source request (version, start and end only when given). */
export function sourcePath(ref: SourceRef): string {
  const query = new URLSearchParams();
  if (ref.version !== undefined) query.set('version', ref.version);
  if (ref.start !== undefined && ref.end !== undefined) {
    query.set('start', String(ref.start));
    query.set('end', String(ref.end));
  }
  const search = query.toString();
  return `/api/journal/sources/${encodeURIComponent(ref.type)}/${encodeURIComponent(ref.id)}${search ? `?${search}` : ''}`;
}

/** The source changed after it was cited: the server says so, or the version shown is not the current one. */
export const isStale = (source: JournalSource): boolean => source.highlight?.status === 'stale' || source.versionId !== source.currentVersionId;

/** A text split around its cited passage (UTF-16 strings, ready for React). */
export interface CitedSplit {
  readonly before: string;
  readonly cited: string;
  readonly after: string;
}

/** `text` split at the code-point span `[start, end)`; undefined when the span is empty or not within the text. */
export function splitAtCodePoints(text: string, start: number, end: number): CitedSplit | undefined {
  const map = buildOffsetMap(text);
  if (!isValidSpan(map.codePointLength, start, end) || start === end) return undefined;
  const from = map.toIndex(start);
  const to = map.toIndex(end);
  return { before: text.slice(0, from), cited: text.slice(from, to), after: text.slice(to) };
}

/**
 * The source's text split at its highlight, when the highlight belongs to the text shown: a valid
 * span, or a stale one on the very version that was cited (the text as it was). An invalid span, or
 * a stale one shown on another version than the cited, is not marked (it would mark the wrong words).
 */
export function citedSplit(source: JournalSource, citedVersion: string | undefined): CitedSplit | undefined {
  const h = source.highlight;
  if (!h || h.status === 'invalid') return undefined;
  if (h.status === 'stale' && citedVersion !== undefined && citedVersion !== source.versionId) return undefined;
  return splitAtCodePoints(source.text, h.start, h.end);
}
