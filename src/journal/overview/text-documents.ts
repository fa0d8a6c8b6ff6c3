/** A resource as an overview TextDocument: the text the search indexer indexes (`sourceText`, code points) split by `segmentNote` (lazily), so span citations match the index. */
import type { Composition, DiagnosticReport, DocumentReference, Resource } from '@medplum/fhirtypes';
import { sourceText } from '../search/source-text.ts';
import { segmentNote, type Passage } from '../text/index.ts';
import type { TextDocument } from './overview-input.ts';

/** A readable title of a text resource. */
export function titleOf(resource: Resource): string | undefined {
  switch (resource.resourceType) {
    case 'Composition':
      return (resource as Composition).title ?? (resource as Composition).type?.text;
    case 'DocumentReference': {
      const d = resource as DocumentReference;
      return d.type?.text ?? d.description ?? d.content?.[0]?.attachment.title;
    }
    case 'DiagnosticReport':
    case 'Observation':
      return (resource as DiagnosticReport).code?.text ?? (resource as DiagnosticReport).code?.coding?.[0]?.display;
    default:
      return undefined;
  }
}

/** The document of a resource with text and a version, or undefined. */
export function textDocument(resource: Resource): TextDocument | undefined {
  const source = sourceText(resource);
  const versionId = resource.meta?.versionId;
  if (!source || !resource.id || !versionId) return undefined;
  const title = titleOf(resource);
  let passages: readonly Passage[] | undefined;
  return {
    resourceType: resource.resourceType,
    id: resource.id,
    versionId,
    kind: source.kind,
    recorded: source.recorded,
    ...(title ? { title } : {}),
    text: source.text,
    // Segmented when first asked for: most builders look only at documents whose text has their words.
    get passages() {
      return (passages ??= segmentNote(source.text));
    },
  };
}

/** True for a note that is no longer current (a superseded or entered-in-error version of a DocumentReference or Composition). */
export function isRetired(resource: Resource): boolean {
  if (resource.resourceType === 'DocumentReference') return (resource as DocumentReference).status !== 'current';
  if (resource.resourceType === 'Composition') return (resource as Composition).status === 'entered-in-error';
  return false;
}
