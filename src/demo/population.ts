/**
 * `generateDemoPopulation`: a transaction Bundle of a small synthetic Danish population (Demo
 * Sygehus, its clinicians, patients with encounters, diagnoses, vital signs, lab results and
 * allergies). Pure: the same seed, size and reference instant give the same Bundle. Every entry is
 * a POST with a urn:uuid fullUrl and references use those, so it loads through the transaction
 * endpoint; the hospital and clinicians are conditional creates on their identifiers.
 */
import type { Bundle, BundleEntry, Resource } from '@medplum/fhirtypes';
import { demoAllergy } from './allergy.ts';
import { ALLERGENS, DIAGNOSES, LAB_TESTS, VITALS, type EncounterClass } from './catalog.ts';
import { demoCondition } from './condition.ts';
import { daysBefore, hoursBefore } from './dates.ts';
import { demoEncounter } from './encounter.ts';
import { bloodPressure, labResult, vitalSign, type ObservationContext } from './observation.ts';
import { demoOrganization, demoPractitioners } from './organization.ts';
import { demoPatient } from './patient.ts';
import { createRandom, type Random } from './random.ts';
import { DEMO_UNITS, demoUnit, demoUnitQuery, type DemoUnitCode } from './units.ts';

export interface DemoPopulationOptions {
  readonly seed: number;
  readonly patients: number;
  /** The instant the data is relative to (encounters in the past 3 years, current admissions). Default 2025-01-15T08:00:00Z. */
  readonly now?: Date;
}

const DEFAULT_NOW = new Date('2025-01-15T08:00:00Z');
/** Where current admissions go, in turn; past contacts were at the somatic units. */
const ADMITTING_UNITS: readonly DemoUnitCode[] = ['MED1', 'MED2', 'KIR', 'PSY', 'MED1'];
const SOMATIC_UNITS: readonly DemoUnitCode[] = ['MED1', 'MED2', 'KIR'];
/** Acute diagnoses for emergency and inpatient contacts. */
const ACUTE = DIAGNOSES.filter((d) => ['DJ189', 'DN390', 'DI489', 'DI509'].includes(d.code));
const CHRONIC = DIAGNOSES.filter((d) => !['DJ189', 'DN390'].includes(d.code));

class BundleBuilder {
  readonly entries: BundleEntry[] = [];
  constructor(private readonly rnd: Random) {}
  add(resource: Resource, ifNoneExist?: string): string {
    const fullUrl = `urn:uuid:${this.rnd.uuid()}`;
    this.entries.push({ fullUrl, resource, request: { method: 'POST', url: resource.resourceType, ...(ifNoneExist ? { ifNoneExist } : {}) } });
    return fullUrl;
  }
}

export function generateDemoPopulation(options: DemoPopulationOptions): Bundle {
  const rnd = createRandom(options.seed);
  const now = options.now ?? DEFAULT_NOW;
  const b = new BundleBuilder(rnd);

  const organization = demoOrganization();
  const orgRef = b.add(organization, `identifier=${organization.identifier![0]!.system}|${organization.identifier![0]!.value}`);
  const unitRefs = new Map<DemoUnitCode, string>(DEMO_UNITS.map((u) => [u.code, b.add(demoUnit(u, orgRef), demoUnitQuery(u.code))]));
  const unitName = new Map<string, string>(DEMO_UNITS.map((u) => [unitRefs.get(u.code)!, u.name]));
  const practitionerRefs = demoPractitioners().map((p) => b.add(p, `identifier=${p.identifier![0]!.system}|${p.identifier![0]!.value}`));

  for (let i = 0; i < options.patients; i++) {
    const patientRef = b.add(demoPatient(rnd, orgRef));
    const doctor = () => rnd.pick(practitionerRefs.slice(0, 3));
    const nurse = () => rnd.pick(practitionerRefs.slice(3));

    // Chronic problems, diagnosed years ago.
    const chronic = new Set<(typeof CHRONIC)[number]>();
    for (let n = rnd.int(0, 3); chronic.size < n; ) chronic.add(rnd.pick(CHRONIC));
    for (const diagnosis of chronic) {
      const onset = daysBefore(now, rnd.int(400, 5000));
      b.add(demoCondition({ diagnosis, kind: 'problem-list-item', patientRef, practitionerRef: doctor(), onset, recorded: onset }));
    }
    if (rnd.chance(0.15)) b.add(demoAllergy(rnd.pick(ALLERGENS), patientRef, doctor(), daysBefore(now, rnd.int(100, 3000))));

    // Past contacts, then for some patients a current admission.
    const contacts: { cls: EncounterClass; startHoursAgo: number; hours?: number }[] = [];
    for (let n = rnd.int(1, 3); n > 0; n--) {
      const roll = rnd.next();
      const cls: EncounterClass = roll < 0.7 ? 'AMB' : roll < 0.85 ? 'EMER' : 'IMP';
      const hours = cls === 'AMB' ? 1 : cls === 'EMER' ? rnd.int(3, 10) : rnd.int(48, 240);
      contacts.push({ cls, startHoursAgo: rnd.int(30, 1095) * 24, hours });
    }
    contacts.sort((a, c) => c.startHoursAgo - a.startHoursAgo);
    // Every other patient is admitted now, to the wards in turn (so each ward has patients on its board).
    if (i % 2 === 0) contacts.push({ cls: 'IMP', startHoursAgo: rnd.int(6, 72) });
    const currentUnit = ADMITTING_UNITS[(i / 2) % ADMITTING_UNITS.length]!;

    for (const contact of contacts) {
      const start = hoursBefore(now, contact.startHoursAgo);
      const end = contact.hours !== undefined ? hoursBefore(now, contact.startHoursAgo - contact.hours) : undefined;
      const encounterRef = `urn:uuid:${rnd.uuid()}`;
      const diagnosisRefs: string[] = [];
      if (contact.cls !== 'AMB') {
        const diagnosis = rnd.pick(ACUTE);
        diagnosisRefs.push(
          b.add(
            demoCondition({ diagnosis, kind: 'encounter-diagnosis', patientRef, encounterRef, practitionerRef: doctor(), onset: start, recorded: start, resolved: end !== undefined && diagnosis.code !== 'DI489' && diagnosis.code !== 'DI509' }),
          ),
        );
      }
      const unit = unitRefs.get(end ? (contact.cls === 'EMER' ? 'AKM' : rnd.pick(SOMATIC_UNITS)) : currentUnit)!;
      const encounter = demoEncounter({ cls: contact.cls, patientRef, organizationRef: unit, organizationName: unitName.get(unit)!, practitionerRef: doctor(), start, ...(end ? { end } : {}), diagnosisRefs });
      b.entries.push({ fullUrl: encounterRef, resource: encounter, request: { method: 'POST', url: 'Encounter' } });

      // Vital signs: one set at the start; for a current admission every 8 hours, the latest an hour ago (at most 6 sets).
      const setsHoursAgo = end ? [contact.startHoursAgo - 0.5] : [41, 33, 25, 17, 9, 1].filter((h) => h < contact.startHoursAgo);
      for (const hoursAgo of setsHoursAgo) {
        const ctx: ObservationContext = { patientRef, encounterRef, practitionerRef: nurse(), effective: hoursBefore(now, hoursAgo) };
        for (const sign of Object.values(VITALS)) b.add(vitalSign(rnd, sign, ctx));
        b.add(bloodPressure(rnd, ctx));
      }
      // Laboratory results for acute contacts.
      if (contact.cls !== 'AMB') {
        const ctx: ObservationContext = { patientRef, encounterRef, practitionerRef: doctor(), effective: hoursBefore(now, contact.startHoursAgo - 1) };
        for (const test of LAB_TESTS) b.add(labResult(rnd, test, ctx));
      } else if (rnd.chance(0.5)) {
        b.add(labResult(rnd, LAB_TESTS[0], { patientRef, encounterRef, practitionerRef: doctor(), effective: hoursBefore(now, contact.startHoursAgo - 0.5) }));
      }
    }
  }
  return { resourceType: 'Bundle', type: 'transaction', entry: b.entries };
}
