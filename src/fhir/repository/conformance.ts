/** Reads the stored conformance resources (installed IG packages) that the validator needs at start. */
import type { Resource } from '@medplum/fhirtypes';
import type { Queryable } from '../../db/index.ts';

export const CONFORMANCE_TYPES = ['StructureDefinition', 'ValueSet', 'CodeSystem'] as const;

export async function readConformanceResources(q: Queryable): Promise<Resource[]> {
  const rows = await q.query<{ content: string }>(
    'SELECT content FROM resource WHERE type = ANY($1::text[]) AND NOT deleted ORDER BY rid',
    [CONFORMANCE_TYPES],
  );
  return rows.map((r) => JSON.parse(r.content) as Resource);
}
