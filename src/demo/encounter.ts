/** A demo Encounter: ambulatory, inpatient or emergency contact at a unit of Demo Sygehus (v3 ActCode class). */
import type { Encounter } from '@medplum/fhirtypes';
import { ENCOUNTER_CLASSES, type EncounterClass } from './catalog.ts';
import { demoMeta, System } from './demo-meta.ts';

export interface EncounterInput {
  readonly cls: EncounterClass;
  readonly patientRef: string;
  /** The unit (department Organization) responsible for the contact. */
  readonly organizationRef: string;
  readonly organizationName: string;
  readonly practitionerRef: string;
  readonly start: string;
  /** Absent for an ongoing (in-progress) encounter. */
  readonly end?: string;
  readonly diagnosisRefs?: readonly string[];
}

export function demoEncounter(input: EncounterInput): Encounter {
  return {
    resourceType: 'Encounter',
    meta: demoMeta(),
    status: input.end ? 'finished' : 'in-progress',
    class: { system: System.actCode, code: input.cls, display: ENCOUNTER_CLASSES[input.cls] },
    subject: { reference: input.patientRef },
    participant: [{ individual: { reference: input.practitionerRef } }],
    period: { start: input.start, ...(input.end ? { end: input.end } : {}) },
    serviceProvider: { reference: input.organizationRef, display: input.organizationName },
    ...(input.diagnosisRefs?.length
      ? { diagnosis: input.diagnosisRefs.map((ref, i) => ({ condition: { reference: ref }, rank: i + 1 })) }
      : {}),
  };
}
