/** A demo Condition coded with SKS: a chronic problem-list diagnosis or an encounter diagnosis. */
import type { Condition } from '@medplum/fhirtypes';
import type { Diagnosis } from './catalog.ts';
import { demoMeta, System } from './demo-meta.ts';

export interface ConditionInput {
  readonly diagnosis: Diagnosis;
  readonly kind: 'problem-list-item' | 'encounter-diagnosis';
  readonly patientRef: string;
  readonly encounterRef?: string;
  readonly practitionerRef: string;
  readonly onset: string;
  readonly recorded: string;
  readonly resolved?: boolean;
}

export function demoCondition(input: ConditionInput): Condition {
  const status = input.resolved ? 'resolved' : 'active';
  return {
    resourceType: 'Condition',
    meta: demoMeta(),
    clinicalStatus: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/condition-clinical', code: status }] },
    verificationStatus: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/condition-ver-status', code: 'confirmed' }] },
    category: [
      {
        coding: [
          {
            system: 'http://terminology.hl7.org/CodeSystem/condition-category',
            code: input.kind,
            display: input.kind === 'problem-list-item' ? 'Problem List Item' : 'Encounter Diagnosis',
          },
        ],
      },
    ],
    code: { coding: [{ system: System.sks, code: input.diagnosis.code, display: input.diagnosis.display }], text: input.diagnosis.display },
    subject: { reference: input.patientRef },
    ...(input.encounterRef ? { encounter: { reference: input.encounterRef } } : {}),
    onsetDateTime: input.onset,
    ...(input.resolved ? { abatementDateTime: input.recorded } : {}),
    recordedDate: input.recorded,
    recorder: { reference: input.practitionerRef },
  };
}
