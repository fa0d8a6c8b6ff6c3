/**
 * `generateDemoPopulation`: a transaction Bundle of a synthetic Danish population at a living Demo
 * Sygehus: the hospital, its units and clinicians, its wards, rooms and beds (hospital-places.ts),
 * and patients with a history (history.ts) of whom most are there now: admitted to a ward
 * (admissions.ts), on their way in, or in the emergency department (emergency.ts), with the wards'
 * service tasks and a transfer under way (ward-tasks.ts), and their course with the GP and the
 * municipality (cross-sector.ts). Who is where is planned in stay-plan.ts.
 *
 * Pure: the same seed, size and reference instant give the same Bundle, and every timestamp is
 * relative to `now`. Every entry is a POST with a urn:uuid fullUrl and references use those, so it
 * loads through the transaction endpoint; the hospital, units and clinicians are conditional creates
 * on their identifiers.
 */
import type { Bundle } from '@medplum/fhirtypes';
import { addBedMonitors } from './bed-monitors.ts';
import { addIncomingStay, addWardStay, type AdmittedStay } from './admissions.ts';
import { BundleBuilder } from './bundle-builder.ts';
import { crossSectorEntries } from './cross-sector.ts';
import type { Named, StayContext } from './demo-context.ts';
import { addEmergencyStay, ED_CASES } from './emergency.ts';
import { addPatientHistory } from './history.ts';
import { addHospitalPlaces, hospitalLayout } from './hospital-places.ts';
import { demoOrganization, demoPractitioners } from './organization.ts';
import { demoPatient } from './patient.ts';
import { createRandom } from './random.ts';
import { planHospital } from './stay-plan.ts';
import { DEMO_UNITS, demoUnit, demoUnitQuery, type DemoUnitCode } from './units.ts';
import { addWardTasks } from './ward-tasks.ts';

export interface DemoPopulationOptions {
  readonly seed: number;
  /**
   * How many patients. The first ~90 (in stay-plan.ts's order) are in the hospital now: ~80 on the
   * wards or on their way in, 8 in the emergency department; the rest only have a history.
   */
  readonly patients: number;
  /** The instant the data is relative to (past contacts in the past 3 years, the current stays). Default 2025-01-15T08:00:00Z. */
  readonly now?: Date;
}

const DEFAULT_NOW = new Date('2025-01-15T08:00:00Z');
const identifierQuery = (r: { identifier?: { system?: string; value?: string }[] }) => `identifier=${r.identifier![0]!.system}|${r.identifier![0]!.value}`;

export function generateDemoPopulation(options: DemoPopulationOptions): Bundle {
  const rnd = createRandom(options.seed);
  const now = options.now ?? DEFAULT_NOW;
  const b = new BundleBuilder(rnd);

  const organization = demoOrganization();
  const orgRef = b.add(organization, identifierQuery(organization));
  const units = new Map<DemoUnitCode, Named>(DEMO_UNITS.map((u) => [u.code, { ref: b.add(demoUnit(u, orgRef), demoUnitQuery(u.code)), name: u.name }]));
  const practitioners = demoPractitioners().map((p): Named => ({ ref: b.add(p, identifierQuery(p)), name: p.name![0]!.text! }));

  const layout = hospitalLayout();
  const plan = planHospital(rnd, layout, options.patients);
  const places = addHospitalPlaces(b, {
    layout,
    hospitalRef: orgRef,
    unitRefs: new Map([...units].map(([code, u]) => [code, u.ref])),
    statusOf: (key) => plan.bedStatus.get(key) ?? 'U',
  });
  addBedMonitors(b, layout, (key) => places.places.get(key)!.ref);
  const ctx: StayContext = { b, rnd, now, units, places, practitioners };

  const admitted: AdmittedStay[] = [];
  for (let i = 0; i < options.patients; i++) {
    const patient = demoPatient(rnd, orgRef);
    const patientRef = b.add(patient);
    const { allergy } = addPatientHistory(ctx, patientRef);
    const stay = plan.stays[i];
    if (stay?.kind === 'ward') admitted.push(addWardStay(ctx, { ref: patientRef, resource: patient, ...(allergy ? { allergy } : {}) }, stay));
    else if (stay?.kind === 'incoming') addIncomingStay(ctx, patientRef, stay);
    else if (stay?.kind === 'emergency') addEmergencyStay(ctx, patientRef, ED_CASES[stay.edCase]!);
  }
  addWardTasks(ctx, admitted, plan.cleaning);
  // Last, from its own seeded stream: everything above keeps its ids and draws.
  b.entries.push(...crossSectorEntries(b.entries, { seed: options.seed, now }).entries);
  return { resourceType: 'Bundle', type: 'transaction', entry: b.entries };
}
