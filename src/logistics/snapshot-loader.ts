/**
 * Loads what a board derives its rows from (a LogisticsSnapshot) through the caller's repository,
 * so the caller's access rules filter it and every patient it returns is audited. I/O only: the
 * derivation is in ./domain.
 */
import type { Encounter, Location, Organization, Resource, Task } from '@medplum/fhirtypes';
import type { Queryable } from '../db/index.ts';
import type { FhirRepository } from '../fhir/repository/index.ts';
import { refId, type LogisticsSnapshot } from './domain/index.ts';
import { EARLY_WARNING_SYSTEM, EarlyWarningScore, TASK_KIND_SYSTEM, TaskKind } from './model.ts';

const PAGE = '1000';
/** Encounter statuses of a stay that is not over (R4). */
export const OPEN_ENCOUNTER_STATUSES = 'planned,arrived,triaged,in-progress,onleave';
const OPEN_TASK_STATUSES = 'draft,requested,received,accepted,ready,in-progress,on-hold';

/** Every resource of a search (matches and includes), parsed; one page of up to 1000 (or the search's own _count). */
export async function searchResources<T extends Resource = Resource>(repo: FhirRepository, resourceType: string, params: [string, string][], q?: Queryable): Promise<T[]> {
  const count: [string, string][] = params.some(([k]) => k === '_count') ? [] : [['_count', PAGE]];
  const result = await repo.search({ resourceType, params: [...params, ...count], baseUrl: '', handling: 'strict' }, q);
  return result.entries.map((e) => JSON.parse(e.json) as T);
}

const refs = (type: string, ids: Iterable<string>) => [...new Set(ids)].map((id) => `${type}/${id}`).join(',');
const byType = <T extends Resource>(rs: Resource[], type: T['resourceType']) => rs.filter((r): r is T => r.resourceType === type);

/** The organisation: every Location and Organization (directory data, not patient data). */
export async function loadPlaces(repo: FhirRepository): Promise<{ locations: Location[]; organizations: Organization[] }> {
  const [locations, organizations] = await Promise.all([
    searchResources<Location>(repo, 'Location', []),
    searchResources<Organization>(repo, 'Organization', []),
  ]);
  return { locations, organizations };
}

/** Locations that belong to `wardId` (the ward itself, its rooms and beds, at any depth). */
export function placesOfWard(locations: readonly Location[], wardId: string): string[] {
  const children = new Map<string, string[]>();
  for (const l of locations) {
    const parent = refId(l.partOf, 'Location');
    if (parent && l.id) children.set(parent, [...(children.get(parent) ?? []), l.id]);
  }
  const out: string[] = [];
  const walk = (id: string, depth: number) => {
    out.push(id);
    if (depth < 6) for (const c of children.get(id) ?? []) walk(c, depth + 1);
  };
  walk(wardId, 0);
  return out;
}

/**
 * A ward board's snapshot: the ward unit's open stays, stays in the ward's places, transfers to the
 * unit, and for those patients their care teams, flags, allergies, pending requests with results,
 * tasks and early-warning scores; tasks on the ward's beds.
 */
export async function loadWardSnapshot(repo: FhirRepository, wardId: string, now: Date): Promise<LogisticsSnapshot> {
  const { locations, organizations } = await loadPlaces(repo);
  const ward = locations.find((l) => l.id === wardId);
  const unitId = refId(ward?.managingOrganization, 'Organization');
  const places = placesOfWard(locations, wardId);
  const [ofUnit, inPlaces, transfers, bedTasks] = await Promise.all([
    unitId ? searchResources(repo, 'Encounter', [['service-provider', `Organization/${unitId}`], ['status', OPEN_ENCOUNTER_STATUSES], ['_include', 'Encounter:subject']]) : [],
    searchResources(repo, 'Encounter', [['location', refs('Location', places)], ['status', OPEN_ENCOUNTER_STATUSES], ['_include', 'Encounter:subject']]),
    unitId ? loadTransfersOf(repo, unitId) : [],
    searchResources<Task>(repo, 'Task', [['focus', refs('Location', places)], ['status', OPEN_TASK_STATUSES]]),
  ]);
  return completeSnapshot(repo, { locations, organizations }, [...ofUnit, ...inPlaces, ...transfers], bedTasks, now);
}

/** The emergency department's snapshot: its emergency stays (open, or ended in the last 24 hours for the KPIs). */
export async function loadEdSnapshot(repo: FhirRepository, edUnitId: string, now: Date): Promise<LogisticsSnapshot> {
  const places = await loadPlaces(repo);
  const since = new Date(now.getTime() - 24 * 3_600_000).toISOString();
  const stays = await searchResources(repo, 'Encounter', [['service-provider', `Organization/${edUnitId}`], ['class', 'EMER'], ['date', `ge${since}`], ['_include', 'Encounter:subject']]);
  const open = await searchResources(repo, 'Encounter', [['service-provider', `Organization/${edUnitId}`], ['class', 'EMER'], ['status', OPEN_ENCOUNTER_STATUSES], ['_include', 'Encounter:subject']]);
  return completeSnapshot(repo, places, [...stays, ...open], [], now);
}

/** The hospital's open stays (for the bed overview: counted, never shown per patient). */
export async function loadHospitalSnapshot(repo: FhirRepository, now: Date): Promise<LogisticsSnapshot> {
  const places = await loadPlaces(repo);
  const stays = await searchResources(repo, 'Encounter', [['status', OPEN_ENCOUNTER_STATUSES]]);
  return { ...emptySnapshot(), ...places, encounters: dedupe(byType<Encounter>(stays, 'Encounter')) };
}

async function loadTransfersOf(repo: FhirRepository, unitId: string): Promise<Resource[]> {
  const code = `${TASK_KIND_SYSTEM}|${TaskKind.transfer}`;
  // The stay (focus) and its patient (Task.for): an incoming patient is in neither of the ward's Encounter searches.
  const include: [string, string][] = [['_include', 'Task:focus'], ['_include', 'Task:subject']];
  const [incoming, outgoing] = await Promise.all([
    searchResources(repo, 'Task', [['code', code], ['owner', `Organization/${unitId}`], ['status', OPEN_TASK_STATUSES], ...include]),
    searchResources(repo, 'Task', [['code', code], ['requester', `Organization/${unitId}`], ['status', OPEN_TASK_STATUSES], ...include]),
  ]);
  return [...incoming, ...outgoing];
}

function emptySnapshot(): Omit<LogisticsSnapshot, 'locations' | 'organizations'> {
  return { encounters: [], patients: [], careTeams: [], practitioners: [], flags: [], allergies: [], serviceRequests: [], results: [], tasks: [], earlyWarnings: [] };
}

function dedupe<T extends Resource>(rs: readonly T[]): T[] {
  const seen = new Map<string, T>();
  for (const r of rs) seen.set(`${r.resourceType}/${r.id}`, r);
  return [...seen.values()];
}

/** Adds, for the stays found, their patients' clinical context in a few searches. */
async function completeSnapshot(
  repo: FhirRepository,
  places: { locations: Location[]; organizations: Organization[] },
  found: Resource[],
  extraTasks: Task[],
  now: Date,
): Promise<LogisticsSnapshot> {
  const encounters = dedupe(byType<Encounter>(found, 'Encounter'));
  const patients = dedupe(byType(found, 'Patient'));
  const transferTasks = byType<Task>(found, 'Task');
  const patientIds = [...new Set(encounters.map((e) => refId(e.subject, 'Patient')).filter((x): x is string => !!x))];
  if (patientIds.length === 0) return { ...emptySnapshot(), ...places, encounters, patients, tasks: dedupe([...transferTasks, ...extraTasks]) } as LogisticsSnapshot;
  const subject = refs('Patient', patientIds);
  const since = new Date(now.getTime() - 48 * 3_600_000).toISOString();
  const [careTeams, flags, allergies, serviceRequests, openTasks, recentTasks, earlyWarnings] = await Promise.all([
    searchResources(repo, 'CareTeam', [['subject', subject], ['status', 'active'], ['_include', 'CareTeam:participant']]),
    searchResources(repo, 'Flag', [['subject', subject]]),
    searchResources(repo, 'AllergyIntolerance', [['patient', subject]]),
    searchResources(repo, 'ServiceRequest', [['subject', subject], ['status', 'active']]),
    searchResources<Task>(repo, 'Task', [['subject', subject], ['status', OPEN_TASK_STATUSES]]),
    searchResources<Task>(repo, 'Task', [['subject', subject], ['modified', `ge${new Date(now.getTime() - 24 * 3_600_000).toISOString()}`]]),
    searchResources(repo, 'Observation', [['subject', subject], ['code', `${EARLY_WARNING_SYSTEM}|${EarlyWarningScore.news2},${EARLY_WARNING_SYSTEM}|${EarlyWarningScore.toks}`], ['date', `ge${since}`]]),
  ]);
  const requestIds = serviceRequests.filter((r) => r.resourceType === 'ServiceRequest').map((r) => r.id!);
  const results = requestIds.length
    ? (await Promise.all([
        searchResources(repo, 'Observation', [['based-on', refs('ServiceRequest', requestIds)]]),
        searchResources(repo, 'DiagnosticReport', [['based-on', refs('ServiceRequest', requestIds)]]),
      ])).flat()
    : [];
  return {
    ...places,
    encounters,
    patients,
    careTeams: byType(careTeams, 'CareTeam'),
    practitioners: byType(careTeams, 'Practitioner'),
    flags: byType(flags, 'Flag'),
    allergies: byType(allergies, 'AllergyIntolerance'),
    serviceRequests: byType(serviceRequests, 'ServiceRequest'),
    results: results.filter((r) => r.resourceType === 'Observation' || r.resourceType === 'DiagnosticReport') as LogisticsSnapshot['results'],
    tasks: dedupe([...transferTasks, ...extraTasks, ...byType<Task>([...openTasks, ...recentTasks], 'Task')]),
    earlyWarnings: byType(earlyWarnings, 'Observation'),
  } as LogisticsSnapshot;
}
