/**
 * The living Demo Sygehus in the demo Bundle: the Location hierarchy and bed statuses, who lies where,
 * the special stays, care teams, flags, pending orders, service tasks, the transfer and the
 * emergency department's process line against the regional targets.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Bundle, CareTeam, Encounter, Flag, Location, Resource, ServiceRequest, Task } from '@medplum/fhirtypes';
import {
  BED_STATUS_SYSTEM,
  BOARD_FLAG_SYSTEM,
  CARE_ROLE_SYSTEM,
  CareRole,
  EXPECTED_DISCHARGE_EXTENSION,
  LOCATION_PHYSICAL_TYPE_SYSTEM,
  PLACE_KIND_SYSTEM,
  SERVICE_TASK_KINDS,
  SOR_SYSTEM,
  STAY_KIND_SYSTEM,
  TASK_GROUP_BY_KIND,
  TASK_KIND_SYSTEM,
  TRIAGE_SYSTEM,
  TaskKind,
} from '../logistics/model.ts';
import { KERNE_ROLE_SYSTEM } from '../access/principal.ts';
import { DEMO_LOCATION_SYSTEM, DEMO_PLACE_SOR_SYSTEM } from './hospital-places.ts';
import { DEMO_PATIENTS, DEMO_SEED, generateDemoPopulation } from './index.ts';

const NOW = new Date('2025-03-04T09:30:00Z');
const MINUTE = 60_000;

/** The Bundle indexed by fullUrl, with helpers to walk the Location hierarchy. */
function index(bundle: Bundle) {
  const byUrl = new Map<string, Resource>(bundle.entry!.map((e) => [e.fullUrl!, e.resource!]));
  const urlOf = new Map<Resource, string>(bundle.entry!.map((e) => [e.resource!, e.fullUrl!]));
  const all = [...byUrl.values()];
  const of = <T extends Resource['resourceType']>(type: T) => all.filter((r): r is Extract<Resource, { resourceType: T }> => r.resourceType === type);
  const physical = (l: Location) => l.physicalType?.coding?.find((c) => c.system === LOCATION_PHYSICAL_TYPE_SYSTEM)?.code;
  const location = (ref: string | undefined) => (ref ? (byUrl.get(ref) as Location | undefined) : undefined);
  /** The ward Location a place belongs to (itself for a ward). */
  const wardOf = (ref: string | undefined): Location | undefined => {
    for (let l = location(ref), n = 0; l && n < 5; l = location(l.partOf?.reference), n++) if (physical(l) === 'wa') return l;
    return undefined;
  };
  const unitCode = (orgRef: string | undefined) => (orgRef ? (byUrl.get(orgRef) as { identifier?: { value?: string }[] } | undefined)?.identifier?.[0]?.value : undefined);
  const wardUnit = (ref: string | undefined) => unitCode(wardOf(ref)?.managingOrganization?.reference);
  const locations = of('Location');
  const beds = locations.filter((l) => physical(l) === 'bd');
  const encounters = of('Encounter');
  const current = encounters.filter((e) => e.status !== 'finished');
  const tasks = of('Task');
  const kindOf = (t: Task) => t.code?.coding?.find((c) => c.system === TASK_KIND_SYSTEM)?.code;
  return { byUrl, urlOf, all, of, physical, location, wardOf, unitCode, wardUnit, locations, beds, encounters, current, tasks, kindOf };
}

const activeLocation = (e: Encounter) => e.location?.find((l) => l.status === 'active')?.location?.reference;
const stayKind = (e: Encounter) => e.type?.flatMap((t) => t.coding ?? []).find((c) => c.system === STAY_KIND_SYSTEM)?.code;
const time = (s: string | undefined) => (s ? Date.parse(s) : NaN);

describe('Demo Sygehus', () => {
  const bundle = generateDemoPopulation({ seed: DEMO_SEED, patients: DEMO_PATIENTS, now: NOW });
  const ix = index(bundle);
  const unitOfEncounter = (e: Encounter) => ix.unitCode(e.serviceProvider?.reference);
  const wardStays = ix.current.filter((e) => e.class.code !== 'EMER' && e.status !== 'planned' && e.status !== 'arrived');

  test('about 100 beds: AKM 12, MED1 24, MED2 24, KIR 24, PSY 16, each in a room of its ward in the building', () => {
    const perWard: Record<string, number> = {};
    for (const bed of ix.beds) {
      const room = ix.location(bed.partOf?.reference);
      assert.equal(room && ix.physical(room), 'ro', `${bed.name} is partOf a room`);
      const unit = ix.wardUnit(ix.urlOf.get(bed));
      assert.ok(unit, `${bed.name} is on a ward managed by a unit`);
      perWard[unit] = (perWard[unit] ?? 0) + 1;
    }
    assert.deepEqual(perWard, { AKM: 12, MED1: 24, MED2: 24, KIR: 24, PSY: 16 }, 'beds per ward');
    const [building, ...others] = ix.locations.filter((l) => ix.physical(l) === 'bu');
    assert.equal(others.length, 0, 'one building');
    assert.equal(building?.name, 'Demo Sygehus', 'the building is Demo Sygehus');
    const wards = ix.locations.filter((l) => ix.physical(l) === 'wa');
    assert.deepEqual(wards.map((w) => ix.unitCode(w.managingOrganization?.reference)).sort(), ['AKM', 'KIR', 'MED1', 'MED2', 'PSY'], 'a ward per unit, managed by it');
    for (const w of wards) assert.equal(ix.location(w.partOf?.reference), building, `${w.name} is partOf the building`);
    assert.ok(wards.some((w) => w.name === 'Medicinsk afsnit M1'), 'MED1\'s ward is Medicinsk afsnit M1');
    for (const room of ix.locations.filter((l) => ix.physical(l) === 'ro' && !l.type)) {
      const n = ix.beds.filter((b) => b.partOf?.reference === ix.urlOf.get(room)).length;
      assert.ok(n >= 1 && n <= 6, `${room.name} has ${n} beds`);
    }
  });

  test('places: identifiers in demo systems (never the SOR oid), theatre and recovery on KIR, a corridor place on MED1', () => {
    const keys = new Set<string>();
    for (const l of ix.locations) {
      const sor = l.identifier?.find((i) => i.system === DEMO_PLACE_SOR_SYSTEM)?.value;
      const key = l.identifier?.find((i) => i.system === DEMO_LOCATION_SYSTEM)?.value;
      assert.match(sor ?? '', /^9999991\d{6}$/, `${l.name}: a made-up SOR-like number`);
      assert.ok(key && !keys.has(key), `${l.name}: a unique readable key (${key})`);
      keys.add(key);
      assert.ok(!l.identifier?.some((i) => i.system === SOR_SYSTEM), `${l.name}: not in the real SOR system`);
    }
    const kind = (code: string) => ix.locations.filter((l) => l.type?.some((t) => t.coding?.some((c) => c.system === PLACE_KIND_SYSTEM && c.code === code)));
    const [theatre] = kind('operationsstue');
    const [recovery] = kind('opvaagning');
    const [corridor] = kind('gang');
    assert.equal(theatre && ix.wardUnit(ix.urlOf.get(theatre)), 'KIR', 'a theatre on KIR');
    assert.equal(recovery && ix.wardUnit(ix.urlOf.get(recovery)), 'KIR', 'a recovery place on KIR');
    assert.equal(corridor && ix.wardUnit(ix.urlOf.get(corridor)), 'MED1', 'a corridor place on MED1');
    for (const p of [theatre, recovery, corridor]) assert.notEqual(p && ix.physical(p), 'bd', `${p?.name} is not a bed`);
  });

  test('bed status: every bed has one; occupied (O) exactly where a current stay holds the bed; some being cleaned (H) and blocked (C)', () => {
    const held = new Map<string, Encounter[]>();
    for (const e of ix.current) {
      for (const l of e.location ?? []) {
        const ref = l.location?.reference;
        if (!ref || (l.status !== 'active' && l.status !== 'reserved')) continue;
        if (ix.physical(ix.location(ref)!) === 'bd') held.set(ref, [...(held.get(ref) ?? []), e]);
      }
    }
    for (const [ref, stays] of held) assert.equal(stays.length, 1, `${ix.location(ref)?.name} on ${ix.wardUnit(ref)} holds ${stays.length} patients`);
    const statuses: Record<string, number> = {};
    for (const bed of ix.beds) {
      const status = bed.operationalStatus;
      assert.equal(status?.system, BED_STATUS_SYSTEM, `${bed.name}: operationalStatus in v2-0116`);
      statuses[status!.code!] = (statuses[status!.code!] ?? 0) + 1;
      const occupied = held.has(ix.urlOf.get(bed)!);
      assert.equal(status!.code === 'O', occupied, `${ix.wardUnit(ix.urlOf.get(bed))} ${bed.name}: status ${status!.code}, ${occupied ? 'held by a stay' : 'no stay'}`);
    }
    assert.ok(statuses.O! >= 80 && statuses.O! <= 92, `${statuses.O} beds occupied`);
    assert.ok(statuses.H! >= 2, `${statuses.H} beds being cleaned`);
    assert.ok(statuses.C! >= 2, `${statuses.C} beds blocked`);
    assert.ok(statuses.U! >= 5, `${statuses.U} beds free`);
  });

  test('about 80 admitted: each ward stay\'s active place is a bed of its own ward, but for theatre, leave and the corridor', () => {
    assert.ok(wardStays.length >= 75 && wardStays.length <= 85, `${wardStays.length} ward stays`);
    const exceptions: string[] = [];
    for (const e of wardStays) {
      assert.equal(e.status === 'in-progress' || e.status === 'onleave', true, `ward stay status ${e.status}`);
      const unit = unitOfEncounter(e);
      const active = activeLocation(e);
      const place = ix.location(active);
      if (e.status === 'onleave') {
        const held = e.location?.find((l) => l.status === 'reserved')?.location?.reference;
        assert.equal(ix.wardUnit(held), unit, 'the patient on leave holds a bed of the ward');
        assert.equal(active, undefined, 'the patient on leave is nowhere on the ward');
        exceptions.push('leave');
        continue;
      }
      assert.ok(place, `${unit} stay has an active location`);
      assert.equal(ix.wardUnit(active), unit, `${unit} stay is on its own ward (${place.name})`);
      if (place.type?.some((t) => t.coding?.some((c) => c.code === 'operationsstue'))) {
        assert.equal(unit, 'KIR', 'the patient in theatre is a KIR patient');
        const held = e.location?.find((l) => l.status === 'reserved')?.location?.reference;
        assert.equal(ix.physical(ix.location(held)!), 'bd', 'the patient in theatre keeps a bed');
        assert.equal(ix.wardUnit(held), 'KIR', 'the bed held is on KIR');
        exceptions.push('theatre');
      } else if (place.type?.some((t) => t.coding?.some((c) => c.code === 'gang'))) {
        exceptions.push('corridor');
      } else {
        assert.equal(ix.physical(place), 'bd', `${unit} stay lies in a bed, not ${place.name}`);
      }
      assert.ok(time(e.period?.start) < NOW.getTime(), 'admitted before now');
    }
    assert.deepEqual(exceptions.sort(), ['corridor', 'leave', 'theatre'], 'one patient in theatre, one on leave, one in the corridor');
    const perUnit: Record<string, number> = {};
    for (const e of wardStays) perUnit[unitOfEncounter(e)!] = (perUnit[unitOfEncounter(e)!] ?? 0) + 1;
    assert.deepEqual(Object.keys(perUnit).sort(), ['KIR', 'MED1', 'MED2', 'PSY'], `stays on every ward: ${JSON.stringify(perUnit)}`);
    const viaAkm = wardStays.filter((e) => e.location?.some((l) => l.status === 'completed' && ix.wardUnit(l.location?.reference) === 'AKM'));
    assert.ok(viaAkm.length >= 3, `${viaAkm.length} came in through AKM (an earlier, completed location)`);
    for (const e of viaAkm) {
      const [before, after] = e.location!;
      assert.ok(time(before!.period?.end) <= time(after!.period?.start), 'the AKM box before the bed');
    }
  });

  test('incoming, leave, companion and day treatment', () => {
    const incoming = ix.current.filter((e) => e.location?.some((l) => l.status === 'planned'));
    assert.equal(incoming.length, 2, 'two patients on their way');
    for (const e of incoming) {
      assert.ok(e.status === 'planned' || e.status === 'arrived', `incoming status ${e.status}`);
      const planned = e.location!.find((l) => l.status === 'planned')!.location!.reference;
      assert.equal(ix.physical(ix.location(planned)!), 'wa', 'planned on the ward');
      assert.equal(ix.wardUnit(planned), unitOfEncounter(e), 'on the ward of the receiving unit');
    }
    assert.equal(ix.current.filter((e) => e.status === 'onleave').length, 1, 'one on leave');
    const companions = ix.current.filter((e) => stayKind(e) === 'ledsager');
    assert.equal(companions.length, 1, 'one companion');
    assert.equal(ix.physical(ix.location(activeLocation(companions[0]!))!), 'bd', 'the companion has a bed');
    const day = ix.current.filter((e) => stayKind(e) === 'dagbehandling');
    assert.equal(day.length, 1, 'one day-treatment stay');
    assert.ok(time(day[0]!.period?.start) > NOW.getTime() - 12 * 60 * MINUTE, 'day treatment started today');
  });

  test('expected discharge for most; a care team with a responsible nurse and doctor for every admitted patient', () => {
    const patientsStays = wardStays.filter((e) => stayKind(e) !== 'ledsager');
    const withDate = patientsStays.filter((e) => e.extension?.some((x) => x.url === EXPECTED_DISCHARGE_EXTENSION && /^\d{4}-\d{2}-\d{2}/.test(x.valueDateTime ?? '')));
    assert.ok(withDate.length >= patientsStays.length * 0.6, `${withDate.length} of ${patientsStays.length} with an expected discharge date`);

    const teams = ix.of('CareTeam') as CareTeam[];
    const practitioners = new Map(ix.of('Practitioner').map((p) => [ix.urlOf.get(p)!, p.identifier![0]!.value!]));
    for (const e of patientsStays) {
      const url = ix.urlOf.get(e)!;
      const team = teams.filter((t) => t.encounter?.reference === url);
      assert.equal(team.length, 1, 'one care team per stay');
      assert.equal(team[0]!.status, 'active', 'the care team is active');
      assert.equal(team[0]!.subject?.reference, e.subject?.reference, 'the care team is the patient\'s');
      const roles = team[0]!.participant!.map((p) => [p.role?.[0]?.coding?.find((c) => c.system === CARE_ROLE_SYSTEM)?.code, practitioners.get(p.member!.reference!)]);
      assert.deepEqual(roles.map(([r]) => r).sort(), [CareRole.responsibleDoctor, CareRole.responsibleNurse].sort(), 'a responsible nurse and doctor');
      for (const [, who] of roles) assert.ok(who, 'members are the population\'s practitioners');
      // Karen Holm (demo-1) and Line Skov (demo-5) are the MED1 logins: on MED1 teams only.
      if (unitOfEncounter(e) !== 'MED1') for (const [, who] of roles) assert.ok(who !== 'demo-1' && who !== 'demo-5', `${unitOfEncounter(e)} team without the MED1 logins`);
    }
    assert.equal(teams.length, patientsStays.length, 'no other care teams');
  });

  test('flags (isolation, fall risk, CAVE) and pending lab and imaging orders on some patients', () => {
    const flags = ix.of('Flag') as Flag[];
    const codes = new Set(flags.map((f) => f.code.coding?.find((c) => c.system === BOARD_FLAG_SYSTEM)?.code));
    assert.deepEqual([...codes].sort(), ['cave', 'faldrisiko', 'isolation'], 'all three kinds of flag');
    for (const f of flags) assert.equal(f.status, 'active', 'flags are active');
    const requests = ix.of('ServiceRequest') as ServiceRequest[];
    const kinds = new Set(requests.map((r) => r.category?.[0]?.coding?.[0]?.code));
    assert.ok(kinds.has('108252007') && kinds.has('363679005'), 'pending laboratory and imaging orders');
    for (const r of requests) {
      assert.equal(r.status, 'active', 'the order is pending');
      assert.equal(r.performer, undefined, 'no performer (it would give a unit a care relation)');
    }
    const resulted = ix.of('Observation').filter((o) => o.basedOn?.length);
    assert.equal(resulted.length, 0, 'no results for the pending orders');
  });

  test('service tasks: transport to røntgen requested, a bed being cleaned, a blood sample taken earlier today', () => {
    const service = ix.tasks.filter((t) => (SERVICE_TASK_KINDS as readonly (string | undefined)[]).includes(ix.kindOf(t)));
    for (const t of service) {
      const group = TASK_GROUP_BY_KIND[ix.kindOf(t) as TaskKind];
      assert.deepEqual(t.performerType?.[0]?.coding?.map((c) => [c.system, c.code]), [[KERNE_ROLE_SYSTEM, group]], `${ix.kindOf(t)} is dispatched to ${group}`);
      assert.ok(time(t.authoredOn) <= NOW.getTime(), 'asked for before now');
    }
    const transport = service.find((t) => ix.kindOf(t) === TaskKind.transport);
    assert.equal(transport?.status, 'requested', 'a transport waiting');
    assert.match(transport?.description ?? '', /røntgen/i, 'to røntgen');
    assert.equal((ix.byUrl.get(transport!.focus!.reference!) as Encounter).resourceType, 'Encounter', 'the transport is about the stay');

    const cleaning = service.filter((t) => ix.kindOf(t) === TaskKind.cleaning);
    const cleaned = ix.beds.filter((b) => b.operationalStatus?.code === 'H');
    assert.deepEqual(cleaning.map((t) => t.focus?.reference).sort(), cleaned.map((b) => ix.urlOf.get(b)).sort(), 'a cleaning task for every bed being cleaned');
    const inProgress = cleaning.filter((t) => t.status === 'in-progress');
    assert.equal(inProgress.length, 1, 'one bed being cleaned now');
    assert.ok(inProgress[0]!.executionPeriod?.start && !inProgress[0]!.executionPeriod.end, 'started, not ended');

    const sample = service.find((t) => ix.kindOf(t) === TaskKind.labSample && t.status === 'completed');
    assert.ok(sample, 'a blood sample taken');
    assert.ok(time(sample.executionPeriod?.start) < time(sample.executionPeriod?.end) && time(sample.executionPeriod?.end) < NOW.getTime(), 'earlier, with start and end');
    assert.ok(NOW.getTime() - time(sample.executionPeriod?.start) < 6 * 60 * MINUTE, 'today');
  });

  test('a transfer under way: MED2 → KIR accepted, about the MED2 stay', () => {
    const transfers = ix.tasks.filter((t) => ix.kindOf(t) === TaskKind.transfer);
    assert.equal(transfers.length, 1, 'one transfer');
    const t = transfers[0]!;
    assert.equal(t.status, 'accepted', 'accepted by KIR');
    const encounter = ix.byUrl.get(t.focus!.reference!) as Encounter;
    assert.equal(encounter.resourceType, 'Encounter', 'focus is the Encounter');
    assert.equal(encounter.status, 'in-progress', 'the stay is current');
    assert.equal(unitOfEncounter(encounter), 'MED2', 'a MED2 stay');
    assert.equal(ix.unitCode(t.requester?.reference), 'MED2', 'requester is the sending unit');
    assert.equal(ix.unitCode(t.owner?.reference), 'KIR', 'owner is the receiving unit');
    assert.equal(t.for?.reference, encounter.subject?.reference, 'for the patient of the stay');
    assert.ok(t.description, 'with a report');
  });

  test('the emergency department: 8 contacts, triage, complaints, and a process line that meets and breaches the targets', () => {
    const ed = ix.current.filter((e) => e.class.code === 'EMER');
    assert.equal(ed.length, 8, 'eight emergency contacts');
    const breaches: Record<'triage' | 'treatmentStart' | 'plan', [met: number, breached: number]> = { triage: [0, 0], treatmentStart: [0, 0], plan: [0, 0] };
    for (const e of ed) {
      assert.equal(e.status, 'in-progress', 'in progress');
      assert.equal(unitOfEncounter(e), 'AKM', 'at AKM');
      const arrived = time(e.period?.start);
      const minutes = (NOW.getTime() - arrived) / MINUTE;
      assert.ok(minutes >= 10 && minutes <= 300, `arrived ${minutes} minutes ago`);
      assert.ok(e.reasonCode?.[0]?.text, 'a complaint');
      assert.equal(ix.wardUnit(activeLocation(e)), 'AKM', 'in a box or the waiting area of AKM');
      const url = ix.urlOf.get(e)!;
      const activities = ix.tasks.filter((t) => t.focus?.reference === url);
      assert.ok(activities.length > 0, 'activity tasks');
      for (const t of activities) {
        assert.ok(ix.kindOf(t), 'coded with the logistics task kinds');
        for (const s of [t.authoredOn, t.executionPeriod?.start, t.executionPeriod?.end]) if (s) assert.ok(time(s) >= arrived && time(s) <= NOW.getTime(), `${ix.kindOf(t)} between arrival and now`);
        if (t.status === 'completed') assert.ok(t.executionPeriod?.end, `${ix.kindOf(t)} completed has an end`);
        if (t.status === 'in-progress') assert.ok(t.executionPeriod?.start && !t.executionPeriod.end, `${ix.kindOf(t)} in progress has only a start`);
      }
      const triaged = activities.find((t) => ix.kindOf(t) === TaskKind.triage && t.status === 'completed');
      assert.equal(Boolean(e.priority?.coding?.some((c) => c.system === TRIAGE_SYSTEM)), Boolean(triaged), 'a triage level when triaged');
      const doneAt = (kind: TaskKind, at: 'start' | 'end') => {
        const t = activities.find((a) => ix.kindOf(a) === kind && (a.status === 'completed' || (at === 'start' && a.status === 'in-progress')));
        return t ? time(t.executionPeriod?.[at]) : undefined;
      };
      const judge = (step: keyof typeof breaches, at: number | undefined, target: number) => {
        const deadline = arrived + target * MINUTE;
        if (at !== undefined ? at > deadline : NOW.getTime() > deadline) breaches[step][1]++;
        else if (at !== undefined) breaches[step][0]++;
      };
      judge('triage', doneAt(TaskKind.triage, 'end'), 30);
      judge('treatmentStart', doneAt(TaskKind.treatmentStart, 'start'), 60);
      judge('plan', doneAt(TaskKind.plan, 'end'), 240);
    }
    for (const [step, [met, breached]] of Object.entries(breaches)) {
      assert.ok(met > 0, `${step}: some contacts meet the target`);
      assert.ok(breached > 0, `${step}: some contacts breach the target`);
    }
    const waiting = ed.filter((e) => !e.priority);
    assert.equal(waiting.length, 1, 'one contact not yet triaged');
  });

  test('the KIR patient login: KIR\'s in-progress stays are KIR patients with no care relation to the MED1 logins', () => {
    const kir = ix.current.filter((e) => e.status === 'in-progress' && unitOfEncounter(e) === 'KIR');
    assert.ok(kir.length >= 15, `${kir.length} KIR stays`);
    const med1Logins = new Set(ix.of('Practitioner').filter((p) => ['demo-1', 'demo-5'].includes(p.identifier![0]!.value!)).map((p) => ix.urlOf.get(p)));
    for (const e of kir) {
      assert.equal(e.class.code, 'IMP', 'an inpatient stay');
      assert.equal(ix.wardUnit(activeLocation(e)), 'KIR', 'on KIR (a bed or the theatre)');
      const patient = e.subject!.reference!;
      const current = ix.current.filter((x) => x.subject?.reference === patient);
      for (const x of current) assert.ok(!x.participant?.some((p) => med1Logins.has(p.individual?.reference)), 'no MED1 login takes part in a current contact');
      for (const x of current) assert.notEqual(unitOfEncounter(x), 'MED1', 'no current MED1 contact');
    }
  });

  test('deterministic and relative to now', () => {
    assert.deepEqual(generateDemoPopulation({ seed: DEMO_SEED, patients: DEMO_PATIENTS, now: NOW }), bundle, 'the same seed and now give the same Bundle');
    const later = index(generateDemoPopulation({ seed: DEMO_SEED, patients: DEMO_PATIENTS, now: new Date(NOW.getTime() + 60 * MINUTE) }));
    const starts = (x: ReturnType<typeof index>) => x.current.filter((e) => e.class.code === 'EMER').map((e) => time(e.period?.start));
    assert.deepEqual(starts(later), starts(ix).map((t) => t + 60 * MINUTE), 'an hour later, the ED arrivals are an hour later');
  });

  test('a smaller population is a quieter hospital with the same beds', () => {
    for (const patients of [0, 3, 50]) {
      const small = index(generateDemoPopulation({ seed: 7, patients, now: NOW }));
      assert.equal(small.beds.length, 100, `${patients} patients: still 100 beds`);
      const occupied = small.beds.filter((b) => b.operationalStatus?.code === 'O').length;
      assert.ok(occupied <= patients, `${patients} patients: ${occupied} beds occupied`);
      assert.equal(small.of('Patient').length, patients, `${patients} patients`);
    }
    const three = index(generateDemoPopulation({ seed: 7, patients: 3, now: NOW }));
    assert.deepEqual(three.current.map((e) => three.unitCode(e.serviceProvider?.reference)), ['KIR', 'MED1', 'MED2'], 'the first three are admitted to KIR, MED1 and MED2');
  });
});
