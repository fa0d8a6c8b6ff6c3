/**
 * The emergency department (AKM) now: eight contacts (Encounter class EMER, in-progress, arrived 10–300
 * minutes before `now`), triage level in Encounter.priority, the complaint in reasonCode, and the
 * process line as activity Tasks (triage, oplyst ventetid, assessments, treatment start, plan) whose
 * executionPeriods meet the regional targets (triage 30 min, treatment 1 h, plan 4 h) for some
 * contacts and breach them for others.
 */
import type { Encounter, EncounterLocation } from '@medplum/fhirtypes';
import { TaskKind, TaskStatus, TRIAGE_SYSTEM, Triage } from '../logistics/model.ts';
import { VITALS } from './catalog.ts';
import { minutesBefore } from './dates.ts';
import { wardStaff, type StayContext } from './demo-context.ts';
import { demoEncounter } from './encounter.ts';
import { physicalType } from './hospital-places.ts';
import { logisticsTask } from './logistics-tasks.ts';
import { bloodPressure, vitalSign } from './observation.ts';

/** One activity of the process line; minutes after arrival. */
export interface EdActivitySpec {
  readonly kind: TaskKind;
  readonly status: TaskStatus;
  /** When it was asked for (default: arrival, or a few minutes before it started). */
  readonly asked?: number;
  readonly start?: number;
  readonly end?: number;
}
export interface EdCase {
  readonly arrivedMinutesAgo: number;
  readonly complaint: string;
  readonly triage?: Triage;
  /** The AKM box (bed key); none while in the waiting room. */
  readonly box?: string;
  readonly activities: readonly EdActivitySpec[];
}

const { requested, inProgress, completed } = TaskStatus;
const done = (kind: TaskKind, start: number, end = start): EdActivitySpec => ({ kind, status: completed, start, end });

/**
 * Regional targets: triage ≤ 30 min, treatment started ≤ 60 min, plan ≤ 4 h. Breached here: triage in
 * case 3 (45 min), treatment start in case 5 (not started after 130 min) and case 6 (72 min), the plan
 * in case 7 (none after 270 min). Cases 2, 4 and 8 meet every target so far.
 */
export const ED_CASES: readonly EdCase[] = [
  { arrivedMinutesAgo: 10, complaint: 'Svimmelhed', activities: [{ kind: TaskKind.triage, status: requested, asked: 0 }] },
  {
    arrivedMinutesAgo: 25,
    complaint: 'Sår på hånden',
    triage: Triage.green,
    box: 'AKM-boks-b5',
    activities: [done(TaskKind.triage, 6, 11), done(TaskKind.waitTold, 12, 13), { kind: TaskKind.nurseAssessment, status: inProgress, start: 20 }],
  },
  {
    arrivedMinutesAgo: 50,
    complaint: 'Mavesmerter',
    triage: Triage.yellow,
    box: 'AKM-boks-b2',
    activities: [done(TaskKind.triage, 38, 45), done(TaskKind.waitTold, 46, 47), { kind: TaskKind.doctorAssessment, status: requested, asked: 47 }],
  },
  {
    arrivedMinutesAgo: 95,
    complaint: 'Åndenød',
    triage: Triage.orange,
    box: 'AKM-boks-a3',
    activities: [
      done(TaskKind.triage, 4, 9),
      done(TaskKind.waitTold, 10, 11),
      done(TaskKind.nurseAssessment, 12, 25),
      done(TaskKind.doctorAssessment, 30, 50),
      done(TaskKind.treatmentStart, 40),
      { kind: TaskKind.plan, status: inProgress, start: 70 },
    ],
  },
  {
    arrivedMinutesAgo: 130,
    complaint: 'Faldet i hjemmet, smerter i venstre hofte',
    triage: Triage.yellow,
    box: 'AKM-boks-a5',
    activities: [
      done(TaskKind.triage, 15, 22),
      done(TaskKind.waitTold, 23, 24),
      done(TaskKind.nurseAssessment, 30, 50),
      { kind: TaskKind.doctorAssessment, status: requested, asked: 50 },
    ],
  },
  {
    arrivedMinutesAgo: 200,
    complaint: 'Feber og hoste',
    triage: Triage.yellow,
    box: 'AKM-boks-a1',
    activities: [
      done(TaskKind.triage, 20, 26),
      done(TaskKind.waitTold, 27, 28),
      done(TaskKind.nurseAssessment, 35, 55),
      done(TaskKind.doctorAssessment, 70, 95),
      done(TaskKind.treatmentStart, 72),
      done(TaskKind.plan, 150, 190),
    ],
  },
  {
    arrivedMinutesAgo: 270,
    complaint: 'Hovedpine',
    triage: Triage.orange,
    box: 'AKM-boks-a6',
    activities: [
      done(TaskKind.triage, 10, 14),
      done(TaskKind.waitTold, 15, 16),
      done(TaskKind.doctorAssessment, 40, 58),
      done(TaskKind.treatmentStart, 45),
      { kind: TaskKind.plan, status: inProgress, start: 200 },
    ],
  },
  {
    arrivedMinutesAgo: 300,
    complaint: 'Brystsmerter',
    triage: Triage.red,
    box: 'AKM-traume',
    activities: [
      done(TaskKind.triage, 0, 3),
      done(TaskKind.doctorAssessment, 3, 20),
      done(TaskKind.nurseAssessment, 3, 30),
      done(TaskKind.treatmentStart, 5),
      done(TaskKind.plan, 60, 90),
      done(TaskKind.done, 120),
    ],
  },
];

const TRIAGE_DISPLAY: Record<Triage, string> = { roed: 'Rød', orange: 'Orange', gul: 'Gul', groen: 'Grøn', blaa: 'Blå' };

export interface EmergencyStay {
  readonly patientRef: string;
  readonly encounterRef: string;
}

/** Adds an emergency contact (Encounter, a vital-signs set at triage, the activity Tasks). */
export function addEmergencyStay(ctx: StayContext, patientRef: string, edCase: EdCase): EmergencyStay {
  const { b, now } = ctx;
  const unit = ctx.units.get('AKM')!;
  const staff = wardStaff(ctx, 'AKM');
  const arrival = minutesBefore(now, edCase.arrivedMinutesAgo);
  const at = (minutesAfterArrival: number) => minutesBefore(now, edCase.arrivedMinutesAgo - minutesAfterArrival);
  const box = edCase.box ? ctx.places.places.get(edCase.box)! : ctx.places.wards.get('AKM')!;
  const location: EncounterLocation = {
    location: { reference: box.ref, display: box.room ? `${box.room}, ${box.name}` : box.name },
    status: 'active',
    period: { start: arrival },
    physicalType: physicalType(box.physicalType),
  };
  const encounterRef = b.reserve();
  const encounter: Encounter = {
    ...demoEncounter({ cls: 'EMER', patientRef, organizationRef: unit.ref, organizationName: unit.name, practitionerRef: staff.doctor.ref, start: arrival }),
    ...(edCase.triage ? { priority: { coding: [{ system: TRIAGE_SYSTEM, code: edCase.triage, display: TRIAGE_DISPLAY[edCase.triage] }], text: TRIAGE_DISPLAY[edCase.triage] } } : {}),
    reasonCode: [{ text: edCase.complaint }],
    location: [location],
  };
  b.addAt(encounterRef, encounter);

  const triage = edCase.activities.find((a) => a.kind === TaskKind.triage && a.status === completed);
  if (triage?.end !== undefined) {
    const obs = { patientRef, encounterRef, practitionerRef: staff.nurse.ref, effective: at(triage.end) };
    for (const sign of Object.values(VITALS)) b.add(vitalSign(ctx.rnd, sign, obs));
    b.add(bloodPressure(ctx.rnd, obs));
  }

  for (const a of edCase.activities) {
    const asked = a.asked ?? (a.start === undefined ? 0 : Math.max(0, a.start - 5));
    b.add(
      logisticsTask({
        kind: a.kind,
        status: a.status,
        authoredOn: at(Math.min(asked, a.start ?? asked)),
        ...(a.start !== undefined ? { started: at(a.start) } : {}),
        ...(a.end !== undefined ? { ended: at(a.end) } : {}),
        patientRef,
        encounterRef,
        focusRef: encounterRef,
        locationRef: box.ref,
        locationName: box.name,
        requesterRef: unit.ref,
        requesterName: unit.name,
      }),
    );
  }
  return { patientRef, encounterRef };
}
