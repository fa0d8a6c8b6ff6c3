/** What a ward-board row shows about a stay besides its place: responsible staff, safety flags, pending tests and service tasks. */
import type { CareTeam, Encounter, Period, Task } from '@medplum/fhirtypes';
import { BOARD_FLAG_SYSTEM, BoardFlag, CARE_ROLE_SYSTEM, CareRole, SERVICE_TASK_KINDS, TASK_KIND_SYSTEM, TaskStatus, type BoardTask, type TaskKind } from '../model.ts';
import { fullName } from './names.ts';
import { codesIn, conceptText, hasCode, isRefTo, refId, refKey } from './refs.ts';
import type { SnapshotIndex } from './snapshot.ts';
import { danishDay, toMillis } from './time.ts';

const covers = (period: Period | undefined, nowMs: number): boolean =>
  (toMillis(period?.start) ?? Number.NEGATIVE_INFINITY) <= nowMs && nowMs < (toMillis(period?.end) ?? Number.POSITIVE_INFINITY);

/** Responsible nurse and doctor: from the active CareTeam of the encounter, else of the patient (participants current at `now`). */
export function responsibleStaff(index: SnapshotIndex, encounter: Encounter, now: Date): { nurse?: string; doctor?: string } {
  const nowMs = now.getTime();
  const patientId = refId(encounter.subject, 'Patient');
  const active = index.snapshot.careTeams.filter((t) => t.status === 'active' && covers(t.period, nowMs));
  const ofEncounter = active.filter((t) => encounter.id && isRefTo(t.encounter, 'Encounter', encounter.id));
  const ofPatient = active.filter((t) => !t.encounter && patientId && isRefTo(t.subject, 'Patient', patientId));
  const teams: CareTeam[] = [...ofEncounter, ...ofPatient];
  const find = (role: string): string | undefined => {
    for (const team of teams) {
      for (const p of team.participant ?? []) {
        if (!hasCode(p.role, CARE_ROLE_SYSTEM, role) || !covers(p.period, nowMs)) continue;
        const practitionerId = refId(p.member, 'Practitioner');
        const name = (practitionerId ? fullName(index.practitioners.get(practitionerId)) : undefined) ?? p.member?.display;
        if (name) return name;
      }
    }
    return undefined;
  };
  const nurse = find(CareRole.responsibleNurse);
  const doctor = find(CareRole.responsibleDoctor);
  return { ...(nurse ? { nurse } : {}), ...(doctor ? { doctor } : {}) };
}

const FLAG_ORDER = Object.values(BoardFlag) as readonly string[];

/** Active board flags of the patient (this stay's or patient-wide), plus CAVE for an active high-criticality allergy; in a fixed order. */
export function boardFlags(index: SnapshotIndex, patientId: string, encounterId: string | undefined, now: Date): BoardFlag[] {
  const nowMs = now.getTime();
  const found = new Set<string>();
  for (const flag of index.snapshot.flags) {
    if (flag.status !== 'active' || !isRefTo(flag.subject, 'Patient', patientId) || !covers(flag.period, nowMs)) continue;
    if (flag.encounter && !(encounterId && isRefTo(flag.encounter, 'Encounter', encounterId))) continue;
    for (const code of codesIn(flag.code, BOARD_FLAG_SYSTEM)) found.add(code);
  }
  const hasCave = index.snapshot.allergies.some(
    (a) => isRefTo(a.patient, 'Patient', patientId) && a.criticality === 'high' &&
      (!a.clinicalStatus || codesIn(a.clinicalStatus, 'http://terminology.hl7.org/CodeSystem/allergyintolerance-clinical').includes('active')) &&
      !codesIn(a.verificationStatus, 'http://terminology.hl7.org/CodeSystem/allergyintolerance-verification').some((c) => c === 'refuted' || c === 'entered-in-error'),
  );
  if (hasCave) found.add(BoardFlag.cave);
  return FLAG_ORDER.filter((f) => found.has(f)) as BoardFlag[];
}

/** Active ServiceRequests of the patient that no result names in basedOn, as their code text, oldest first. */
export function pendingTests(index: SnapshotIndex, patientId: string): string[] {
  return index.snapshot.serviceRequests
    .filter((r) => r.status === 'active' && isRefTo(r.subject, 'Patient', patientId) && !(r.id && index.fulfilledRequests.has(r.id)))
    .sort((a, b) => (toMillis(a.authoredOn) ?? 0) - (toMillis(b.authoredOn) ?? 0))
    .map((r) => conceptText(r.code) ?? r.id ?? '')
    .filter(Boolean);
}

/** FHIR Task.status as the board's simpler status (entered-in-error: not shown). */
export function boardTaskStatus(status: Task['status']): TaskStatus | undefined {
  switch (status) {
    case 'draft': case 'requested': case 'received': case 'ready': return TaskStatus.requested;
    case 'accepted': return TaskStatus.accepted;
    case 'in-progress': case 'on-hold': return TaskStatus.inProgress;
    case 'completed': return TaskStatus.completed;
    case 'cancelled': case 'failed': return TaskStatus.cancelled;
    case 'rejected': return TaskStatus.rejected;
    default: return undefined;
  }
}

export const DONE_STATUSES: readonly TaskStatus[] = [TaskStatus.completed, TaskStatus.cancelled, TaskStatus.rejected];

/** The task kind coded in TASK_KIND_SYSTEM, if one of the given kinds. */
export const taskKindOf = (task: Task, kinds: readonly TaskKind[]): TaskKind | undefined =>
  codesIn(task.code, TASK_KIND_SYSTEM).find((c) => (kinds as readonly string[]).includes(c)) as TaskKind | undefined;

export function toBoardTask(task: Task, kind: TaskKind, status: TaskStatus): BoardTask {
  return {
    id: task.id ?? '',
    kind,
    status,
    ...(task.description ? { description: task.description } : {}),
    ...(task.authoredOn ? { authoredOn: task.authoredOn } : {}),
    ...(task.executionPeriod?.start ? { started: task.executionPeriod.start } : {}),
    ...(task.executionPeriod?.end ? { ended: task.executionPeriod.end } : {}),
  };
}

/** A done task still shows today (Danish calendar day) and is gone tomorrow. */
export function isShownToday(task: Task, status: TaskStatus, now: Date): boolean {
  if (!DONE_STATUSES.includes(status)) return true;
  const endedMs = toMillis(task.executionPeriod?.end ?? task.lastModified ?? task.authoredOn);
  return endedMs !== undefined && danishDay(endedMs) >= danishDay(now);
}

/**
 * Service tasks (transport, cleaning, lab) for a row: for the patient, or focused on the encounter
 * or the bed. Done bed tasks (e.g. the cleaning after the last patient) show only on an empty bed.
 */
export function rowTasks(index: SnapshotIndex, ids: { patientId?: string; encounterId?: string; bedId?: string }, now: Date): BoardTask[] {
  const keys = [ids.patientId && `Patient/${ids.patientId}`, ids.encounterId && `Encounter/${ids.encounterId}`, ids.bedId && `Location/${ids.bedId}`].filter(Boolean) as string[];
  const seen = new Set<Task>();
  const out: { task: BoardTask; ms: number }[] = [];
  for (const key of keys) {
    for (const task of index.tasksByRef.get(key) ?? []) {
      if (seen.has(task)) continue;
      seen.add(task);
      const relevant = (ids.patientId && refKey(task.for) === `Patient/${ids.patientId}`) || (ids.encounterId && refKey(task.focus) === `Encounter/${ids.encounterId}`) || (ids.encounterId && refKey(task.encounter) === `Encounter/${ids.encounterId}`);
      const onBed = ids.bedId && refKey(task.focus) === `Location/${ids.bedId}`;
      if (!relevant && !onBed) continue;
      const kind = taskKindOf(task, SERVICE_TASK_KINDS);
      const status = boardTaskStatus(task.status);
      if (!kind || !status || !isShownToday(task, status, now)) continue;
      if (!relevant && DONE_STATUSES.includes(status) && ids.patientId) continue;
      out.push({ task: toBoardTask(task, kind, status), ms: toMillis(task.authoredOn) ?? 0 });
    }
  }
  return out.sort((a, b) => a.ms - b.ms).map((t) => t.task);
}
