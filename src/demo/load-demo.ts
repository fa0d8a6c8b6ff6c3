/** `kerne start --demo`: loads the demo population through the transaction processing when the store has no Patient yet. */
import { processBundle } from '../fhir/bundle/index.ts';
import type { Encounter } from '@medplum/fhirtypes';
import type { FhirRepository } from '../fhir/repository/index.ts';
import type { Identity } from '../identity/index.ts';
import { createDemoUsers } from './demo-users.ts';
import { generateDemoPopulation } from './population.ts';
import { demoUnitQuery } from './units.ts';

export const DEMO_SEED = 2208;
/** ~80 on the wards or on their way in, 8 in the emergency department, the rest with a history only (stay-plan.ts). */
export const DEMO_PATIENTS = 110;

/** Returns the number of resources written, or 0 when the store already holds (or held) a Patient. */
export async function loadDemoDataIfEmpty(repo: FhirRepository, options: { seed?: number; patients?: number; now?: Date } = {}): Promise<number> {
  const existing = await repo.history({ type: 'Patient', count: 1, offset: 0 });
  if (existing.versions.length > 0) return 0;
  const bundle = generateDemoPopulation({ seed: options.seed ?? DEMO_SEED, patients: options.patients ?? DEMO_PATIENTS, now: options.now ?? new Date() });
  await processBundle(repo, bundle, { baseUrl: '', prefer: { return: 'minimal', handling: 'strict' } });
  return bundle.entry?.length ?? 0;
}

/**
 * The demo logins (README): one per role, and a patient login for a patient admitted to the surgical
 * ward (KIR), whom the MED1 nurse can reach only by break-the-glass. Idempotent.
 */
export async function ensureDemoUsers(repo: FhirRepository, identity: Pick<Identity, 'users' | 'clients'>): Promise<string[]> {
  const [unit] = await repo.findMatches('Organization', demoUnitQuery('KIR'), undefined, 1);
  if (!unit) return [];
  const admitted = await repo.search({
    resourceType: 'Encounter',
    params: [['service-provider', `Organization/${unit.id}`], ['status', 'in-progress'], ['_count', '1']],
    baseUrl: '',
    handling: 'strict',
  });
  const encounter = admitted.entries[0] && (JSON.parse(admitted.entries[0].json) as Encounter);
  const patientId = encounter?.subject?.reference?.replace(/^Patient\//, '');
  if (!patientId) return [];
  return (await createDemoUsers(repo, identity, patientId)).created;
}
