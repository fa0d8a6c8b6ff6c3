/** The Location tree of a hospital: wards (wa) with rooms (ro) and beds (bd), corridors and other places, and bed status. @see https://hl7.org/fhir/R4/location.html */
import type { Location } from '@medplum/fhirtypes';
import {
  BED_STATUS_SYSTEM, BedStatus, BedStatusCode, LOCATION_PHYSICAL_TYPE_SYSTEM, PhysicalType, PLACE_KIND_SYSTEM, PlaceKind,
} from '../model.ts';
import { refId } from './refs.ts';

/** What a Location is to a board: a bed, an overflow place, a place away from the ward, or structure. */
export const PlaceRole = {
  bed: 'bed',
  corridor: 'corridor',
  dayRoom: 'day-room',
  theatre: 'theatre',
  recovery: 'recovery',
  examination: 'examination',
  room: 'room',
  ward: 'ward',
  other: 'other',
} as const;
export type PlaceRole = (typeof PlaceRole)[keyof typeof PlaceRole];

/** Roles of places a patient visits away from their bed (they count on their home ward). */
export const AWAY_ROLES: readonly PlaceRole[] = [PlaceRole.theatre, PlaceRole.recovery, PlaceRole.examination];
/** Overflow places that are not beds but where a patient can lie (counted when the rules say so). */
export const OVERFLOW_ROLES: readonly PlaceRole[] = [PlaceRole.corridor, PlaceRole.dayRoom];

const ROLE_BY_KIND: Readonly<Record<PlaceKind, PlaceRole>> = {
  operationsstue: PlaceRole.theatre,
  opvaagning: PlaceRole.recovery,
  undersoegelse: PlaceRole.examination,
  gang: PlaceRole.corridor,
  dagligstue: PlaceRole.dayRoom,
};

const PHYSICAL_TYPES = Object.values(PhysicalType) as readonly string[];
const PLACE_KINDS = Object.values(PlaceKind) as readonly string[];

/** Location.physicalType code (in the HL7 system, or with no system). */
export function physicalTypeOf(location: Location): PhysicalType | undefined {
  const coding = location.physicalType?.coding?.find((c) => (c.system === LOCATION_PHYSICAL_TYPE_SYSTEM || !c.system) && c.code && PHYSICAL_TYPES.includes(c.code));
  return coding?.code as PhysicalType | undefined;
}

/** Location.type coded in PLACE_KIND_SYSTEM (theatre, recovery, examination, corridor, day room). */
export function placeKindOf(location: Location): PlaceKind | undefined {
  for (const type of location.type ?? []) {
    const coding = type.coding?.find((c) => c.system === PLACE_KIND_SYSTEM && c.code && PLACE_KINDS.includes(c.code));
    if (coding) return coding.code as PlaceKind;
  }
  return undefined;
}

export const isWard = (location: Location): boolean => physicalTypeOf(location) === PhysicalType.ward;

/** A Location coded as theatre, recovery or examination (a ward Location so coded is not a bed ward). */
export function isAwayPlace(location: Location): boolean {
  const kind = placeKindOf(location);
  return kind !== undefined && AWAY_ROLES.includes(ROLE_BY_KIND[kind]);
}

/** The Location tree with memoised walks up partOf (cycle-safe). */
export interface Places {
  readonly byId: ReadonlyMap<string, Location>;
  /** Ward Locations that are not inactive, by name. */
  readonly wards: readonly Location[];
  /** The ward a Location lies in (itself for a ward), walking partOf. */
  wardIdOf(locationId: string): string | undefined;
  /** What the Location is to a board (a place kind on it or an ancestor below the ward wins over its physical type). */
  roleOf(locationId: string): PlaceRole;
  /** The nearest room (ro) above a bed. */
  roomOf(locationId: string): Location | undefined;
  /** Beds of a ward (role bed, not inactive), sorted by room then bed name, naturally ("Seng 2" < "Seng 10"). */
  bedsOf(wardId: string): readonly Location[];
  /** Wards whose managingOrganization is the unit, by name. */
  wardsOfUnit(unitId: string): readonly Location[];
}

/** Danish collation with numbers compared by value: "Stue 2" < "Stue 10", "Æ" after "Z". */
export const naturalCompare: (a: string, b: string) => number = new Intl.Collator('da', { numeric: true, sensitivity: 'base' }).compare;

export const wardUnitId = (ward: Location | undefined): string | undefined => refId(ward?.managingOrganization, 'Organization');

const memo = new WeakMap<ReadonlyMap<string, Location>, Places>();

/** The Location tree over Locations by id (memoised per map, so per snapshot index). */
export function indexPlaces(byId: ReadonlyMap<string, Location>): Places {
  const cached = memo.get(byId);
  if (cached) return cached;
  const places = buildPlaces(byId);
  memo.set(byId, places);
  return places;
}

function buildPlaces(byId: ReadonlyMap<string, Location>): Places {
  const chains = new Map<string, readonly Location[]>();
  /** The Location and its ancestors, nearest first, up to and including the first ward. */
  const chainOf = (id: string): readonly Location[] => {
    const cached = chains.get(id);
    if (cached) return cached;
    const chain: Location[] = [];
    const seen = new Set<string>();
    let current = byId.get(id);
    while (current?.id && !seen.has(current.id)) {
      seen.add(current.id);
      chain.push(current);
      if (isWard(current)) break;
      const parent = refId(current.partOf, 'Location');
      current = parent ? byId.get(parent) : undefined;
    }
    chains.set(id, chain);
    return chain;
  };
  const wardIdOf = (id: string): string | undefined => {
    const top = chainOf(id).at(-1);
    return top && isWard(top) ? top.id : undefined;
  };
  const roleOf = (id: string): PlaceRole => {
    const chain = chainOf(id);
    const self = chain[0];
    if (!self) return PlaceRole.other;
    for (const loc of chain) {
      const kind = placeKindOf(loc);
      if (kind) return ROLE_BY_KIND[kind];
      if (isWard(loc)) break;
      // A wing below a ward is a corridor (model.ts: "corridor (wi)").
      if (physicalTypeOf(loc) === PhysicalType.wing && wardIdOf(id)) return PlaceRole.corridor;
    }
    switch (physicalTypeOf(self)) {
      case PhysicalType.bed: return PlaceRole.bed;
      case PhysicalType.room: return PlaceRole.room;
      case PhysicalType.ward: return PlaceRole.ward;
      default: return PlaceRole.other;
    }
  };
  const roomOf = (id: string): Location | undefined => chainOf(id).slice(1).find((l) => physicalTypeOf(l) === PhysicalType.room);
  const name = (l: Location | undefined): string => l?.name ?? l?.id ?? '';
  const wards = [...byId.values()].filter((l) => isWard(l) && l.status !== 'inactive' && !isAwayPlace(l)).sort((a, b) => naturalCompare(name(a), name(b)));
  const beds = new Map<string, Location[]>();
  for (const loc of byId.values()) {
    if (!loc.id || loc.status === 'inactive' || roleOf(loc.id) !== PlaceRole.bed) continue;
    const ward = wardIdOf(loc.id);
    if (!ward) continue;
    const list = beds.get(ward);
    if (list) list.push(loc);
    else beds.set(ward, [loc]);
  }
  for (const list of beds.values()) {
    list.sort((a, b) => naturalCompare(name(roomOf(a.id ?? '')), name(roomOf(b.id ?? ''))) || naturalCompare(name(a), name(b)));
  }
  return {
    byId,
    wards,
    wardIdOf,
    roleOf,
    roomOf,
    bedsOf: (wardId) => beds.get(wardId) ?? [],
    wardsOfUnit: (unitId) => wards.filter((w) => wardUnitId(w) === unitId),
  };
}

const STATUS_BY_CODE: Readonly<Record<string, BedStatus>> = {
  [BedStatusCode.free]: BedStatus.free,
  [BedStatusCode.occupied]: BedStatus.occupied,
  [BedStatusCode.cleaning]: BedStatus.cleaning,
  [BedStatusCode.blocked]: BedStatus.blocked,
  K: BedStatus.cleaning, // v2-0116 Contaminated: needs cleaning before use
  I: BedStatus.blocked, // v2-0116 Isolated: not available to others
};

/**
 * A bed's status: occupied whenever a current stay holds it; otherwise Location.operationalStatus
 * (v2-0116), a suspended Location is blocked, and no status means free.
 */
export function bedStatusOf(bed: Location, heldByStay: boolean): BedStatus {
  if (heldByStay) return BedStatus.occupied;
  if (bed.status === 'suspended') return BedStatus.blocked;
  const os = bed.operationalStatus;
  if (!os || (os.system && os.system !== BED_STATUS_SYSTEM) || !os.code) return BedStatus.free;
  return STATUS_BY_CODE[os.code] ?? BedStatus.free;
}
