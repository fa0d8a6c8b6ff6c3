/** The resource a change event is about, as it was at that version (for a delete: the version before it). */
import type { Resource } from '@medplum/fhirtypes';
import type { ChangeEvent } from '../events/index.ts';
import type { FhirRepository } from '../fhir/repository/index.ts';

export interface ChangedVersion {
  readonly event: Pick<ChangeEvent, 'seq' | 'type' | 'id' | 'versionId' | 'action'>;
  /** The version's content; for a delete, the last content before it. Undefined when it cannot be read. */
  readonly resource: Resource | undefined;
  /** The patient whose record the resource belongs to (null outside every record). */
  readonly patientId?: string | null;
}

export async function readChangedVersion(repo: FhirRepository, event: ChangedVersion['event']): Promise<ChangedVersion> {
  const versionId = event.action === 'delete' ? event.versionId - 1 : event.versionId;
  if (versionId < 1) return { event, resource: undefined };
  try {
    const stored = await repo.vread(event.type, event.id, String(versionId));
    return { event, resource: stored.json ? (JSON.parse(stored.json) as Resource) : undefined, patientId: stored.patientId };
  } catch {
    return { event, resource: undefined }; // deleted in between or an unknown type: nothing to match
  }
}
