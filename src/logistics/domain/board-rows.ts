/** The ward board: one row per bed of the ward (with its patient), then the ward's patients without a bed here, and the ward's occupancy. */
import type { Encounter, Location, Observation } from '@medplum/fhirtypes';
import { EXPECTED_DISCHARGE_EXTENSION, NameDisplay, type BoardRow, type WardCapacity } from '../model.ts';
import { capacityFrom, type CapacityRules } from './capacity.ts';
import { latestEarlyWarning } from './early-warning.ts';
import { boardPatient, initials } from './names.ts';
import { bedStatusOf, indexPlaces, naturalCompare, type Places } from './places.ts';
import { extensionOf, refId } from './refs.ts';
import { boardFlags, boardTaskStatus, pendingTests, responsibleStaff, rowTasks } from './row-details.ts';
import { indexSnapshot, type LogisticsSnapshot, type SnapshotIndex } from './snapshot.ts';
import { placeStays, stayKindOf, Whereabouts, type Stays } from './stays.ts';
import { toMillis } from './time.ts';
import { openTransferOf, receivingWardOf, transferBed, wardOfRef } from './transfers.ts';

/** A free-text board comment on the Encounter (valueString). */
export const BOARD_COMMENT_EXTENSION = 'https://kerne.dk/fhir/StructureDefinition/board-comment';

export interface WardBoardOptions {
  readonly names: NameDisplay;
  readonly now: Date;
  readonly rules: CapacityRules;
}

/** Order of the rows after the beds: present first, incoming last. */
const EXTRA_ROW_ORDER: readonly Whereabouts[] = [Whereabouts.corridor, Whereabouts.onWard, Whereabouts.away, Whereabouts.onLeave, Whereabouts.unknown, Whereabouts.incoming];

const ROW_WHEREABOUTS: Readonly<Partial<Record<Whereabouts, NonNullable<BoardRow['whereabouts']>>>> = {
  'in-bed': 'in-bed', corridor: 'corridor', away: 'away', 'on-leave': 'on-leave', incoming: 'incoming',
};

interface Context {
  readonly index: SnapshotIndex;
  readonly places: Places;
  readonly stays: Stays;
  readonly wardId: string;
  readonly names: NameDisplay;
  readonly now: Date;
  readonly warnings: ReadonlyMap<string, readonly Observation[]>;
}

const nameOf = (l: Location | undefined): string | undefined => l?.name ?? l?.alias?.[0];

function transferOf(ctx: Context, encounter: Encounter, whereabouts: Whereabouts): BoardRow['transfer'] {
  const task = encounter.id ? openTransferOf(ctx.index, encounter.id) : undefined;
  const status = task ? boardTaskStatus(task.status) : undefined;
  if (!task?.id || !status) return undefined;
  const toWard = receivingWardOf(ctx.places, task);
  const incoming = whereabouts === Whereabouts.incoming;
  if (incoming !== (toWard === ctx.wardId)) return undefined;
  const fromWard = ctx.stays.presentWardOf(encounter.id ?? '') ?? wardOfRef(ctx.places, task.requester);
  const other = incoming
    ? nameOf(ctx.places.byId.get(fromWard ?? '')) ?? task.requester?.display ?? ctx.index.organizations.get(refId(task.requester, 'Organization') ?? '')?.name
    : nameOf(ctx.places.byId.get(toWard ?? '')) ?? task.owner?.display ?? ctx.index.organizations.get(refId(task.owner, 'Organization') ?? '')?.name;
  const bedRef = transferBed(task);
  const bed = nameOf(ctx.places.byId.get(refId(bedRef, 'Location') ?? '')) ?? bedRef?.display;
  return { taskId: task.id, status, direction: incoming ? 'in' : 'out', otherWard: other ?? '', ...(bed ? { bed } : {}) };
}

/** Everything a row says about a stay. */
function stayFields(ctx: Context, encounter: Encounter, whereabouts: Whereabouts, placeId: string | undefined, bedId: string | undefined): Omit<BoardRow, 'key' | 'bed'> {
  const patientId = refId(encounter.subject, 'Patient') ?? '';
  const resource = ctx.index.patients.get(patientId);
  const display = encounter.subject?.display ?? '';
  const patient = resource ? boardPatient(resource, ctx.names, ctx.now) : { id: patientId, name: ctx.names === NameDisplay.full ? display : initials(display) };
  const staff = responsibleStaff(ctx.index, encounter, ctx.now);
  const ext = extensionOf(encounter, EXPECTED_DISCHARGE_EXTENSION);
  const expectedDischarge = ext?.valueDateTime ?? ext?.valueDate;
  const comment = extensionOf(encounter, BOARD_COMMENT_EXTENSION)?.valueString;
  const rowWhereabouts = ROW_WHEREABOUTS[whereabouts];
  const awayAt = whereabouts === Whereabouts.away || whereabouts === Whereabouts.corridor ? nameOf(ctx.places.byId.get(placeId ?? '')) : undefined;
  const stayKind = stayKindOf(encounter);
  const transfer = transferOf(ctx, encounter, whereabouts);
  const earlyWarning = latestEarlyWarning(ctx.warnings.get(patientId) ?? [], ctx.now);
  return {
    patient,
    ...(encounter.id ? { encounterId: encounter.id } : {}),
    ...(rowWhereabouts ? { whereabouts: rowWhereabouts } : {}),
    ...(awayAt ? { awayAt } : {}),
    ...(stayKind ? { stayKind } : {}),
    ...(encounter.period?.start ? { admitted: encounter.period.start } : {}),
    ...(expectedDischarge ? { expectedDischarge } : {}),
    ...(staff.nurse ? { responsibleNurse: staff.nurse } : {}),
    ...(staff.doctor ? { responsibleDoctor: staff.doctor } : {}),
    flags: patientId ? boardFlags(ctx.index, patientId, encounter.id, ctx.now) : [],
    pendingTests: patientId ? pendingTests(ctx.index, patientId) : [],
    tasks: rowTasks(ctx.index, { patientId: patientId || undefined, encounterId: encounter.id, bedId }, ctx.now),
    ...(transfer ? { transfer } : {}),
    ...(earlyWarning ? { earlyWarning } : {}),
    ...(comment ? { comment } : {}),
  };
}

/** The ward board rows at `now` (patients shown per `names`), and the ward's occupancy by `rules`. */
export function deriveWardBoard(snapshot: LogisticsSnapshot, wardId: string, options: WardBoardOptions): { rows: BoardRow[]; capacity: WardCapacity } {
  const { names, now, rules } = options;
  const index = indexSnapshot(snapshot);
  const places = indexPlaces(index.locations);
  const stays = placeStays(index, places, now);
  const warnings = new Map<string, Observation[]>();
  for (const obs of snapshot.earlyWarnings) {
    const patientId = refId(obs.subject, 'Patient');
    if (!patientId) continue;
    const list = warnings.get(patientId);
    if (list) list.push(obs);
    else warnings.set(patientId, [obs]);
  }
  const ctx: Context = { index, places, stays, wardId, names, now, warnings };

  const shown = new Set<string>();
  const rows: BoardRow[] = places.bedsOf(wardId).map((bed) => {
    const bedId = bed.id ?? '';
    const hold = stays.bedHolds.get(bedId);
    const room = nameOf(places.roomOf(bedId));
    const row = { key: `bed:${bedId}`, bed: { id: bedId, name: nameOf(bed) ?? bedId, ...(room ? { room } : {}), status: bedStatusOf(bed, hold !== undefined) } };
    if (!hold) return { ...row, flags: [], pendingTests: [], tasks: rowTasks(index, { bedId }, now) };
    if (hold.encounter.id) shown.add(hold.encounter.id);
    return { ...row, ...stayFields(ctx, hold.encounter, hold.whereabouts, hold.placeId, bedId) };
  });

  const rank = (w: Whereabouts): number => EXTRA_ROW_ORDER.indexOf(w);
  const extra = stays.placements
    .filter((p) => p.wardId === wardId && !(p.encounter.id && shown.has(p.encounter.id)))
    .map((p) => ({ p, row: { key: `stay:${p.encounter.id ?? ''}:${p.whereabouts}`, ...stayFields(ctx, p.encounter, p.whereabouts, p.placeId, undefined) } }))
    .sort((a, b) =>
      rank(a.p.whereabouts) - rank(b.p.whereabouts) ||
      (toMillis(a.row.admitted) ?? 0) - (toMillis(b.row.admitted) ?? 0) ||
      naturalCompare(a.row.patient?.name ?? '', b.row.patient?.name ?? ''));
  rows.push(...extra.map((e) => e.row));
  return { rows, capacity: capacityFrom(places, stays, wardId, rules) };
}
