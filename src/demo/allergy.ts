/** A demo AllergyIntolerance: a confirmed drug allergy coded with ATC. */
import type { AllergyIntolerance } from '@medplum/fhirtypes';
import type { ALLERGENS } from './catalog.ts';
import { demoMeta, System } from './demo-meta.ts';

export function demoAllergy(allergen: (typeof ALLERGENS)[number], patientRef: string, practitionerRef: string, recorded: string): AllergyIntolerance {
  return {
    resourceType: 'AllergyIntolerance',
    meta: demoMeta(),
    clinicalStatus: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/allergyintolerance-clinical', code: 'active' }] },
    verificationStatus: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/allergyintolerance-verification', code: 'confirmed' }] },
    type: 'allergy',
    category: ['medication'],
    criticality: 'low',
    code: { coding: [{ system: System.atc, code: allergen.code, display: allergen.display }], text: allergen.display },
    patient: { reference: patientRef },
    recordedDate: recorded,
    recorder: { reference: practitionerRef },
    reaction: [{ manifestation: [{ text: allergen.reaction }] }],
  };
}
