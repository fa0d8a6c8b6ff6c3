/**
 * Current admissions to the wards of Demo Sygehus (see ../logistics/model.ts): an in-progress
 * Encounter whose serviceProvider is the unit and whose location[] is the stay's place history
 * (active = the bed now; completed = an AKM box it came through; reserved = the bed held while the
 * patient is in theatre or on leave), the expected discharge date, a CareTeam with the responsible
 * nurse and doctor, safety Flags, pending ServiceRequests, an encounter diagnosis and vital signs.
 * Also the incoming patients ("På vej": a planned location on the ward).
 */
import type { CareTeam, Encounter, EncounterLocation, Flag, Observation, Patient } from '@medplum/fhirtypes';
import { observationCodeFor } from '../early-warning/domain/index.ts';
import { admissionNote } from './admission-note.ts';
import {
  BOARD_FLAG_SYSTEM,
  BoardFlag,
  CARE_ROLE_SYSTEM,
  CareRole,
  EXPECTED_DISCHARGE_EXTENSION,
  PhysicalType,
  STAY_KIND_SYSTEM,
  StayKind,
} from '../logistics/model.ts';
import { DAY_TREATMENT_DIAGNOSIS, DIAGNOSES, IMAGING, LAB_TESTS, PSYCHIATRIC_DIAGNOSES, SURGICAL_DIAGNOSES, VITALS, type Diagnosis } from './catalog.ts';
import { demoCondition } from './condition.ts';
import { danishDateAfter, hoursBefore } from './dates.ts';
import { wardStaff, type Named, type StayContext } from './demo-context.ts';
import { demoMeta, System } from './demo-meta.ts';
import { demoEncounter } from './encounter.ts';
import { physicalType, type PlaceRef } from './hospital-places.ts';
import { bloodPressure, labResult, vitalSign } from './observation.ts';
import { pendingServiceRequest } from './service-request.ts';
import { addStayMedication } from './stay-medication.ts';
import { StayVariant, type CurrentStay, type WardUnitCode } from './stay-plan.ts';

type WardStay = Extract<CurrentStay, { kind: 'ward' }>;
type IncomingStay = Extract<CurrentStay, { kind: 'incoming' }>;

const MEDICAL_DIAGNOSES = DIAGNOSES.filter((d) => ['DJ189', 'DN390', 'DI489', 'DI509', 'DJ449'].includes(d.code));

export interface AdmittedStay {
  readonly stay: WardStay;
  readonly patientRef: string;
  readonly encounterRef: string;
  /** The bed (or corridor place) the stay holds. */
  readonly place: PlaceRef;
  readonly unit: Named;
  readonly doctor: Named;
  readonly nurse: Named;
}

export interface AdmittedPatient {
  readonly ref: string;
  readonly resource: Patient;
  /** A drug the patient is allergic to (for a CAVE flag). */
  readonly allergy?: string;
}

/** Hours since admission, by kind of stay. */
function admittedHoursAgo(ctx: StayContext, variant: StayVariant): number {
  const { rnd } = ctx;
  switch (variant) {
    case StayVariant.dayTreatment:
      return 2.5;
    case StayVariant.corridor:
      return rnd.int(5, 9);
    case StayVariant.theatre:
      return rnd.int(14, 40);
    case StayVariant.leave:
      return rnd.int(72, 200);
    default:
      return rnd.int(9, 200);
  }
}

const diagnosisFor = (ctx: StayContext, unit: WardUnitCode, variant: StayVariant): Diagnosis =>
  variant === StayVariant.dayTreatment
    ? DAY_TREATMENT_DIAGNOSIS
    : ctx.rnd.pick(unit === 'KIR' ? SURGICAL_DIAGNOSES : unit === 'PSY' ? PSYCHIATRIC_DIAGNOSES : MEDICAL_DIAGNOSES);

const placeDisplay = (p: PlaceRef) => (p.room ? `${p.room}, ${p.name}` : p.name);
const at = (p: PlaceRef, status: EncounterLocation['status'], start: string, end?: string): EncounterLocation => ({
  location: { reference: p.ref, display: placeDisplay(p) },
  status,
  period: { start, ...(end ? { end } : {}) },
  physicalType: physicalType(p.physicalType),
});

const ageAt = (birthDate: string | undefined, now: Date) => (birthDate ? now.getUTCFullYear() - Number(birthDate.slice(0, 4)) : 0);

/** One vital-signs set (the four LOINC signs and blood pressure), with consciousness (alert) and air: a complete early-warning set. */
export function addVitalSet(ctx: StayContext, patientRef: string, encounterRef: string, practitionerRef: string, effective: string): void {
  const obs = { patientRef, encounterRef, practitionerRef, effective };
  for (const sign of Object.values(VITALS)) ctx.b.add(vitalSign(ctx.rnd, sign, obs));
  ctx.b.add(bloodPressure(ctx.rnd, obs));
  const base = (): Omit<Observation, 'code'> => ({
    resourceType: 'Observation', meta: demoMeta(), status: 'final', subject: { reference: patientRef }, encounter: { reference: encounterRef },
    effectiveDateTime: effective, performer: [{ reference: practitionerRef }],
  });
  ctx.b.add({ ...base(), ...observationCodeFor.consciousness('A') });
  ctx.b.add({ ...base(), ...observationCodeFor.supplementalOxygen(false) });
}

const FLAG_TEXT: Record<BoardFlag, string> = { isolation: 'Isolation', faldrisiko: 'Faldrisiko', cave: 'CAVE' };
const FLAG_CATEGORY: Record<BoardFlag, string> = { isolation: 'clinical', faldrisiko: 'safety', cave: 'drug' };

function boardFlag(kind: BoardFlag, text: string, patientRef: string, encounterRef: string, authorRef: string, start: string): Flag {
  return {
    resourceType: 'Flag',
    meta: demoMeta(),
    status: 'active',
    category: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/flag-category', code: FLAG_CATEGORY[kind] }] }],
    code: { coding: [{ system: BOARD_FLAG_SYSTEM, code: kind, display: FLAG_TEXT[kind] }], text },
    subject: { reference: patientRef },
    encounter: { reference: encounterRef },
    period: { start },
    author: { reference: authorRef },
  };
}

function careTeam(s: { patientRef: string; encounterRef: string; unit: Named; doctor: Named; nurse: Named; start: string }): CareTeam {
  const member = (who: Named, role: string, display: string) => ({
    role: [{ coding: [{ system: CARE_ROLE_SYSTEM, code: role, display }] }],
    member: { reference: who.ref, display: who.name },
  });
  return {
    resourceType: 'CareTeam',
    meta: demoMeta(),
    status: 'active',
    name: `Plejeteam, ${s.unit.name}`,
    subject: { reference: s.patientRef },
    encounter: { reference: s.encounterRef },
    period: { start: s.start },
    participant: [member(s.nurse, CareRole.responsibleNurse, 'Ansvarlig sygeplejerske'), member(s.doctor, CareRole.responsibleDoctor, 'Ansvarlig læge')],
    managingOrganization: [{ reference: s.unit.ref, display: s.unit.name }],
  };
}

/** Adds a current ward stay with everything the ward board shows about it. */
export function addWardStay(ctx: StayContext, patient: AdmittedPatient, stay: WardStay): AdmittedStay {
  const { b, rnd, now } = ctx;
  const unit = ctx.units.get(stay.unit)!;
  const { doctor, nurse } = wardStaff(ctx, stay.unit);
  const place = ctx.places.places.get(stay.place)!;
  const patientRef = patient.ref;
  const companion = stay.variant === StayVariant.companion;
  const hoursAgo = admittedHoursAgo(ctx, stay.variant);
  const start = hoursBefore(now, hoursAgo);
  const encounterRef = b.reserve();

  const diagnosis = companion ? undefined : diagnosisFor(ctx, stay.unit, stay.variant);
  const diagnosisRefs = diagnosis
    ? [b.add(demoCondition({ diagnosis, kind: 'encounter-diagnosis', patientRef, encounterRef, practitionerRef: doctor.ref, onset: start, recorded: start }))]
    : [];

  // Where the patient has been and is: through an AKM box, then the bed (held while in theatre or on leave).
  const location: EncounterLocation[] = [];
  let inBedSince = start;
  if (stay.viaAkm) {
    inBedSince = hoursBefore(now, hoursAgo - 3);
    location.push(at(ctx.places.places.get(stay.viaAkm)!, 'completed', start, inBedSince));
  }
  const away = stay.variant === StayVariant.theatre || stay.variant === StayVariant.leave;
  location.push(at(place, away ? 'reserved' : 'active', inBedSince));
  const theatreSince = hoursBefore(now, 1.5);
  if (stay.awayAt) location.push(at(ctx.places.places.get(stay.awayAt)!, 'active', theatreSince));
  const leaveSince = hoursBefore(now, 5);

  const stayKind = companion ? StayKind.companion : stay.variant === StayVariant.dayTreatment ? StayKind.dayTreatment : undefined;
  const dischargeInDays =
    stay.variant === StayVariant.dayTreatment ? 0 : companion ? undefined : stay.unit === 'PSY' && rnd.chance(0.5) ? undefined : rnd.chance(0.9) ? rnd.int(0, 6) : undefined;
  const encounter: Encounter = {
    ...demoEncounter({
      cls: stay.variant === StayVariant.dayTreatment ? 'AMB' : 'IMP',
      patientRef,
      organizationRef: unit.ref,
      organizationName: unit.name,
      practitionerRef: doctor.ref,
      start,
      diagnosisRefs,
    }),
    ...(dischargeInDays !== undefined ? { extension: [{ url: EXPECTED_DISCHARGE_EXTENSION, valueDateTime: danishDateAfter(now, dischargeInDays) }] } : {}),
    ...(stay.variant === StayVariant.leave
      ? {
          status: 'onleave',
          statusHistory: [
            { status: 'in-progress', period: { start, end: leaveSince } },
            { status: 'onleave', period: { start: leaveSince } },
          ],
        }
      : {}),
    ...(stayKind ? { type: [{ coding: [{ system: STAY_KIND_SYSTEM, code: stayKind, display: companion ? 'Ledsager' : 'Dagbehandling' }] }] } : {}),
    ...(companion ? { reasonCode: [{ text: 'Ledsager til ægtefælle' }] } : stay.variant === StayVariant.dayTreatment ? { reasonCode: [{ text: 'Blodtransfusion' }] } : {}),
    location,
  };
  b.addAt(encounterRef, encounter);
  const admitted: AdmittedStay = { stay, patientRef, encounterRef, place, unit, doctor, nurse };
  if (companion) return admitted;

  b.add(careTeam({ patientRef, encounterRef, unit, doctor, nurse, start }));
  if (diagnosis) b.add(admissionNote({ patientRef, encounterRef, doctorRef: doctor.ref, doctorName: doctor.name, diagnosis: diagnosis.display, unit: stay.unit, date: start }));
  if (diagnosis) addStayMedication(ctx, { patientRef, encounterRef, doctorRef: doctor.ref, doctorName: doctor.name, diagnosisCode: diagnosis.code, unit: stay.unit, hoursAgo });

  // Vital signs: the full series (every 8 hours, the latest an hour ago) for some stays, else only the latest set.
  const lastBefore = stay.variant === StayVariant.theatre ? 2 : stay.variant === StayVariant.leave ? 6 : 0;
  const sets = stay.fullObservations ? [41, 33, 25, 17, 9, 1].map((h) => h + lastBefore).filter((h) => h < hoursAgo) : [Math.min(lastBefore + 0.5 + rnd.int(0, 16) / 2, hoursAgo - 0.25)];
  for (const h of sets) addVitalSet(ctx, patientRef, encounterRef, nurse.ref, hoursBefore(now, h));
  if (stay.fullObservations) {
    const effective = hoursBefore(now, hoursAgo - 1);
    for (const test of LAB_TESTS) b.add(labResult(rnd, test, { patientRef, encounterRef, practitionerRef: doctor.ref, effective }));
  }

  // Safety flags.
  const age = ageAt(patient.resource.birthDate, now);
  if (rnd.chance(0.06)) b.add(boardFlag(BoardFlag.isolation, rnd.pick(['Kontaktisolation (MRSA)', 'Kontaktisolation (ESBL)', 'Dråbeisolation (influenza)']), patientRef, encounterRef, nurse.ref, start));
  if (stay.unit !== 'PSY' && (age >= 75 ? rnd.chance(0.5) : rnd.chance(0.05))) b.add(boardFlag(BoardFlag.fallRisk, 'Faldrisiko', patientRef, encounterRef, nurse.ref, start));
  if (patient.allergy && rnd.chance(0.7)) b.add(boardFlag(BoardFlag.cave, `CAVE: ${patient.allergy}`, patientRef, encounterRef, doctor.ref, start));

  // Pending orders.
  if (rnd.chance(0.25)) {
    const authoredOn = hoursBefore(now, Math.min(hoursAgo - 0.25, rnd.int(1, 6)));
    if (rnd.chance(0.6)) {
      const test = rnd.pick(LAB_TESTS);
      b.add(pendingServiceRequest({ kind: 'laboratory', text: test.display, code: { system: System.npu, code: test.code }, patientRef, encounterRef, requesterRef: doctor.ref, authoredOn }));
    } else {
      b.add(pendingServiceRequest({ kind: 'imaging', text: rnd.pick(IMAGING), patientRef, encounterRef, requesterRef: doctor.ref, authoredOn }));
    }
  }
  return admitted;
}

/** An incoming patient ("På vej"): a planned location on the ward, Encounter planned (expected) or arrived (at the hospital). */
export function addIncomingStay(ctx: StayContext, patientRef: string, stay: IncomingStay): string {
  const unit = ctx.units.get(stay.unit)!;
  const ward = ctx.places.wards.get(stay.unit)!;
  const { doctor } = wardStaff(ctx, stay.unit);
  const start = hoursBefore(ctx.now, stay.status === 'planned' ? -0.75 : 0.3);
  const encounter: Encounter = {
    ...demoEncounter({ cls: 'IMP', patientRef, organizationRef: unit.ref, organizationName: unit.name, practitionerRef: doctor.ref, start }),
    status: stay.status,
    reasonCode: [{ text: stay.status === 'planned' ? 'Galdestenskolik, overflyttes fra andet sygehus' : 'Indlagt af egen læge: forværring af KOL' }],
    location: [{ location: { reference: ward.ref, display: ward.name }, status: 'planned', period: { start }, physicalType: physicalType(PhysicalType.ward) }],
  };
  return ctx.b.add(encounter);
}
