// The UCUM unit each vital-sign concept is stored in, derived from mdc-vitals.json (one unit per concept).
import { VITAL_CODES, VITAL_CONCEPTS, type VitalConcept } from './tables.ts';

const unitByConcept = new Map<VitalConcept, string>();
for (const row of VITAL_CODES) {
  const known = unitByConcept.get(row.concept);
  if (known !== undefined && known !== row.ucum) throw new Error(`mdc-vitals.json: concept ${row.concept} has two units (${known}, ${row.ucum})`);
  unitByConcept.set(row.concept, row.ucum);
}
for (const concept of VITAL_CONCEPTS) if (!unitByConcept.has(concept)) throw new Error(`mdc-vitals.json: no row for concept ${concept}`);

/** The UCUM unit Kerne stores `concept` in (`/min`, `%`, `mm[Hg]`, `Cel`). */
export function lookupConceptUnit(concept: VitalConcept): string {
  return unitByConcept.get(concept) ?? '';
}
