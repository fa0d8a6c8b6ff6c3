/** A stay's life in its Encounter: admission, moves (the location history in Encounter.location) and discharge. @see https://hl7.org/fhir/R4/encounter-definitions.html#Encounter.location */
import type { Encounter, EncounterLocation, Location, Organization, Patient, Reference } from '@medplum/fhirtypes';
import { EXPECTED_DISCHARGE_EXTENSION, STAY_KIND_SYSTEM, type StayKind } from '../model.ts';
import { refKey } from './refs.ts';

export const ACT_CODE_SYSTEM = 'http://terminology.hl7.org/CodeSystem/v3-ActCode';

export interface AdmissionInput {
  readonly now: Date;
  readonly patient: Reference;
  /** The responsible unit (serviceProvider). */
  readonly unit: Reference;
  readonly ward: Reference;
  /** The bed, when one is given at once; else the patient is on the ward without a bed. */
  readonly bed?: Reference;
  /** IMP inpatient (default, in-progress) or EMER emergency contact (arrived: triage is next). */
  readonly class?: 'IMP' | 'EMER';
  readonly expectedDischarge?: string;
  readonly complaint?: string;
  readonly stayKind?: StayKind;
}

/** A new stay from now: in the bed (or on the ward) as the active location. */
export function admitEncounter(input: AdmissionInput): Encounter {
  const cls = input.class ?? 'IMP';
  const at = input.now.toISOString();
  return {
    resourceType: 'Encounter',
    status: cls === 'EMER' ? 'arrived' : 'in-progress',
    class: { system: ACT_CODE_SYSTEM, code: cls, display: cls === 'EMER' ? 'emergency' : 'inpatient encounter' },
    subject: input.patient as Reference<Patient>,
    serviceProvider: input.unit as Reference<Organization>,
    period: { start: at },
    location: [{ location: (input.bed ?? input.ward) as Reference<Location>, status: 'active', period: { start: at } }],
    ...(input.stayKind ? { type: [{ coding: [{ system: STAY_KIND_SYSTEM, code: input.stayKind }] }] } : {}),
    ...(input.complaint ? { reasonCode: [{ text: input.complaint }] } : {}),
    ...(input.expectedDischarge ? { extension: [{ url: EXPECTED_DISCHARGE_EXTENSION, valueDateTime: input.expectedDischarge }] } : {}),
  };
}

const close = (entry: EncounterLocation, at: string): EncounterLocation => ({ ...entry, status: 'completed', period: { ...entry.period, end: entry.period?.end ?? at } });

/**
 * Move a stay: every active or reserved location is completed at `now` and `toBed` becomes the active
 * one (a planned entry for it is taken up, not duplicated); other planned entries stay. The stay becomes
 * in-progress and, when given, `toUnit` the responsible unit (serviceProvider).
 */
export function moveEncounter(encounter: Encounter, toBed: Reference, toUnit: Reference | undefined, now: Date): Encounter {
  const at = now.toISOString();
  const target = refKey(toBed);
  const kept: EncounterLocation[] = [];
  for (const entry of encounter.location ?? []) {
    if (entry.status === 'planned' && target && refKey(entry.location) === target) continue;
    kept.push(entry.status === 'active' || entry.status === 'reserved' || (entry.status === undefined && !entry.period?.end) ? close(entry, at) : entry);
  }
  return {
    ...encounter,
    status: 'in-progress',
    ...(toUnit ? { serviceProvider: toUnit as Reference<Organization> } : {}),
    location: [...kept, { location: toBed as Reference<Location>, status: 'active', period: { start: at } }],
  };
}

/** Discharge: the stay is finished at `now` and its active and reserved locations completed (the caller sets the bed to cleaning). */
export function dischargeEncounter(encounter: Encounter, now: Date): Encounter {
  const at = now.toISOString();
  return {
    ...encounter,
    status: 'finished',
    period: { ...encounter.period, end: at },
    location: (encounter.location ?? []).map((entry) =>
      entry.status === 'active' || entry.status === 'reserved' || (entry.status === undefined && !entry.period?.end) ? close(entry, at) : entry),
  };
}
