/**
 * @module Structured resources the demo has no builder for: medication (MedicationStatement as from
 * FMK, MedicationRequest as an order; ATC) and the coded "no known allergies" AllergyIntolerance.
 * @see https://hl7.org/fhir/R4/medicationstatement.html
 */
import type { AllergyIntolerance, CodeableConcept, MedicationRequest, MedicationStatement } from '@medplum/fhirtypes';
import { demoMeta, System } from '../../demo/demo-meta.ts';
import type { Drug } from './clinical-phrases.ts';

/** SNOMED CT 716186003 |No known allergy (situation)|, as in the IPS "no known allergies" value set. */
export const NO_KNOWN_ALLERGY = { system: 'http://snomed.info/sct', code: '716186003', display: 'No known allergy' } as const;

const medication = (d: Drug): CodeableConcept => ({ coding: [{ system: System.atc, code: d.atc, display: d.name }], text: d.name });
const dosage = (d: Drug) => [{ text: `${d.form} ${d.name} ${d.dose}` }];

export interface MedicationInput {
  readonly drug: Drug;
  readonly patientRef: string;
  readonly practitionerRef: string;
  readonly start: string;
  /** Set when the structured list knows the drug was stopped. */
  readonly end?: string;
}

export function medicationStatement(input: MedicationInput): MedicationStatement {
  return {
    resourceType: 'MedicationStatement',
    meta: demoMeta(),
    status: input.end ? 'stopped' : 'active',
    medicationCodeableConcept: medication(input.drug),
    subject: { reference: input.patientRef },
    effectivePeriod: { start: input.start, ...(input.end ? { end: input.end } : {}) },
    dateAsserted: input.start,
    informationSource: { reference: input.practitionerRef },
    dosage: dosage(input.drug),
  };
}

export function medicationRequest(input: MedicationInput): MedicationRequest {
  return {
    resourceType: 'MedicationRequest',
    meta: demoMeta(),
    status: input.end ? 'stopped' : 'active',
    intent: 'order',
    medicationCodeableConcept: medication(input.drug),
    subject: { reference: input.patientRef },
    authoredOn: input.start,
    requester: { reference: input.practitionerRef },
    dosageInstruction: dosage(input.drug),
  };
}

export function noKnownAllergies(patientRef: string, practitionerRef: string, recorded: string): AllergyIntolerance {
  return {
    resourceType: 'AllergyIntolerance',
    meta: demoMeta(),
    clinicalStatus: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/allergyintolerance-clinical', code: 'active' }] },
    verificationStatus: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/allergyintolerance-verification', code: 'confirmed' }] },
    code: { coding: [{ ...NO_KNOWN_ALLERGY }], text: 'Ingen kendte allergier' },
    patient: { reference: patientRef },
    recordedDate: recorded,
    recorder: { reference: practitionerRef },
  };
}
