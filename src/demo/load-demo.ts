/** `kerne start --demo`: loads the demo population through the transaction processing when the store has no Patient yet. */
import { processBundle } from '../fhir/bundle/index.ts';
import type { FhirRepository } from '../fhir/repository/index.ts';
import { generateDemoPopulation } from './population.ts';

export const DEMO_SEED = 2208;
export const DEMO_PATIENTS = 50;

/** Returns the number of resources written, or 0 when the store already holds (or held) a Patient. */
export async function loadDemoDataIfEmpty(repo: FhirRepository, options: { seed?: number; patients?: number; now?: Date } = {}): Promise<number> {
  const existing = await repo.history({ type: 'Patient', count: 1, offset: 0 });
  if (existing.versions.length > 0) return 0;
  const bundle = generateDemoPopulation({ seed: options.seed ?? DEMO_SEED, patients: options.patients ?? DEMO_PATIENTS, now: options.now ?? new Date() });
  await processBundle(repo, bundle, { baseUrl: '', prefer: { return: 'minimal', handling: 'strict' } });
  return bundle.entry?.length ?? 0;
}
