/**
 * The demo patients' course outside the hospital, added after the rest of the population: the GP's
 * referral letter before most ward stays, the municipality's home-care report for some elderly
 * inpatients, the ward's discharge message to the GP after past inpatient stays, and PRO answers
 * for a few. It reads the population already built (patients, problems, allergies, medication, stays)
 * so it can state nothing the structured record contradicts, and draws from its own seeded stream so
 * every earlier entry, id and draw of the demo stays as it was.
 *
 * The one deliberate contradiction (CONFLICT_PATIENT): the first MED1 inpatient with a recorded drug
 * allergy gets a letter saying "Ingen kendte allergier.", so Overblik shows its conflict flag.
 */
import type { AllergyIntolerance, BundleEntry, Condition, Encounter, MedicationStatement, Organization, Patient, Practitioner } from '@medplum/fhirtypes';
import { danishDay } from '../logistics/domain/index.ts';
import { STAY_KIND_SYSTEM, StayKind } from '../logistics/model.ts';
import { BundleBuilder } from './bundle-builder.ts';
import { dischargeMessage, homeCareMessage } from './care-messages.ts';
import type { Named } from './demo-context.ts';
import { hoursBefore } from './dates.ts';
import { PrimaryCare } from './primary-care.ts';
import { healthAnswers, healthQuestionnaire, HEALTH_QUESTIONNAIRE_URL } from './pro-answers.ts';
import { createRandom } from './random.ts';
import { referralLetter, referralText } from './referral-letter.ts';
import { DEMO_UNIT_SYSTEM } from './units.ts';

/**
 * This content's own stream: mulberry32's state walks one cycle of 2^32 steps, and seed + 2^31 (the
 * top bit flipped) starts half a cycle away, so its draws (and ids) never meet the main stream's.
 */
export const crossSectorSeed = (seed: number): number => (seed ^ 0x80000000) >>> 0;

/** Who gets the deliberate GP-letter-versus-record allergy conflict. */
export const CONFLICT_PATIENT = 'the first MED1 inpatient with an AllergyIntolerance' as const;

const HOUR = 3_600_000;
const WARD_UNITS = new Set(['MED1', 'MED2', 'KIR', 'PSY']);
/** Drugs the hospital starts at admission, not the GP's list: antibacterials, low-molecular heparin, systemic corticosteroids. */
const STARTED_IN_HOSPITAL = /^(J01|B01AB|H02)/;

/** "14.01.2025": the calendar date in Denmark, as a letter writes it. */
const danishDate = (iso: string) => danishDay(new Date(iso)).split('-').reverse().join('.');
const withoutUns = (display: string) => display.replace(/\s+UNS$/u, '');
const codeOf = (c: { coding?: { code?: string }[] } | undefined) => c?.coding?.[0]?.code;

/** One patient's record as built: what the new content is derived from. */
interface PatientRecord {
  readonly ref: string;
  readonly patient: Patient;
  readonly allergies: AllergyIntolerance[];
  readonly conditions: Map<string, Condition>;
  readonly medication: MedicationStatement[];
  readonly encounters: { ref: string; encounter: Encounter }[];
}

function readRecords(entries: readonly BundleEntry[]) {
  const records = new Map<string, PatientRecord>();
  const units = new Map<string, Named & { code: string }>();
  const practitioners = new Map<string, string>();
  const patientOf = (ref: string | undefined) => (ref ? records.get(ref) : undefined);
  for (const { fullUrl, resource } of entries) {
    if (!fullUrl || !resource) continue;
    switch (resource.resourceType) {
      case 'Patient':
        records.set(fullUrl, { ref: fullUrl, patient: resource, allergies: [], conditions: new Map(), medication: [], encounters: [] });
        break;
      case 'Organization': {
        const code = (resource as Organization).identifier?.find((i) => i.system === DEMO_UNIT_SYSTEM)?.value;
        if (code) units.set(fullUrl, { ref: fullUrl, name: resource.name ?? code, code });
        break;
      }
      case 'Practitioner':
        practitioners.set(fullUrl, (resource as Practitioner).name?.[0]?.text ?? 'Lægen');
        break;
      case 'AllergyIntolerance':
        patientOf(resource.patient.reference)?.allergies.push(resource);
        break;
      case 'Condition':
        patientOf(resource.subject.reference)?.conditions.set(fullUrl, resource);
        break;
      case 'MedicationStatement':
        patientOf(resource.subject.reference)?.medication.push(resource);
        break;
      case 'Encounter':
        patientOf(resource.subject?.reference)?.encounters.push({ ref: fullUrl, encounter: resource });
        break;
    }
  }
  return { records, units, practitioners };
}

const isCompanion = (e: Encounter) => (e.type ?? []).some((t) => t.coding?.some((c) => c.system === STAY_KIND_SYSTEM && c.code === StayKind.companion));
const ageAt = (birthDate: string | undefined, at: string) => (birthDate ? Number(at.slice(0, 4)) - Number(birthDate.slice(0, 4)) : 0);
const nameOf = (p: Patient) => `${(p.name?.[0]?.given ?? []).join(' ')} ${p.name?.[0]?.family ?? ''}`.trim();
const allergyText = (a: AllergyIntolerance) => {
  // "Nældeudslæt" for the catalogue's "Nældefeber": the same reaction, without the word the fever question looks for.
  const reaction = a.reaction?.[0]?.manifestation[0]?.text?.replace(/nældefeber/iu, 'nældeudslæt');
  return `${a.code?.text ?? a.code?.coding?.[0]?.display ?? 'ukendt stof'}${reaction ? ` (${reaction.toLocaleLowerCase('da')})` : ''}`;
};

export interface CrossSectorSummary {
  readonly letters: number;
  readonly homeCareMessages: number;
  readonly dischargeMessages: number;
  readonly proAnswers: number;
  /** The Patient fullUrl whose GP letter contradicts the allergy record on purpose, if any. */
  readonly conflictPatientRef?: string;
}

/** The new entries (to append to the population's), from the entries built so far. */
export function crossSectorEntries(entries: readonly BundleEntry[], options: { seed: number; now: Date }): { entries: BundleEntry[]; summary: CrossSectorSummary } {
  const rnd = createRandom(crossSectorSeed(options.seed));
  const b = new BundleBuilder(rnd);
  const primary = new PrimaryCare(b, rnd);
  const { records, units, practitioners } = readRecords(entries);
  const nowIso = options.now.toISOString();
  let questionnaireAdded = false;
  let conflictPatientRef: string | undefined;
  const counts = { letters: 0, homeCareMessages: 0, dischargeMessages: 0, proAnswers: 0 };

  for (const record of records.values()) {
    const { patient, ref: patientRef } = record;
    const postalCode = patient.address?.[0]?.postalCode ?? '8000';
    const patientName = nameOf(patient);

    // The current ward stay (not a companion's) and its diagnosis.
    const current = record.encounters.find(({ encounter: e }) => (e.status === 'in-progress' || e.status === 'onleave') && WARD_UNITS.has(units.get(e.serviceProvider?.reference ?? '')?.code ?? '') && !isCompanion(e));
    const diagnosis = current && record.conditions.get(current.encounter.diagnosis?.[0]?.condition.reference ?? '');
    if (current && diagnosis) {
      const stay = current.encounter;
      const unit = units.get(stay.serviceProvider!.reference!)!;
      const start = stay.period!.start!;
      const startMs = Date.parse(start);
      const diagnosisCode = codeOf(diagnosis.code) ?? '';
      const psychiatric = unit.code === 'PSY';

      // The GP's referral letter: hours before an acute stay, days before a psychiatric one, weeks before planned surgery.
      if (rnd.chance(0.85)) {
        const practice = primary.practiceFor(postalCode);
        const hoursEarlier = diagnosisCode === 'DK409' ? rnd.int(14, 40) * 24 : psychiatric ? rnd.int(2, 12) * 24 : diagnosisCode === 'DD649' ? rnd.int(3, 9) * 24 : rnd.int(2, 20);
        const date = new Date(startMs - hoursEarlier * HOUR).toISOString().replace('.000Z', 'Z');
        const statesNoAllergies = !conflictPatientRef && unit.code === 'MED1' && record.allergies.length > 0;
        if (statesNoAllergies) conflictPatientRef = patientRef;
        const facts = {
          patientRef,
          patientName,
          gender: patient.gender === 'male' ? ('male' as const) : ('female' as const),
          age: ageAt(patient.birthDate, date),
          birthDate: patient.birthDate ? danishDate(`${patient.birthDate}T12:00:00Z`) : '',
          diagnosisCode,
          diagnosis: withoutUns(diagnosis.code?.text ?? ''),
          unitName: unit.name,
          problems: [...record.conditions.values()]
            .filter((c) => codeOf(c.category?.[0]) === 'problem-list-item' && codeOf(c.clinicalStatus) === 'active')
            .map((c) => withoutUns(c.code?.text ?? '')),
          medication: record.medication
            .filter((m) => !STARTED_IN_HOSPITAL.test(m.medicationCodeableConcept?.coding?.[0]?.code ?? ''))
            .map((m) => m.dosage?.[0]?.text ?? m.medicationCodeableConcept?.text ?? ''),
          allergies: record.allergies.map(allergyText),
          statesNoAllergies,
          date,
          dateText: danishDate(date),
        };
        b.add(referralLetter(facts, practice, referralText(facts, practice, rnd)));
        counts.letters++;
      }

      // The home care's report on an elderly citizen, a few hours after admission (never in the future).
      if (!psychiatric && ageAt(patient.birthDate, nowIso) >= 65 && rnd.chance(0.7)) {
        const sentMs = Math.min(startMs + rnd.int(1, 6) * HOUR, options.now.getTime() - 0.5 * HOUR);
        const sent = hoursBefore(options.now, (options.now.getTime() - sentMs) / HOUR);
        b.add(homeCareMessage({ patientRef, encounterRef: current.ref, homeCare: primary.homeCareFor(postalCode), unit, sent, patientName }, rnd));
        counts.homeCareMessages++;
      }

      // PRO answers a few days before the stay.
      if (rnd.chance(0.2)) {
        if (!questionnaireAdded) {
          b.add(healthQuestionnaire(), `url=${HEALTH_QUESTIONNAIRE_URL}`);
          questionnaireAdded = true;
        }
        const authored = new Date(startMs - rnd.int(3, 14) * 24 * HOUR - rnd.int(1, 10) * HOUR).toISOString().replace('.000Z', 'Z');
        b.add(healthAnswers({ patientRef, diagnosisCode, psychiatric, authored }, rnd));
        counts.proAnswers++;
      }
    }

    // The ward's message to the GP after each past inpatient stay.
    for (const { ref: encounterRef, encounter } of record.encounters) {
      if (encounter.status !== 'finished' || encounter.class.code !== 'IMP' || !encounter.period?.end) continue;
      const unit = units.get(encounter.serviceProvider?.reference ?? '');
      const stayDiagnosis = record.conditions.get(encounter.diagnosis?.[0]?.condition.reference ?? '');
      if (!unit || !stayDiagnosis) continue;
      b.add(dischargeMessage({
        patientRef,
        encounterRef,
        unit,
        practice: primary.practiceFor(postalCode),
        sent: encounter.period.end,
        patientName,
        diagnosis: withoutUns(stayDiagnosis.code?.text ?? ''),
        period: `${danishDate(encounter.period.start!)}–${danishDate(encounter.period.end)}`,
        doctorName: practitioners.get(encounter.participant?.[0]?.individual?.reference ?? '') ?? 'Afdelingens læge',
      }, rnd));
      counts.dischargeMessages++;
    }
  }
  return { entries: b.entries, summary: { ...counts, ...(conflictPatientRef ? { conflictPatientRef } : {}) } };
}
