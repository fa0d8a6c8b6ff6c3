/** Named test fixtures for the logistics domain: a small hospital (medical and surgical wards, theatre, ED) and builders of its resources. */
import type { Encounter, EncounterLocation, Flag, Location, Organization, Patient, Reference, Resource, Task } from '@medplum/fhirtypes';
import {
  BED_STATUS_SYSTEM, LOCATION_PHYSICAL_TYPE_SYSTEM, PLACE_KIND_SYSTEM, STAY_KIND_SYSTEM, TASK_KIND_SYSTEM,
  type PhysicalType, type PlaceKind, type StayKind, type TaskKind,
} from '../model.ts';
import { emptySnapshot, type LogisticsSnapshot } from './snapshot.ts';

/** 2025-03-10 10:00 UTC = 11:00 in Denmark. */
export const NOW = new Date('2025-03-10T10:00:00.000Z');
export const minutesAgo = (m: number, from: Date = NOW): string => new Date(from.getTime() - m * 60_000).toISOString();

/** A literal reference, typed for wherever it is used. */
export const ref = <T extends Resource = Resource>(type: string, id: string): Reference<T> => ({ reference: `${type}/${id}` });

export const unit = (id: string, name: string): Organization => ({ resourceType: 'Organization', id, name });

export function location(id: string, name: string, type: PhysicalType, partOf?: string, extra: Partial<Location> = {}): Location {
  return {
    resourceType: 'Location', id, name, status: 'active',
    physicalType: { coding: [{ system: LOCATION_PHYSICAL_TYPE_SYSTEM, code: type }] },
    ...(partOf ? { partOf: { reference: `Location/${partOf}` } } : {}),
    ...extra,
  };
}
export const ward = (id: string, name: string, unitId: string): Location => location(id, name, 'wa', undefined, { managingOrganization: { reference: `Organization/${unitId}` } });
export const room = (id: string, name: string, wardId: string): Location => location(id, name, 'ro', wardId);
export const bed = (id: string, name: string, partOf: string, status?: 'U' | 'O' | 'H' | 'C'): Location =>
  location(id, name, 'bd', partOf, status ? { operationalStatus: { system: BED_STATUS_SYSTEM, code: status } } : {});
export const place = (id: string, name: string, kind: PlaceKind, type: PhysicalType, partOf?: string): Location =>
  location(id, name, type, partOf, { type: [{ coding: [{ system: PLACE_KIND_SYSTEM, code: kind }] }] });

export function patient(id: string, given: string[], family: string, birthDate?: string, cpr?: string): Patient {
  return {
    resourceType: 'Patient', id, name: [{ use: 'official', given, family }],
    ...(birthDate ? { birthDate } : {}), gender: 'female',
    ...(cpr ? { identifier: [{ system: 'urn:oid:1.2.208.176.1.2', value: cpr }] } : {}),
  };
}

export interface StayInput {
  readonly status?: Encounter['status'];
  readonly unit: string;
  readonly at?: readonly [string, NonNullable<EncounterLocation['status']>, string?][];
  readonly kind?: StayKind;
  readonly start?: string;
  readonly cls?: 'IMP' | 'EMER';
  readonly extra?: Partial<Encounter>;
}
/** An Encounter for a patient; `at` lists [locationId, status, start?]. */
export function stay(id: string, patientId: string, input: StayInput): Encounter {
  return {
    resourceType: 'Encounter', id, status: input.status ?? 'in-progress',
    class: { system: 'http://terminology.hl7.org/CodeSystem/v3-ActCode', code: input.cls ?? 'IMP' },
    subject: { reference: `Patient/${patientId}` },
    serviceProvider: { reference: `Organization/${input.unit}` },
    period: { start: input.start ?? minutesAgo(24 * 60) },
    ...(input.kind ? { type: [{ coding: [{ system: STAY_KIND_SYSTEM, code: input.kind }] }] } : {}),
    location: (input.at ?? []).map(([loc, status, start]) => ({ location: { reference: `Location/${loc}` }, status, ...(start ? { period: { start } } : {}) })),
    ...input.extra,
  };
}

export function task(id: string, kind: TaskKind, status: Task['status'], extra: Partial<Task> = {}): Task {
  return { resourceType: 'Task', id, status, intent: 'order', code: { coding: [{ system: TASK_KIND_SYSTEM, code: kind }] }, authoredOn: minutesAgo(120), ...extra };
}

/**
 * The hospital: medical ward M1 (unit MED) with rooms Stue 1, Stue 2, Stue 10, a corridor and a day
 * room; surgical ward K1 (unit KIR); a theatre and recovery outside the wards.
 */
export function hospital(): LogisticsSnapshot {
  const s = emptySnapshot();
  s.organizations.push(unit('MED', 'Medicinsk Afdeling'), unit('KIR', 'Kirurgisk Afdeling'), unit('AKUT', 'Akutmodtagelsen'));
  s.locations.push(
    location('hosp', 'Aalborg Universitetshospital', 'bu'),
    ward('M1', 'Medicinsk afsnit M1', 'MED'),
    room('M1-s1', 'Stue 1', 'M1'), room('M1-s2', 'Stue 2', 'M1'), room('M1-s10', 'Stue 10', 'M1'),
    bed('M1-s1-b2', 'Seng 2', 'M1-s1', 'H'),
    bed('M1-s1-b10', 'Seng 10', 'M1-s1', 'C'),
    bed('M1-s1-b1', 'Seng 1', 'M1-s1', 'O'),
    bed('M1-s10-b1', 'Seng 1', 'M1-s10', 'U'),
    bed('M1-s2-b1', 'Seng 1', 'M1-s2', 'U'),
    bed('M1-s2-b2', 'Seng 2', 'M1-s2'),
    place('M1-gang', 'Gangen', 'gang', 'wi', 'M1'),
    place('M1-dagligstue', 'Dagligstuen', 'dagligstue', 'ro', 'M1'),
    ward('K1', 'Kirurgisk afsnit K1', 'KIR'),
    room('K1-s1', 'Stue 1', 'K1'),
    bed('K1-s1-b1', 'Seng 1', 'K1-s1', 'O'),
    bed('K1-s1-b2', 'Seng 2', 'K1-s1', 'U'),
    place('op3', 'OP 3', 'operationsstue', 'ro', 'hosp'),
    place('opv', 'Opvågning', 'opvaagning', 'ro', 'hosp'),
  );
  return s;
}

export const COMMENT_URL = 'https://kerne.dk/fhir/StructureDefinition/board-comment';

/**
 * Ward M1 at NOW: Anna in Stue 1 Seng 1; a companion in Stue 2 Seng 1; a patient on leave holding
 * Stue 10 Seng 1; a corridor patient; a day-treatment patient in the day room; a planned (incoming)
 * stay; an arrived patient with only a planned bed; a medical patient in theatre; a surgical patient
 * on K1 with a transfer to M1 under way; a surgical patient in recovery holding a K1 bed; a finished stay.
 */
export function wardScenario(): LogisticsSnapshot {
  const s = hospital();
  s.patients.push(
    patient('p1', ['Anna', 'Marie'], 'Jensen', '1950-03-10', '1003501234'),
    patient('p2', ['Bo'], 'Ledsager'), patient('p3', ['Carl'], 'Orlov'), patient('p4', ['Dorte'], 'Gang'),
    patient('p5', ['Erik'], 'Dag'), patient('p6', ['Frida'], 'Planlagt'), patient('p7', ['Gitte'], 'Operation'),
    patient('p9', ['Ib'], 'Overflyt'), patient('p10', ['Jens'], 'Udskrevet'), patient('p11', ['Karen'], 'Ankommet'),
    patient('p12', ['Lise'], 'Opvågning'),
  );
  s.encounters.push(
    stay('e1', 'p1', { unit: 'MED', start: '2025-03-08T08:00:00Z', at: [['M1', 'active'], ['M1-s1-b1', 'active']], extra: {
      extension: [
        { url: 'https://kerne.dk/fhir/StructureDefinition/expected-discharge', valueDateTime: '2025-03-12T10:00:00Z' },
        { url: COMMENT_URL, valueString: 'Tolk: polsk' },
      ],
    } }),
    stay('e2', 'p2', { unit: 'MED', kind: 'ledsager', at: [['M1-s2-b1', 'active']] }),
    stay('e3', 'p3', { unit: 'MED', status: 'onleave', at: [['M1-s10-b1', 'reserved']] }),
    stay('e4', 'p4', { unit: 'MED', start: '2025-03-09T08:00:00Z', at: [['M1-gang', 'active']] }),
    stay('e5', 'p5', { unit: 'MED', start: '2025-03-10T08:00:00Z', kind: 'dagbehandling', at: [['M1-dagligstue', 'active']] }),
    stay('e6', 'p6', { unit: 'MED', status: 'planned', start: '2025-03-10T12:00:00Z', at: [['M1', 'planned']] }),
    stay('e7', 'p7', { unit: 'MED', at: [['M1-s2-b2', 'completed', '2025-03-09T08:00:00Z'], ['op3', 'active', minutesAgo(60)]] }),
    stay('e9', 'p9', { unit: 'KIR', start: '2025-03-07T08:00:00Z', at: [['K1-s1-b1', 'active']] }),
    stay('e10', 'p10', { unit: 'MED', status: 'finished', at: [['M1-s2-b2', 'completed']] }),
    stay('e11', 'p11', { unit: 'MED', status: 'arrived', start: '2025-03-10T09:30:00Z', at: [['M1-s2-b2', 'planned']] }),
    stay('e12', 'p12', { unit: 'KIR', at: [['K1-s1-b2', 'reserved'], ['opv', 'active']] }),
  );
  s.tasks.push(
    task('tr1', 'overflytning', 'accepted', { for: ref('Patient', 'p9'), focus: ref('Encounter', 'e9'), requester: ref('Organization', 'KIR'), owner: ref('Organization', 'MED'), description: 'Rapport: klar til medicinsk' }),
    task('t1', 'transport', 'requested', { for: ref('Patient', 'p1'), authoredOn: minutesAgo(30) }),
    task('t2', 'blodproeve', 'in-progress', { for: ref('Patient', 'p1'), focus: ref('Encounter', 'e1'), authoredOn: minutesAgo(60), executionPeriod: { start: minutesAgo(5) } }),
    task('t3', 'rengoering', 'completed', { for: ref('Patient', 'p1'), executionPeriod: { start: '2025-03-09T09:00:00Z', end: '2025-03-09T09:30:00Z' } }),
    task('t4', 'rengoering', 'completed', { focus: ref('Location', 'M1-s1-b2'), authoredOn: minutesAgo(200), executionPeriod: { start: minutesAgo(190), end: minutesAgo(180) } }),
    task('t5', 'rengoering', 'requested', { focus: ref('Location', 'M1-s1-b2'), authoredOn: minutesAgo(20) }),
    task('t6', 'triage', 'completed', { for: ref('Patient', 'p1'), encounter: ref('Encounter', 'e1') }),
  );
  s.practitioners.push({ resourceType: 'Practitioner', id: 'n1', name: [{ given: ['Sofie'], family: 'Sygeplejerske' }] });
  s.careTeams.push({
    resourceType: 'CareTeam', id: 'ct1', status: 'active', subject: ref('Patient', 'p1'), encounter: ref('Encounter', 'e1'),
    participant: [
      { role: [{ coding: [{ system: 'https://kerne.dk/fhir/CodeSystem/care-role', code: 'ansvarlig-sygeplejerske' }] }], member: ref('Practitioner', 'n1') },
      { role: [{ coding: [{ system: 'https://kerne.dk/fhir/CodeSystem/care-role', code: 'ansvarlig-laege' }] }], member: { display: 'Lars Læge' } },
    ],
  });
  const flag = (id: string, code: string, status: 'active' | 'inactive', encounter?: string): Flag => ({
    resourceType: 'Flag', id, status, subject: ref('Patient', 'p1'),
    code: { coding: [{ system: 'https://kerne.dk/fhir/CodeSystem/board-flag', code }] },
    ...(encounter ? { encounter: ref('Encounter', encounter) } : {}),
  });
  s.flags.push(flag('f1', 'isolation', 'active'), flag('f2', 'faldrisiko', 'inactive'), flag('f3', 'faldrisiko', 'active', 'e-old'));
  s.allergies.push({ resourceType: 'AllergyIntolerance', id: 'a1', patient: ref('Patient', 'p1'), criticality: 'high', code: { text: 'Penicillin' } });
  s.serviceRequests.push(
    { resourceType: 'ServiceRequest', id: 'sr1', status: 'active', intent: 'order', subject: ref('Patient', 'p1'), code: { text: 'Hæmoglobin' }, authoredOn: minutesAgo(100) },
    { resourceType: 'ServiceRequest', id: 'sr2', status: 'active', intent: 'order', subject: ref('Patient', 'p1'), code: { coding: [{ display: 'Røntgen thorax' }] } },
    { resourceType: 'ServiceRequest', id: 'sr3', status: 'completed', intent: 'order', subject: ref('Patient', 'p1'), code: { text: 'CRP' } },
    { resourceType: 'ServiceRequest', id: 'sr4', status: 'active', intent: 'order', subject: ref('Patient', 'p1'), code: { coding: [{ code: 'NPU01234' }] }, authoredOn: minutesAgo(50) },
  );
  s.results.push({ resourceType: 'DiagnosticReport', id: 'dr2', status: 'final', code: { text: 'Rtg' }, basedOn: [ref('ServiceRequest', 'sr2')] });
  s.earlyWarnings.push(
    { resourceType: 'Observation', id: 'o1', status: 'final', code: { text: 'TOKS' }, subject: ref('Patient', 'p1'), effectiveDateTime: minutesAgo(90), valueInteger: 5 },
    { resourceType: 'Observation', id: 'o2', status: 'final', code: { text: 'TOKS' }, subject: ref('Patient', 'p4'), effectiveDateTime: minutesAgo(30), valueInteger: 0 },
  );
  return s;
}
