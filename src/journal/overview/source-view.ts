/**
 * A cited source as the API shows it (JournalSource): the resource's text at the version asked for
 * (the text the index and the citations use, `sourceText`; a one-line description for a structured
 * resource) and the span checked against it: stale when the version is not the current one (the
 * offsets refer to an older text; never re-anchored), invalid when it does not fit the text. Pure.
 */
import type { Resource } from '@medplum/fhirtypes';
import type { JournalSource } from '../api-types.ts';
import { sourceText } from '../search/source-text.ts';
import { codePointLength, isValidSpan } from '../text/index.ts';
import { describeResource } from './describe-resource.ts';
import { titleOf } from './text-documents.ts';

type Loose = Resource & Record<string, unknown>;
const display = (ref: unknown) => (ref as { display?: string; reference?: string } | undefined)?.display ?? (ref as { reference?: string } | undefined)?.reference;

export function sourceView(resource: Resource, currentVersionId: string, span?: { start: number; end: number }): JournalSource {
  const r = resource as Loose;
  const source = sourceText(resource);
  const text = source?.text ?? describeResource(resource);
  const versionId = resource.meta?.versionId ?? currentVersionId;
  const author = display((r.author as unknown[] | undefined)?.[0] ?? r.recorder ?? r.requester ?? (r.performer as unknown[] | undefined)?.[0] ?? r.sender);
  const date = source?.recorded ?? (r.date as string | undefined) ?? (r.effectiveDateTime as string | undefined) ?? (r.authoredOn as string | undefined) ?? (r.recordedDate as string | undefined) ?? resource.meta?.lastUpdated;
  const status = typeof r.status === 'string' ? r.status : undefined;
  const highlight = span
    ? { ...span, status: !isValidSpan(codePointLength(text), span.start, span.end) ? ('invalid' as const) : versionId !== currentVersionId ? ('stale' as const) : ('valid' as const) }
    : undefined;
  return {
    resourceType: resource.resourceType,
    id: resource.id ?? '',
    versionId,
    currentVersionId,
    title: titleOf(resource) ?? describeResource(resource),
    kind: source?.kind ?? resource.resourceType,
    ...(date ? { date } : {}),
    ...(author ? { author } : {}),
    ...(status ? { status } : {}),
    text,
    ...(highlight ? { highlight } : {}),
  };
}
