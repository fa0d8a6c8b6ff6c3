/** What the generators of current stays and tasks share: the Bundle, the seeded generator, `now`, the units, places and clinicians. */
import type { BundleBuilder } from './bundle-builder.ts';
import type { HospitalPlaces } from './hospital-places.ts';
import type { Random } from './random.ts';
import type { DemoUnitCode } from './units.ts';

export interface Named {
  readonly ref: string;
  readonly name: string;
}

export interface StayContext {
  readonly b: BundleBuilder;
  readonly rnd: Random;
  readonly now: Date;
  readonly units: ReadonlyMap<DemoUnitCode, Named>;
  readonly places: HospitalPlaces;
  /** The population's clinicians in order: demo-1 Karen Holm, demo-2 Mikkel Dahl, demo-3 Sofie Bech (doctors), demo-4 Jonas Krogh, demo-5 Line Skov (nurses). */
  readonly practitioners: readonly Named[];
}

/**
 * Who looks after a unit's patients (indexes into StayContext.practitioners). Karen Holm and Line
 * Skov, the MED1 demo logins, are on MED1 teams only, so they have no care relation to patients of
 * other wards (the KIR patient login is reached from MED1 by break-the-glass only).
 */
const STAFF: Readonly<Record<DemoUnitCode, { readonly doctors: readonly number[]; readonly nurses: readonly number[] }>> = {
  AKM: { doctors: [2, 1], nurses: [3] },
  MED1: { doctors: [0, 2], nurses: [4, 3] },
  MED2: { doctors: [1, 2], nurses: [3] },
  KIR: { doctors: [2, 1], nurses: [3] },
  PSY: { doctors: [1], nurses: [3] },
};

export function wardStaff(ctx: Pick<StayContext, 'rnd' | 'practitioners'>, unit: DemoUnitCode): { readonly doctor: Named; readonly nurse: Named } {
  const staff = STAFF[unit];
  return { doctor: ctx.practitioners[ctx.rnd.pick(staff.doctors)]!, nurse: ctx.practitioners[ctx.rnd.pick(staff.nurses)]! };
}
