/**
 * A demo patient's past: chronic problems diagnosed years ago, sometimes a drug allergy, and one to
 * three finished contacts (ambulatory, emergency at AKM, inpatient at a somatic ward) in the past
 * three years, each with a vital-signs set and, for acute contacts, an encounter diagnosis and labs.
 */
import { demoAllergy } from './allergy.ts';
import { ALLERGENS, DIAGNOSES, LAB_TESTS, type EncounterClass } from './catalog.ts';
import { demoCondition } from './condition.ts';
import { daysBefore, hoursBefore } from './dates.ts';
import type { StayContext } from './demo-context.ts';
import { demoEncounter } from './encounter.ts';
import { labResult } from './observation.ts';
import { addVitalSet } from './admissions.ts';
import type { DemoUnitCode } from './units.ts';

const SOMATIC_UNITS: readonly DemoUnitCode[] = ['MED1', 'MED2', 'KIR'];
/** Acute diagnoses for emergency and inpatient contacts. */
const ACUTE = DIAGNOSES.filter((d) => ['DJ189', 'DN390', 'DI489', 'DI509'].includes(d.code));
const CHRONIC = DIAGNOSES.filter((d) => !['DJ189', 'DN390'].includes(d.code));

/** Adds the patient's history; returns the drug they are allergic to, if any. */
export function addPatientHistory(ctx: StayContext, patientRef: string): { readonly allergy?: string } {
  const { b, rnd, now } = ctx;
  const doctor = () => rnd.pick(ctx.practitioners.slice(0, 3)).ref;
  const nurse = () => rnd.pick(ctx.practitioners.slice(3)).ref;

  const chronic = new Set<(typeof CHRONIC)[number]>();
  for (let n = rnd.int(0, 3); chronic.size < n; ) chronic.add(rnd.pick(CHRONIC));
  for (const diagnosis of chronic) {
    const onset = daysBefore(now, rnd.int(400, 5000));
    b.add(demoCondition({ diagnosis, kind: 'problem-list-item', patientRef, practitionerRef: doctor(), onset, recorded: onset }));
  }
  const allergen = rnd.chance(0.15) ? rnd.pick(ALLERGENS) : undefined;
  if (allergen) b.add(demoAllergy(allergen, patientRef, doctor(), daysBefore(now, rnd.int(100, 3000))));

  const contacts: { cls: EncounterClass; startHoursAgo: number; hours: number }[] = [];
  for (let n = rnd.int(1, 3); n > 0; n--) {
    const roll = rnd.next();
    const cls: EncounterClass = roll < 0.7 ? 'AMB' : roll < 0.85 ? 'EMER' : 'IMP';
    const hours = cls === 'AMB' ? 1 : cls === 'EMER' ? rnd.int(3, 10) : rnd.int(48, 240);
    contacts.push({ cls, startHoursAgo: rnd.int(30, 1095) * 24, hours });
  }
  contacts.sort((a, c) => c.startHoursAgo - a.startHoursAgo);

  for (const contact of contacts) {
    const start = hoursBefore(now, contact.startHoursAgo);
    const end = hoursBefore(now, contact.startHoursAgo - contact.hours);
    const encounterRef = b.reserve();
    const diagnosisRefs: string[] = [];
    if (contact.cls !== 'AMB') {
      const diagnosis = rnd.pick(ACUTE);
      const chronicDiagnosis = diagnosis.code === 'DI489' || diagnosis.code === 'DI509';
      diagnosisRefs.push(b.add(demoCondition({ diagnosis, kind: 'encounter-diagnosis', patientRef, encounterRef, practitionerRef: doctor(), onset: start, recorded: start, resolved: !chronicDiagnosis })));
    }
    const unit = ctx.units.get(contact.cls === 'EMER' ? 'AKM' : rnd.pick(SOMATIC_UNITS))!;
    b.addAt(encounterRef, demoEncounter({ cls: contact.cls, patientRef, organizationRef: unit.ref, organizationName: unit.name, practitionerRef: doctor(), start, end, diagnosisRefs }));

    addVitalSet(ctx, patientRef, encounterRef, nurse(), hoursBefore(now, contact.startHoursAgo - 0.5));
    if (contact.cls !== 'AMB') {
      const effective = hoursBefore(now, contact.startHoursAgo - 1);
      for (const test of LAB_TESTS) b.add(labResult(rnd, test, { patientRef, encounterRef, practitionerRef: doctor(), effective }));
    } else if (rnd.chance(0.5)) {
      b.add(labResult(rnd, LAB_TESTS[0], { patientRef, encounterRef, practitionerRef: doctor(), effective: hoursBefore(now, contact.startHoursAgo - 0.5) }));
    }
  }
  return allergen ? { allergy: allergen.display } : {};
}
