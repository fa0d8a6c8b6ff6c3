/** A one-line Danish description of any patient resource ("Observation: Puls 82 /min"), for "Nyt siden sidst" and for the source view of a structured resource. */
import type { Resource } from '@medplum/fhirtypes';
import { conceptText, quantityText } from './fhir-text.ts';
import { titleOf } from './text-documents.ts';

export const TYPE_TEXT: Readonly<Record<string, string>> = {
  Observation: 'Måling/prøvesvar',
  Condition: 'Diagnose',
  AllergyIntolerance: 'Allergi',
  MedicationStatement: 'Medicin',
  MedicationRequest: 'Medicinordination',
  ServiceRequest: 'Bestilling',
  DiagnosticReport: 'Svar',
  Composition: 'Notat',
  DocumentReference: 'Dokument',
  Encounter: 'Kontakt',
  Procedure: 'Procedure',
  Communication: 'Korrespondance',
  Flag: 'Advarsel',
};

type Loose = Resource & Record<string, unknown>;

/** "Type: what" from the resource's code, title or value. */
export function describeResource(resource: Resource): string {
  const r = resource as Loose;
  const what =
    titleOf(resource) ??
    conceptText((r.code ?? r.medicationCodeableConcept ?? r.type) as never) ??
    (resource.resourceType === 'Encounter' ? (r.serviceProvider as { display?: string } | undefined)?.display : undefined);
  const value = resource.resourceType === 'Observation' ? (quantityText(r.valueQuantity as never) ?? (typeof r.valueInteger === 'number' ? String(r.valueInteger) : (r.valueString as string | undefined))) : undefined;
  return `${TYPE_TEXT[resource.resourceType] ?? resource.resourceType}${what ? `: ${what}` : ''}${value ? ` ${value}` : ''}`;
}
