/** Test helper: writes resources with their extracted search index rows through the repository's write statement, skipping validation. */
import type { Resource } from '@medplum/fhirtypes';
import type { Queryable } from '../../db/index.ts';
import { patientIdOf } from '../repository/patient-compartment.ts';
import { hasSensitiveLabel } from '../repository/sensitivity.ts';
import { writeVersions } from '../repository/write-versions.ts';
import { extractIndexRows } from './extract-index-rows.ts';
import { emptyIndexRows } from './index-rows.ts';

let seq = 0;

/** Inserts each resource (it must have an id) as version 1; lastUpdated from meta.lastUpdated or a rising clock. Deleted rows get no index rows, as the repository writes them. */
export async function insertResources(q: Queryable, resources: readonly Resource[]): Promise<void> {
  for (const resource of resources) await insertResource(q, resource);
}

export async function insertResource(q: Queryable, resource: Resource, options: { deleted?: boolean } = {}): Promise<string> {
  if (!resource.id) throw new Error('insertResource: resource needs an id');
  const lastUpdated = resource.meta?.lastUpdated ?? new Date(Date.UTC(2024, 0, 1) + ++seq * 1000).toISOString();
  const stored = { ...resource, meta: { ...resource.meta, versionId: '1', lastUpdated } };
  const deleted = options.deleted ?? false;
  const index = deleted ? emptyIndexRows() : extractIndexRows(resource);
  // The repository's own write statement, without validation (fixtures may be deliberately partial).
  const [rid] = await writeVersions(q, [
    {
      type: resource.resourceType,
      id: resource.id,
      versionId: 1,
      lastUpdated,
      deleted,
      json: deleted ? null : JSON.stringify(stored),
      index,
      action: deleted ? 'delete' : 'create',
      patientId: patientIdOf(resource.resourceType, resource.id, extractIndexRows(resource)),
      sensitive: hasSensitiveLabel(resource),
    },
  ]);
  return rid!;
}
