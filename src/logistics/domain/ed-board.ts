/** The ED tracking board: process line, regional service-target timers and 24-h KPIs. @see https://pri.rn.dk/Sider/30089.aspx (Registreringsvejledning for Cetrea tavler) */
import type { Encounter, Task } from '@medplum/fhirtypes';
import type { EdActivity, EdBoard, EdRow, EdTimer } from '../api-types.ts';
import { ED_ACTIVITY_KINDS, NameDisplay, TaskKind, TaskStatus, Triage, TRIAGE_SYSTEM } from '../model.ts';
import { boardPatient, initials } from './names.ts';
import { TRIAGE_SWATCHES } from './palette.ts';
import { codesIn, refId, refKey } from './refs.ts';
import { boardTaskStatus, DONE_STATUSES, taskKindOf } from './row-details.ts';
import { indexSnapshot, type LogisticsSnapshot, type SnapshotIndex } from './snapshot.ts';
import { PRESENT_STATUSES } from './stays.ts';
import { addMinutes, isoAt, toMillis } from './time.ts';

// Process line: Triage → Oplyst ventetid → klinisk vurdering (sygeplejerske/læge) → Afsluttet behandling.

/** Minutes from arrival for each step, and the share of contacts that should meet them. */
export interface EdTargets {
  readonly triage: number;
  readonly waitTold: number;
  readonly treatmentStart: number;
  readonly plan: number;
  readonly goal: number;
}

/** Regional service goals: triage 30 min, expected wait told 30 min, investigation/treatment started 1 h, plan 4 h; 90 % each. */
export const REGIONAL_ED_TARGETS: EdTargets = Object.freeze({ triage: 30, waitTold: 30, treatmentStart: 60, plan: 240, goal: 0.9 });

export const EMERGENCY_CLASS = 'EMER';
export const ED_STEPS: readonly EdTimer['step'][] = ['triage', 'waitTold', 'treatmentStart', 'plan'];
const KPI_WINDOW_MINUTES = 24 * 60;

const TRIAGES = Object.values(Triage) as readonly string[];
export const triageOf = (encounter: Encounter): Triage | undefined =>
  codesIn(encounter.priority, TRIAGE_SYSTEM).find((c) => TRIAGES.includes(c)) as Triage | undefined;

/** When an activity was done (completed: its end), and when it began (its start, else its end). */
const doneAt = (task: Task | undefined): number | undefined =>
  task?.status === 'completed' ? toMillis(task.executionPeriod?.end ?? task.lastModified) : undefined;
const startedAt = (task: Task | undefined): number | undefined =>
  task && task.status !== 'cancelled' && task.status !== 'rejected' && task.status !== 'entered-in-error'
    ? toMillis(task.executionPeriod?.start) ?? doneAt(task) ?? (task.status === 'in-progress' ? toMillis(task.lastModified) : undefined)
    : undefined;

/** The encounter's ED activity tasks by kind, latest first, tasks that were cancelled or rejected after any others. */
function activitiesOf(index: SnapshotIndex, encounterId: string): Map<TaskKind, Task[]> {
  const key = `Encounter/${encounterId}`;
  const byKind = new Map<TaskKind, Task[]>();
  for (const task of index.tasksByRef.get(key) ?? []) {
    if (refKey(task.encounter) !== key && refKey(task.focus) !== key) continue;
    const kind = taskKindOf(task, ED_ACTIVITY_KINDS);
    const status = boardTaskStatus(task.status);
    if (!kind || !status) continue;
    byKind.set(kind, [...(byKind.get(kind) ?? []), task]);
  }
  const dropped = (t: Task): number => (DONE_STATUSES.includes(boardTaskStatus(t.status) ?? TaskStatus.requested) && t.status !== 'completed' ? 1 : 0);
  for (const list of byKind.values()) list.sort((a, b) => dropped(a) - dropped(b) || (toMillis(b.authoredOn) ?? 0) - (toMillis(a.authoredOn) ?? 0));
  return byKind;
}

function timersOf(arrivedMs: number, tasks: Map<TaskKind, Task[]>, targets: EdTargets, nowMs: number): EdTimer[] {
  const first = (kind: TaskKind): Task | undefined => tasks.get(kind)?.[0];
  const doctorStart = (tasks.get(TaskKind.doctorAssessment) ?? []).map(startedAt).filter((t): t is number => t !== undefined).sort((a, b) => a - b)[0];
  const done: Record<EdTimer['step'], number | undefined> = {
    triage: doneAt(first(TaskKind.triage)),
    waitTold: doneAt(first(TaskKind.waitTold)),
    treatmentStart: startedAt(first(TaskKind.treatmentStart)) ?? doctorStart,
    plan: doneAt(first(TaskKind.plan)),
  };
  return ED_STEPS.map((step) => {
    const deadline = addMinutes(arrivedMs, targets[step]);
    const at = done[step];
    return {
      step,
      targetMinutes: targets[step],
      deadline: isoAt(deadline),
      ...(at !== undefined ? { doneAt: isoAt(at) } : {}),
      breached: at !== undefined ? at > deadline : nowMs > deadline,
    };
  });
}

function activityViews(tasks: Map<TaskKind, Task[]>): EdActivity[] {
  return ED_ACTIVITY_KINDS.map((kind) => {
    const task = tasks.get(kind)?.[0];
    const status = task ? boardTaskStatus(task.status) : undefined;
    if (!task || !status) return { kind, status: 'not-started' as const };
    return {
      kind,
      ...(task.id ? { taskId: task.id } : {}),
      status,
      ...(task.executionPeriod?.start ? { started: task.executionPeriod.start } : {}),
      ...(task.executionPeriod?.end ? { ended: task.executionPeriod.end } : {}),
    };
  });
}

const CLINICAL: readonly TaskKind[] = [TaskKind.nurseAssessment, TaskKind.doctorAssessment, TaskKind.treatmentStart, TaskKind.plan];

function rowStatus(activities: readonly EdActivity[]): EdRow['status'] {
  if (activities.some((a) => a.kind === TaskKind.done && a.status === TaskStatus.completed)) return 'done';
  const begun = activities.some((a) => CLINICAL.includes(a.kind) && (a.status === TaskStatus.inProgress || a.status === TaskStatus.completed));
  return begun ? 'in-progress' : 'waiting';
}

const isEmergency = (e: Encounter, unitId: string): boolean =>
  e.class?.code === EMERGENCY_CLASS && refId(e.serviceProvider, 'Organization') === unitId;

/** Triage order: untriaged first (they are waiting to be triaged), then red → blue; then by arrival. */
const severity = (t: Triage | undefined): number => (t ? TRIAGE_SWATCHES[t].level : 0);

/**
 * The ED board at `now`: open emergency contacts of the unit as rows (patients shown per `names`),
 * and the KPIs over every contact that arrived in the last 24 h (finished ones included).
 */
export function deriveEdBoard(snapshot: LogisticsSnapshot, edUnitId: string, now: Date, targets: EdTargets = REGIONAL_ED_TARGETS, names: NameDisplay = NameDisplay.full): EdBoard {
  const index = indexSnapshot(snapshot);
  const nowMs = now.getTime();
  const windowStart = addMinutes(nowMs, -KPI_WINDOW_MINUTES);
  const rows: (EdRow & { readonly arrivedMs: number })[] = [];
  const tally = new Map<EdTimer['step'], { met: number; total: number }>(ED_STEPS.map((s) => [s, { met: 0, total: 0 }]));

  for (const encounter of snapshot.encounters) {
    const arrivedMs = toMillis(encounter.period?.start);
    if (!encounter.id || arrivedMs === undefined || !isEmergency(encounter, edUnitId)) continue;
    if (encounter.status === 'cancelled' || encounter.status === 'entered-in-error') continue;
    const tasks = activitiesOf(index, encounter.id);
    const timers = timersOf(arrivedMs, tasks, targets, nowMs);

    if (arrivedMs > windowStart && arrivedMs <= nowMs) {
      for (const t of timers) {
        const counts = tally.get(t.step);
        if (!counts || (t.doneAt === undefined && !t.breached)) continue; // still running: not yet met or missed
        counts.total++;
        if (!t.breached) counts.met++;
      }
    }
    if (!PRESENT_STATUSES.includes(encounter.status)) continue;

    const patientId = refId(encounter.subject, 'Patient') ?? '';
    const resource = index.patients.get(patientId);
    const display = encounter.subject?.display ?? '';
    const patient = resource ? boardPatient(resource, names, now) : { id: patientId, name: names === NameDisplay.full ? display : initials(display) };
    const triage = triageOf(encounter);
    const complaint = encounter.reasonCode?.map((r) => r.text ?? r.coding?.[0]?.display).find(Boolean);
    const current = [...(encounter.location ?? [])].reverse().find((l) => (l.status ?? 'active') === 'active' && !l.period?.end);
    const area = index.locations.get(refId(current?.location, 'Location') ?? '')?.name ?? current?.location.display;
    const activities = activityViews(tasks);
    rows.push({
      arrivedMs,
      encounterId: encounter.id,
      patient,
      arrived: encounter.period?.start ?? isoAt(arrivedMs),
      ...(triage ? { triage } : {}),
      ...(complaint ? { complaint } : {}),
      ...(area ? { area } : {}),
      activities,
      timers,
      status: rowStatus(activities),
    });
  }

  rows.sort((a, b) => severity(a.triage) - severity(b.triage) || a.arrivedMs - b.arrivedMs);
  const kpis = ED_STEPS.map((step) => {
    const { met, total } = tally.get(step) ?? { met: 0, total: 0 };
    return { step, met, total, share: total === 0 ? 1 : met / total, goal: targets.goal };
  });
  return { rows: rows.map(({ arrivedMs: _, ...row }) => row), kpis, generatedAt: now.toISOString() };
}
