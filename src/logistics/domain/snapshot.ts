/** What the server loads for a board: the FHIR resources every pure derivation in this folder reads, and lookups over them. */
import type {
  AllergyIntolerance, CareTeam, DiagnosticReport, Encounter, Flag, Location, Observation, Organization, Patient, Practitioner, ServiceRequest, Task,
} from '@medplum/fhirtypes';
import { refKey } from './refs.ts';

export interface LogisticsSnapshot {
  locations: Location[];
  organizations: Organization[];
  encounters: Encounter[];
  patients: Patient[];
  careTeams: CareTeam[];
  practitioners: Practitioner[];
  flags: Flag[];
  allergies: AllergyIntolerance[];
  serviceRequests: ServiceRequest[];
  /** Results that may fulfil a ServiceRequest (through basedOn). */
  results: (Observation | DiagnosticReport)[];
  /** Service tasks, transfers and ED activities. */
  tasks: Task[];
  /** Early-warning score Observations (NEWS2/TOKS totals). */
  earlyWarnings: Observation[];
}

export const emptySnapshot = (): LogisticsSnapshot => ({
  locations: [], organizations: [], encounters: [], patients: [], careTeams: [], practitioners: [], flags: [], allergies: [],
  serviceRequests: [], results: [], tasks: [], earlyWarnings: [],
});

/** Lookups built once per snapshot (memoised), so derivations over a whole hospital stay linear. Treat a snapshot as immutable once derived from. */
export interface SnapshotIndex {
  readonly snapshot: LogisticsSnapshot;
  readonly locations: ReadonlyMap<string, Location>;
  readonly organizations: ReadonlyMap<string, Organization>;
  readonly encounters: ReadonlyMap<string, Encounter>;
  readonly patients: ReadonlyMap<string, Patient>;
  readonly practitioners: ReadonlyMap<string, Practitioner>;
  /** Tasks by every "Type/id" they point at through for, focus or encounter. */
  readonly tasksByRef: ReadonlyMap<string, readonly Task[]>;
  /** Ids of ServiceRequests some result names in basedOn. */
  readonly fulfilledRequests: ReadonlySet<string>;
}

const byId = <T extends { id?: string }>(items: readonly T[]): Map<string, T> => {
  const map = new Map<string, T>();
  for (const item of items) if (item.id && !map.has(item.id)) map.set(item.id, item);
  return map;
};

const memo = new WeakMap<LogisticsSnapshot, SnapshotIndex>();

export function indexSnapshot(snapshot: LogisticsSnapshot): SnapshotIndex {
  const cached = memo.get(snapshot);
  if (cached) return cached;
  const tasksByRef = new Map<string, Task[]>();
  for (const task of snapshot.tasks) {
    const keys = new Set([refKey(task.for), refKey(task.focus), refKey(task.encounter)]);
    for (const key of keys) {
      if (!key) continue;
      const list = tasksByRef.get(key);
      if (list) list.push(task);
      else tasksByRef.set(key, [task]);
    }
  }
  const fulfilledRequests = new Set<string>();
  for (const result of snapshot.results) {
    if (result.status === 'cancelled' || result.status === 'entered-in-error') continue;
    for (const ref of result.basedOn ?? []) {
      const key = refKey(ref);
      if (key?.startsWith('ServiceRequest/')) fulfilledRequests.add(key.slice('ServiceRequest/'.length));
    }
  }
  const index: SnapshotIndex = {
    snapshot,
    locations: byId(snapshot.locations),
    organizations: byId(snapshot.organizations),
    encounters: byId(snapshot.encounters),
    patients: byId(snapshot.patients),
    practitioners: byId(snapshot.practitioners),
    tasksByRef,
    fulfilledRequests,
  };
  memo.set(snapshot, index);
  return index;
}
