/** Occupancy by configurable capacity rules, shipped with the AAUH rules (Cetrea rammedokument; clinical-logistics.md §4). */
import type { BedOverview } from '../api-types.ts';
import { BedStatus, StayKind, type WardCapacity } from '../model.ts';
import { bedStatusOf, indexPlaces, wardUnitId, type Places } from './places.ts';
import { indexSnapshot, type LogisticsSnapshot } from './snapshot.ts';
import { placeStays, Whereabouts, type Placement, type Stays } from './stays.ts';

// AAUH: leave, companion and day treatment never count; "På vej" never counts; theatre and recovery
// count on the home ward; corridor beds and day rooms count. Other sites configure their own rules.

export interface CapacityRules {
  /** Encounter.type stay kinds that never count (AAUH: companion, day treatment). */
  excludedStayKinds: StayKind[];
  /** Whether a patient on leave (Encounter.status onleave) counts. */
  countOnLeave: boolean;
  /** Whether a patient in theatre/recovery/examination counts on the home ward (the ward of Encounter.serviceProvider). */
  awayCountsOnHomeWard: boolean;
  /** Whether patients in corridor beds and day rooms count. */
  countCorridorAndDayRoom: boolean;
  /** Organization ids of units (specialties) whose patients do not count and whose wards the overview leaves out. */
  excludedUnits?: string[];
}

export const AAUH_CAPACITY_RULES: Readonly<CapacityRules> = Object.freeze({
  excludedStayKinds: [StayKind.companion, StayKind.dayTreatment],
  countOnLeave: false,
  awayCountsOnHomeWard: true,
  countCorridorAndDayRoom: true,
});

export const CountDecision = { counted: 'counted', notCounted: 'not-counted', incoming: 'incoming', none: 'none' } as const;
export type CountDecision = (typeof CountDecision)[keyof typeof CountDecision];

/** How one placement enters the ward's occupancy. A stay with no known place ('unknown') enters nowhere. */
export function countDecision(placement: Placement, rules: CapacityRules): CountDecision {
  const { whereabouts } = placement;
  if (whereabouts === Whereabouts.incoming) return CountDecision.incoming;
  if (whereabouts === Whereabouts.unknown) return CountDecision.none;
  if (placement.stayKind && rules.excludedStayKinds.includes(placement.stayKind)) return CountDecision.notCounted;
  if (placement.unitId && rules.excludedUnits?.includes(placement.unitId)) return CountDecision.notCounted;
  const counts =
    whereabouts === Whereabouts.onLeave ? rules.countOnLeave
    : whereabouts === Whereabouts.away ? rules.awayCountsOnHomeWard
    : whereabouts === Whereabouts.corridor ? rules.countCorridorAndDayRoom
    : true; // in a bed, or on the ward awaiting one
  return counts ? CountDecision.counted : CountDecision.notCounted;
}

/** Occupancy of one ward from already placed stays (shared with the ward board). */
export function capacityFrom(places: Places, stays: Stays, wardId: string, rules: CapacityRules): WardCapacity {
  const ward = places.byId.get(wardId);
  const beds = places.bedsOf(wardId);
  const byStatus: Record<BedStatus, number> = { free: 0, occupied: 0, cleaning: 0, blocked: 0 };
  for (const bed of beds) byStatus[bedStatusOf(bed, stays.bedHolds.has(bed.id ?? ''))]++;
  const counts: Record<CountDecision, number> = { counted: 0, 'not-counted': 0, incoming: 0, none: 0 };
  for (const p of stays.placements) if (p.wardId === wardId) counts[countDecision(p, rules)]++;
  const unitId = wardUnitId(ward);
  return {
    wardId,
    wardName: ward?.name ?? '',
    ...(unitId ? { unitId } : {}),
    beds: beds.length,
    occupied: byStatus.occupied,
    free: byStatus.free,
    cleaning: byStatus.cleaning,
    blocked: byStatus.blocked,
    incoming: counts.incoming,
    counted: counts.counted,
    notCounted: counts['not-counted'],
  };
}

/** Occupancy of one ward by the rules at `now` (an unknown ward gives zeros and an empty name). */
export function wardCapacity(snapshot: LogisticsSnapshot, wardId: string, rules: CapacityRules, now: Date): WardCapacity {
  const index = indexSnapshot(snapshot);
  const places = indexPlaces(index.locations);
  return capacityFrom(places, placeStays(index, places, now), wardId, rules);
}

export function sumCapacity(wards: readonly WardCapacity[]): BedOverview['totals'] {
  const totals = { beds: 0, occupied: 0, free: 0, cleaning: 0, blocked: 0, incoming: 0, counted: 0, notCounted: 0 };
  for (const w of wards) for (const key of Object.keys(totals) as (keyof typeof totals)[]) totals[key] += w[key];
  return totals;
}

/** Every ward's occupancy (wards of excluded units left out), by ward name, with totals. */
export function bedOverview(snapshot: LogisticsSnapshot, rules: CapacityRules, now: Date): BedOverview {
  const index = indexSnapshot(snapshot);
  const places = indexPlaces(index.locations);
  const stays = placeStays(index, places, now);
  const wards = places.wards
    .filter((w) => !rules.excludedUnits?.includes(wardUnitId(w) ?? ''))
    .map((w) => capacityFrom(places, stays, w.id ?? '', rules));
  return { wards, totals: sumCapacity(wards), generatedAt: now.toISOString() };
}
