/** Where each current stay is, per ward (in bed, corridor, away, on leave, incoming), and which beds stays hold. @see https://hl7.org/fhir/R4/encounter-definitions.html#Encounter.location */
import type { Encounter, EncounterLocation } from '@medplum/fhirtypes';
import { STAY_KIND_SYSTEM, StayKind } from '../model.ts';
import { AWAY_ROLES, OVERFLOW_ROLES, PlaceRole, type Places } from './places.ts';
import { codesIn, isDefined, refId } from './refs.ts';
import type { SnapshotIndex } from './snapshot.ts';
import { toMillis } from './time.ts';
import { isOpenTransfer, receivingWardOf } from './transfers.ts';

// Shared by the capacity rules and the ward board so both always agree.

export const Whereabouts = {
  inBed: 'in-bed',
  corridor: 'corridor',
  away: 'away',
  onLeave: 'on-leave',
  incoming: 'incoming',
  /** On the ward (an active ward- or room-level location) without a bed. */
  onWard: 'on-ward',
  /** A current stay with no usable location: shown on its home ward, never counted. */
  unknown: 'unknown',
} as const;
export type Whereabouts = (typeof Whereabouts)[keyof typeof Whereabouts];

/** One stay as one ward sees it. A stay has at most one present placement and any number of incoming ones. */
export interface Placement {
  readonly encounter: Encounter;
  readonly wardId: string;
  readonly whereabouts: Whereabouts;
  /** A bed of this ward that the stay holds (active, or reserved while away or on leave). */
  readonly bedId?: string;
  /** Where the patient is when not in that bed (corridor, theatre …), or the planned place when incoming. */
  readonly placeId?: string;
  readonly stayKind?: StayKind;
  /** The responsible unit (Encounter.serviceProvider). */
  readonly unitId?: string;
  /** The open transfer that makes this stay incoming here. */
  readonly transferTaskId?: string;
}

/** Who holds a bed, and where that patient is now. */
export interface BedHold {
  readonly encounter: Encounter;
  readonly whereabouts: Whereabouts;
  readonly placeId?: string;
}

export interface Stays {
  readonly placements: readonly Placement[];
  readonly bedHolds: ReadonlyMap<string, BedHold>;
  /** The ward of the stay's present placement. */
  presentWardOf(encounterId: string): string | undefined;
}

/** Encounter statuses of a patient who is here now. */
export const PRESENT_STATUSES: readonly Encounter['status'][] = ['arrived', 'triaged', 'in-progress', 'onleave'];

type EntryStatus = NonNullable<EncounterLocation['status']>;
interface Entry { readonly id: string; readonly status: EntryStatus; readonly start: number; readonly order: number; readonly role: PlaceRole; readonly ward?: string }

/** An entry's status at `now`: one whose period has ended is completed; one without a status is active. */
function entryStatus(entry: EncounterLocation, nowMs: number): EntryStatus {
  const end = toMillis(entry.period?.end);
  if (end !== undefined && end <= nowMs) return 'completed';
  return entry.status ?? 'active';
}

const latest = (entries: readonly Entry[]): Entry | undefined =>
  entries.reduce<Entry | undefined>((best, e) => (!best || e.start > best.start || (e.start === best.start && e.order > best.order) ? e : best), undefined);

const STAY_KINDS = Object.values(StayKind) as readonly string[];
export const stayKindOf = (encounter: Encounter): StayKind | undefined =>
  codesIn(encounter.type, STAY_KIND_SYSTEM).find((c) => STAY_KINDS.includes(c)) as StayKind | undefined;

/** How specific a present place is: a bed or an overflow place beats a room, which beats the ward itself. */
const specificity = (role: PlaceRole): number => (role === PlaceRole.bed || OVERFLOW_ROLES.includes(role) ? 2 : role === PlaceRole.room ? 1 : 0);

export function placeStays(index: SnapshotIndex, places: Places, now: Date): Stays {
  const nowMs = now.getTime();
  const placements: Placement[] = [];
  const bedHolds = new Map<string, BedHold>();
  const presentWard = new Map<string, string>();

  for (const encounter of index.snapshot.encounters) {
    if (!encounter.id) continue;
    const present = PRESENT_STATUSES.includes(encounter.status);
    if (!present && encounter.status !== 'planned') continue;
    const entries: Entry[] = (encounter.location ?? [])
      .map((l, order) => {
        const id = refId(l.location, 'Location');
        if (!id || !places.byId.has(id)) return undefined;
        return { id, status: entryStatus(l, nowMs), start: toMillis(l.period?.start) ?? Number.NEGATIVE_INFINITY, order, role: places.roleOf(id), ward: places.wardIdOf(id) };
      })
      .filter(isDefined);
    const base = { encounter, stayKind: stayKindOf(encounter), unitId: refId(encounter.serviceProvider, 'Organization') };
    const withStatus = (s: EntryStatus): Entry[] => entries.filter((e) => e.status === s);
    const planned = withStatus('planned');
    const active = withStatus('active');
    const reserved = withStatus('reserved');

    const incomingTo = (list: readonly Entry[], exceptWard?: string): void => {
      const seen = new Set<string>();
      for (const e of list) {
        if (!e.ward || e.ward === exceptWard || seen.has(e.ward)) continue;
        seen.add(e.ward);
        placements.push({ ...base, wardId: e.ward, whereabouts: Whereabouts.incoming, placeId: e.id });
      }
    };
    // Not here yet: a planned stay, or one that has only planned places ("På vej").
    if (encounter.status === 'planned' || (active.length === 0 && reserved.length === 0 && planned.length > 0 && encounter.status !== 'onleave')) {
      incomingTo(encounter.status === 'planned' ? [...planned, ...active, ...reserved] : planned);
      continue;
    }

    const away = latest(active.filter((e) => AWAY_ROLES.includes(e.role)));
    const bed = latest(active.filter((e) => e.role === PlaceRole.bed)) ?? latest(reserved.filter((e) => e.role === PlaceRole.bed));
    const here = active.filter((e) => !AWAY_ROLES.includes(e.role) && e.ward);
    const topRank = Math.max(-1, ...here.map((e) => specificity(e.role)));
    const current = latest(here.filter((e) => specificity(e.role) === topRank));
    const homeWard = (): string | undefined => {
      const hints = [bed?.ward, current?.ward, latest(withStatus('completed').filter((e) => e.ward))?.ward].filter(isDefined);
      const unitWards = base.unitId ? places.wardsOfUnit(base.unitId) : [];
      if (unitWards.length > 0) return (unitWards.find((w) => w.id && hints.includes(w.id)) ?? unitWards[0])?.id;
      return hints[0];
    };

    let placement: Placement | undefined;
    if (encounter.status === 'onleave') {
      const wardId = bed?.ward ?? current?.ward ?? homeWard();
      if (wardId) placement = { ...base, wardId, whereabouts: Whereabouts.onLeave, placeId: current && current.id !== bed?.id ? current.id : undefined };
    } else if (away) {
      const wardId = homeWard() ?? away.ward;
      if (wardId) placement = { ...base, wardId, whereabouts: Whereabouts.away, placeId: away.id };
    } else if (current?.ward) {
      const whereabouts = current.role === PlaceRole.bed ? Whereabouts.inBed : OVERFLOW_ROLES.includes(current.role) ? Whereabouts.corridor : Whereabouts.onWard;
      placement = { ...base, wardId: current.ward, whereabouts, placeId: current.role === PlaceRole.bed ? undefined : current.id };
    } else {
      const wardId = bed?.ward ?? homeWard();
      if (wardId) placement = { ...base, wardId, whereabouts: Whereabouts.unknown };
    }
    if (!placement) continue;
    if (bed && bed.ward === placement.wardId) placement = { ...placement, bedId: bed.id };
    if (bed && !bedHolds.has(bed.id)) bedHolds.set(bed.id, { encounter, whereabouts: placement.whereabouts, placeId: placement.placeId });
    placements.push(placement);
    presentWard.set(encounter.id, placement.wardId);
    incomingTo(planned, placement.wardId);
  }

  // An open transfer makes the stay incoming on the receiving ward, planned location or not.
  for (const task of index.snapshot.tasks) {
    if (!isOpenTransfer(task) || !task.id) continue;
    const encounterId = refId(task.focus, 'Encounter');
    const toWard = receivingWardOf(places, task);
    if (!encounterId || !toWard || !presentWard.has(encounterId) || presentWard.get(encounterId) === toWard) continue;
    const at = placements.findIndex((p) => p.encounter.id === encounterId && p.wardId === toWard && p.whereabouts === Whereabouts.incoming);
    const existing = placements[at];
    if (existing) placements[at] = { ...existing, transferTaskId: existing.transferTaskId ?? task.id };
    else {
      const encounter = index.encounters.get(encounterId);
      if (encounter) placements.push({ encounter, wardId: toWard, whereabouts: Whereabouts.incoming, stayKind: stayKindOf(encounter), unitId: refId(encounter.serviceProvider, 'Organization'), transferTaskId: task.id });
    }
  }
  return { placements, bedHolds, presentWardOf: (id) => presentWard.get(id) };
}
