/**
 * Who is where in Demo Sygehus now: the current stay (if any) of each demo patient and the status of
 * every bed. Pure and seeded. The stays are dealt out round-robin over the wards, the emergency
 * department and the special cases, so a smaller population is still a plausible (emptier) hospital;
 * patients beyond the plan have no current stay.
 */
import { BedStatusCode, PlaceKind } from '../logistics/model.ts';
import { ED_CASES } from './emergency.ts';
import { bedsOf, type BedCode, type WardLayout } from './hospital-places.ts';
import type { Random } from './random.ts';
import type { DemoUnitCode } from './units.ts';

export type WardUnitCode = Exclude<DemoUnitCode, 'AKM'>;

export const StayVariant = {
  /** In a bed of the ward. */
  standard: 'standard',
  /** On leave (Encounter onleave); the bed is held (location reserved). */
  leave: 'leave',
  /** In theatre now (active location the theatre); the bed on the ward is held. */
  theatre: 'theatre',
  /** A companion (ledsager) in a bed; not a patient of the ward. */
  companion: 'companion',
  /** Day treatment (dagbehandling) in a bed, home this afternoon. */
  dayTreatment: 'dagbehandling',
  /** In a bed, with a transfer to KIR accepted. */
  transferOut: 'transfer-out',
  /** In a corridor place: the ward is full. */
  corridor: 'corridor',
} as const;
export type StayVariant = (typeof StayVariant)[keyof typeof StayVariant];

export type CurrentStay =
  | {
      readonly kind: 'ward';
      readonly unit: WardUnitCode;
      readonly variant: StayVariant;
      /** The bed (or corridor place) key. */
      readonly place: string;
      /** The theatre's key, for the patient in theatre. */
      readonly awayAt?: string;
      /** An AKM box the patient came through (an earlier, completed location). */
      readonly viaAkm?: string;
      /** Every vital-signs set of the stay and admission labs (else only the latest set). */
      readonly fullObservations: boolean;
    }
  | { readonly kind: 'incoming'; readonly unit: WardUnitCode; readonly status: 'planned' | 'arrived' }
  /** An emergency contact: ED_CASES[edCase], in its box (emergency.ts). */
  | { readonly kind: 'emergency'; readonly edCase: number };

export interface HospitalPlan {
  /** The current stay of patient i, or undefined. */
  readonly stays: readonly (CurrentStay | undefined)[];
  readonly bedStatus: ReadonlyMap<string, BedCode>;
  /** Beds being cleaned (H), in layout order. */
  readonly cleaning: readonly string[];
}

/** How full each ward is: standard stays, beds being cleaned and blocked, and the special cases on it. */
const WARD_PLAN: Readonly<Record<WardUnitCode, { readonly standard: number; readonly cleaning: number; readonly blocked: number }>> = {
  MED1: { standard: 20, cleaning: 1, blocked: 1 },
  MED2: { standard: 19, cleaning: 1, blocked: 0 },
  KIR: { standard: 19, cleaning: 1, blocked: 1 },
  PSY: { standard: 14, cleaning: 0, blocked: 1 },
};
/** Special cases, in the order they are dealt out. MED1 is full (22 of 24 beds, one cleaned, one blocked), so one patient lies in the corridor. */
const SPECIALS: readonly ({ readonly kind: 'ward'; readonly unit: WardUnitCode; readonly variant: StayVariant } | { readonly kind: 'incoming'; readonly unit: WardUnitCode; readonly status: 'planned' | 'arrived' })[] = [
  { kind: 'ward', unit: 'KIR', variant: StayVariant.theatre },
  { kind: 'ward', unit: 'MED2', variant: StayVariant.transferOut },
  { kind: 'ward', unit: 'MED1', variant: StayVariant.leave },
  { kind: 'incoming', unit: 'KIR', status: 'planned' },
  { kind: 'ward', unit: 'MED2', variant: StayVariant.companion },
  { kind: 'ward', unit: 'MED1', variant: StayVariant.dayTreatment },
  { kind: 'incoming', unit: 'MED2', status: 'arrived' },
  { kind: 'ward', unit: 'MED1', variant: StayVariant.corridor },
];
/** The AKM box being cleaned. */
const AKM_CLEANING = 'AKM-boks-b1';
/** Share of the ward stays that came in through AKM (an earlier location in an AKM box). */
const VIA_AKM = 0.25;
/** Every n-th ward stay gets the full vital-signs series and admission labs; the rest only the latest set. */
const FULL_OBSERVATIONS_EVERY = 3;

type Draft = { kind: 'ward'; unit: WardUnitCode; variant: StayVariant } | { kind: 'incoming'; unit: WardUnitCode; status: 'planned' | 'arrived' } | { kind: 'emergency'; edCase: number };

function shuffled<T>(rnd: Random, items: readonly T[]): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = rnd.int(0, i);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/** Deals `lists` out round-robin: the first of each, then the second of each, … */
function roundRobin<T>(lists: readonly (readonly T[])[]): T[] {
  const out: T[] = [];
  for (let i = 0; lists.some((l) => i < l.length); i++) for (const l of lists) if (i < l.length) out.push(l[i]!);
  return out;
}

export function planHospital(rnd: Random, layout: readonly WardLayout[], patients: number): HospitalPlan {
  const standard = (unit: WardUnitCode): Draft[] => Array.from({ length: WARD_PLAN[unit].standard }, () => ({ kind: 'ward', unit, variant: StayVariant.standard }));
  const drafts = roundRobin<Draft>([
    standard('KIR'),
    standard('MED1'),
    standard('MED2'),
    standard('PSY'),
    ED_CASES.map((_, edCase) => ({ kind: 'emergency', edCase })),
    SPECIALS,
  ]).slice(0, patients);

  const bedStatus = new Map<string, BedCode>();
  const cleaning: string[] = [];
  const free = new Map<DemoUnitCode, string[]>();
  for (const ward of layout) {
    const beds = bedsOf(ward).map((bed) => bed.key);
    for (const key of beds) bedStatus.set(key, BedStatusCode.free);
    if (ward.unit === 'AKM') {
      bedStatus.set(AKM_CLEANING, BedStatusCode.cleaning);
      cleaning.push(AKM_CLEANING);
      continue;
    }
    const plan = WARD_PLAN[ward.unit];
    const order = shuffled(rnd, beds);
    for (const key of order.splice(0, plan.cleaning)) bedStatus.set(key, BedStatusCode.cleaning);
    for (const key of order.splice(0, plan.blocked)) bedStatus.set(key, BedStatusCode.blocked);
    free.set(ward.unit, order);
  }
  for (const ward of layout) for (const bed of bedsOf(ward)) if (bedStatus.get(bed.key) === BedStatusCode.cleaning && ward.unit !== 'AKM') cleaning.push(bed.key);

  const special = (unit: DemoUnitCode, kind: string) => layout.find((w) => w.unit === unit)?.special.find((p) => p.kind === kind)?.key;
  const akmBoxes = bedsOf(layout.find((w) => w.unit === 'AKM')!).map((bed) => bed.key);
  const occupy = (key: string) => {
    if (bedStatus.get(key) !== BedStatusCode.free) throw new Error(`Demo plan: bed ${key} is not free`);
    bedStatus.set(key, BedStatusCode.occupied);
    return key;
  };

  let wardStays = 0;
  const stays = drafts.map((d): CurrentStay => {
    if (d.kind === 'incoming') return d;
    if (d.kind === 'emergency') {
      const box = ED_CASES[d.edCase]!.box;
      if (box) occupy(box);
      return d;
    }
    const corridor = d.variant === StayVariant.corridor ? special(d.unit, PlaceKind.corridor) : undefined;
    const place = corridor ?? free.get(d.unit)!.shift();
    if (!place) throw new Error(`Demo plan: no free bed on ${d.unit}`);
    if (!corridor) occupy(place);
    const awayAt = d.variant === StayVariant.theatre ? special(d.unit, PlaceKind.theatre) : undefined;
    const viaAkm = d.variant === StayVariant.standard && rnd.chance(VIA_AKM) ? rnd.pick(akmBoxes) : undefined;
    return {
      kind: 'ward',
      unit: d.unit,
      variant: d.variant,
      place,
      ...(awayAt ? { awayAt } : {}),
      ...(viaAkm ? { viaAkm } : {}),
      fullObservations: d.variant !== StayVariant.companion && wardStays++ % FULL_OBSERVATIONS_EVERY === 0,
    };
  });
  return { stays, bedStatus, cleaning };
}
