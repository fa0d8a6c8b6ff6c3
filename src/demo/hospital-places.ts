/**
 * The places of Demo Sygehus as a Location hierarchy (see ../logistics/model.ts): the building (bu),
 * a ward (wa) per unit with managingOrganization = the unit, rooms (ro) partOf their ward and beds
 * (bd) partOf their room with Location.operationalStatus; the theatre and the recovery place on KIR
 * and a corridor place on MED1 are typed with PLACE_KIND_SYSTEM and are not beds. About 100 beds.
 * Identifiers: a made-up SOR-like number in a demo system (not the SOR oid) and a readable key.
 */
import type { Coding, Location } from '@medplum/fhirtypes';
import {
  BED_STATUS_SYSTEM,
  BOARD_TEMPLATE_EXTENSION,
  EMERGENCY_ROOM_TYPE,
  BedStatusCode,
  LOCATION_PHYSICAL_TYPE_SYSTEM,
  PhysicalType,
  PLACE_KIND_SYSTEM,
  PlaceKind,
} from '../logistics/model.ts';
import { AUTO_FINALISE_EXTENSION } from '../devices/device-model.ts';
import { AUTO_FINALISING_WARDS } from './bed-monitors.ts';
import type { BundleBuilder } from './bundle-builder.ts';
import { demoMeta } from './demo-meta.ts';
import { DEMO_UNITS, type DemoUnitCode } from './units.ts';

/** The standard board template of each demo ward (src/logistics/domain standard templates). */
const WARD_TEMPLATE: Readonly<Record<DemoUnitCode, string>> = {
  AKM: 'akutmodtagelse', MED1: 'medicinsk-sengeafsnit', MED2: 'medicinsk-sengeafsnit', KIR: 'kirurgisk-sengeafsnit', PSY: 'psykiatrisk-sengeafsnit',
};

/** Made-up SOR-like place numbers (13 digits starting 9999991); not the SOR register's system. */
export const DEMO_PLACE_SOR_SYSTEM = 'urn:kerne:demo:sor-place';
/** Readable place keys, e.g. MED1-seng-12, KIR-operationsstue-1: Location?identifier=urn:kerne:demo:location|MED1-seng-12. */
export const DEMO_LOCATION_SYSTEM = 'urn:kerne:demo:location';
export const demoLocationQuery = (key: string) => `identifier=${DEMO_LOCATION_SYSTEM}|${key}`;

/** A bed's operationalStatus code (v2-0116): U, O, H or C. */
export type BedCode = (typeof BedStatusCode)[keyof typeof BedStatusCode];
/** A place on a ward that is not a bed. */
export type SpecialPlaceKind = typeof PlaceKind.theatre | typeof PlaceKind.recovery | typeof PlaceKind.corridor;

export interface BedLayout {
  readonly key: string;
  readonly name: string;
  readonly room: string;
  readonly unit: DemoUnitCode;
  readonly sor: string;
}
export interface RoomLayout {
  readonly key: string;
  readonly name: string;
  readonly sor: string;
  readonly beds: readonly BedLayout[];
}
export interface SpecialPlaceLayout {
  readonly key: string;
  readonly name: string;
  readonly kind: SpecialPlaceKind;
  readonly sor: string;
}
export interface WardLayout {
  readonly unit: DemoUnitCode;
  readonly key: string;
  readonly name: string;
  readonly sor: string;
  readonly rooms: readonly RoomLayout[];
  readonly special: readonly SpecialPlaceLayout[];
}

/** Room names with their beds' names; ward beds are numbered across the ward (Seng 1 … Seng 24). */
interface WardSpec {
  readonly unit: DemoUnitCode;
  readonly name: string;
  readonly rooms: readonly { readonly name: string; readonly beds: readonly string[] }[];
  readonly special?: readonly { readonly name: string; readonly kind: SpecialPlaceKind }[];
}

/** Stue 1 … Stue n with the given number of beds each, the beds numbered Seng 1 … across the ward. */
function wardRooms(bedsPerRoom: readonly number[]): WardSpec['rooms'] {
  let bed = 0;
  return bedsPerRoom.map((n, i) => ({ name: `Stue ${i + 1}`, beds: Array.from({ length: n }, () => `Seng ${++bed}`) }));
}
const boxes = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `Boks ${prefix}${i + 1}`);

const WARD_SPECS: readonly WardSpec[] = [
  {
    unit: 'AKM',
    name: 'Akutmodtagelsen',
    rooms: [
      { name: 'Traumestue', beds: ['Traume'] },
      { name: 'Område A', beds: boxes('A', 6) },
      { name: 'Område B', beds: boxes('B', 5) },
    ],
  },
  { unit: 'MED1', name: 'Medicinsk afsnit M1', rooms: wardRooms([4, 4, 3, 3, 3, 3, 2, 2]), special: [{ name: 'Gangplads 1', kind: PlaceKind.corridor }] },
  { unit: 'MED2', name: 'Medicinsk afsnit M2', rooms: wardRooms([4, 4, 3, 3, 3, 3, 2, 2]) },
  {
    unit: 'KIR',
    name: 'Kirurgisk afsnit K',
    rooms: wardRooms([4, 4, 3, 3, 3, 3, 2, 2]),
    special: [
      { name: 'Operationsstue 1', kind: PlaceKind.theatre },
      { name: 'Opvågning', kind: PlaceKind.recovery },
    ],
  },
  { unit: 'PSY', name: 'Psykiatrisk afsnit P', rooms: wardRooms([2, 2, 2, 2, 2, 2, 2, 2]) },
];

const slug = (name: string) =>
  name.toLowerCase().replace(/æ/g, 'ae').replace(/ø/g, 'oe').replace(/å/g, 'aa').replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
/** 13 digits: 9999991, unit (2), room (2), bed (2); the building is all zeros after the prefix. */
const sorOf = (unit: number, room: number, bed: number) => `9999991${[unit, room, bed].map((n) => String(n).padStart(2, '0')).join('')}`;

export const BUILDING_KEY = 'demo-sygehus';

/** The layout of Demo Sygehus: pure data, the same every time. */
export function hospitalLayout(): readonly WardLayout[] {
  return WARD_SPECS.map((spec) => {
    const u = DEMO_UNITS.findIndex((x) => x.code === spec.unit) + 1;
    return {
      unit: spec.unit,
      key: spec.unit,
      name: spec.name,
      sor: sorOf(u, 0, 0),
      rooms: spec.rooms.map((room, r) => ({
        key: `${spec.unit}-${slug(room.name)}`,
        name: room.name,
        sor: sorOf(u, r + 1, 0),
        beds: room.beds.map((bed, n) => ({ key: `${spec.unit}-${slug(bed)}`, name: bed, room: room.name, unit: spec.unit, sor: sorOf(u, r + 1, n + 1) })),
      })),
      special: (spec.special ?? []).map((p, i) => ({ key: `${spec.unit}-${slug(p.name)}`, name: p.name, kind: p.kind, sor: sorOf(u, 90 + i, 0) })),
    };
  });
}

export const bedsOf = (ward: WardLayout): BedLayout[] => ward.rooms.flatMap((r) => r.beds);

const PHYSICAL_DISPLAY: Record<PhysicalType, string> = { bu: 'Building', wi: 'Wing', wa: 'Ward', ro: 'Room', bd: 'Bed' };
export const physicalType = (code: PhysicalType) => ({ coding: [{ system: LOCATION_PHYSICAL_TYPE_SYSTEM, code, display: PHYSICAL_DISPLAY[code] }] });

const BED_STATUS_DISPLAY: Record<BedCode, string> = { U: 'Unoccupied', O: 'Occupied', H: 'Housekeeping', C: 'Closed' };
const bedStatus = (code: BedCode): Coding => ({ system: BED_STATUS_SYSTEM, code, display: BED_STATUS_DISPLAY[code] });

const PLACE_KIND_DISPLAY: Record<SpecialPlaceKind, string> = { operationsstue: 'Operationsstue', opvaagning: 'Opvågning', gang: 'Gangplads' };
/** Theatre and recovery are rooms; the corridor place a wing (as model.ts has it); none of them is a bed. */
const SPECIAL_PHYSICAL: Record<SpecialPlaceKind, PhysicalType> = { operationsstue: PhysicalType.room, opvaagning: PhysicalType.room, gang: PhysicalType.wing };

function location(key: string, sor: string, name: string, type: PhysicalType, extra: Partial<Location>): Location {
  return {
    resourceType: 'Location',
    meta: demoMeta(),
    identifier: [
      { system: DEMO_PLACE_SOR_SYSTEM, value: sor },
      { system: DEMO_LOCATION_SYSTEM, value: key },
    ],
    status: 'active',
    name,
    mode: 'instance',
    physicalType: physicalType(type),
    ...extra,
  };
}

/** Where a place is, for references and for the stays and tasks that use it. */
export interface PlaceRef {
  readonly ref: string;
  readonly key: string;
  readonly name: string;
  readonly unit: DemoUnitCode;
  /** The room's name, for beds. */
  readonly room?: string;
  readonly physicalType: PhysicalType;
}

export interface HospitalPlaces {
  readonly building: string;
  readonly wards: ReadonlyMap<DemoUnitCode, PlaceRef>;
  /** Beds and special places by key. */
  readonly places: ReadonlyMap<string, PlaceRef>;
}

/**
 * Adds the Location hierarchy to the Bundle. `statusOf` gives each bed's operationalStatus
 * (default U, unoccupied); `unitRefs` the unit Organizations the wards are managed by.
 */
export function addHospitalPlaces(
  b: BundleBuilder,
  input: {
    readonly layout: readonly WardLayout[];
    readonly hospitalRef: string;
    readonly unitRefs: ReadonlyMap<DemoUnitCode, string>;
    readonly statusOf: (bedKey: string) => BedCode;
  },
): HospitalPlaces {
  const building = b.add(
    location(BUILDING_KEY, sorOf(0, 0, 0), 'Demo Sygehus', PhysicalType.building, {
      managingOrganization: { reference: input.hospitalRef, display: 'Demo Sygehus' },
      address: { use: 'work', type: 'physical', line: ['Sygehusvej 1'], city: 'Aarhus N', postalCode: '8200', country: 'DK' },
    }),
  );
  const wards = new Map<DemoUnitCode, PlaceRef>();
  const places = new Map<string, PlaceRef>();
  for (const ward of input.layout) {
    const unitName = DEMO_UNITS.find((u) => u.code === ward.unit)!.name;
    const wardRef = b.add(
      location(ward.key, ward.sor, ward.name, PhysicalType.ward, {
        managingOrganization: { reference: input.unitRefs.get(ward.unit)!, display: unitName },
        partOf: { reference: building, display: 'Demo Sygehus' },
        extension: [
          { url: BOARD_TEMPLATE_EXTENSION, valueString: WARD_TEMPLATE[ward.unit] },
          ...(AUTO_FINALISING_WARDS.includes(ward.unit) ? [{ url: AUTO_FINALISE_EXTENSION, valueBoolean: true }] : []),
        ],
        ...(ward.unit === 'AKM' ? { type: [{ coding: [{ ...EMERGENCY_ROOM_TYPE }] }] } : {}),
      }),
    );
    wards.set(ward.unit, { ref: wardRef, key: ward.key, name: ward.name, unit: ward.unit, physicalType: PhysicalType.ward });
    for (const room of ward.rooms) {
      const roomRef = b.add(location(room.key, room.sor, room.name, PhysicalType.room, { partOf: { reference: wardRef, display: ward.name } }));
      for (const bed of room.beds) {
        const ref = b.add(
          location(bed.key, bed.sor, bed.name, PhysicalType.bed, {
            operationalStatus: bedStatus(input.statusOf(bed.key)),
            partOf: { reference: roomRef, display: room.name },
          }),
        );
        places.set(bed.key, { ref, key: bed.key, name: bed.name, unit: ward.unit, room: room.name, physicalType: PhysicalType.bed });
      }
    }
    for (const p of ward.special) {
      const type = SPECIAL_PHYSICAL[p.kind];
      const ref = b.add(
        location(p.key, p.sor, p.name, type, {
          type: [{ coding: [{ system: PLACE_KIND_SYSTEM, code: p.kind, display: PLACE_KIND_DISPLAY[p.kind] }] }],
          partOf: { reference: wardRef, display: ward.name },
        }),
      );
      places.set(p.key, { ref, key: p.key, name: p.name, unit: ward.unit, physicalType: type });
    }
  }
  return { building, wards, places };
}
