/** Escalation to a doctor on an early-warning trigger: when (escalationFor, shouldCreateEscalation), the Task (buildEscalationTask), its acknowledgement, and reading it back. @see shared/reference/early-warning.md §2 @see https://hl7.org/fhir/R4/task.html */
import type { Annotation, Task } from '@medplum/fhirtypes';
import { KERNE_ROLE_SYSTEM, Role, ROLE_DISPLAY } from '../../access/principal.ts';
import { EARLY_WARNING_LEVEL_SYSTEM, EARLY_WARNING_SYSTEM, EarlyWarningCode } from './codes.ts';
import { levelRank } from './interpret.ts';
import { isEscalationLevel, Level, TASK_PRIORITIES, type EscalationLevel, type ScoreResult, type TaskPriority } from './model.ts';
import type { RuleSet } from './rule-set-schema.ts';

export interface Escalation {
  readonly level: EscalationLevel;
  readonly priority: TaskPriority;
  /** Danish, for Task.description. */
  readonly reason: string;
  /** The nurse's concern is among the triggers. */
  readonly concern: boolean;
}

const CONCERN_TEXT = 'sygeplejersken er bekymret';
const atLeast = (p: TaskPriority, floor: TaskPriority): TaskPriority => (TASK_PRIORITIES.indexOf(p) < TASK_PRIORITIES.indexOf(floor) ? floor : p);

/**
 * Whether a result calls a doctor: red → urgent, ≥ urgent threshold → asap, ≥ emergency threshold → stat
 * (the priorities are rule-set data). A nurse's concern — in the result, or given here when the set
 * is incomplete — escalates at least at level red with priority urgent.
 */
export function escalationFor(result: ScoreResult, options: { concern?: boolean } = {}): Escalation | undefined {
  const concern = options.concern === true || (result.status === 'complete' && result.concern);
  if (result.status !== 'complete') {
    return concern ? { level: Level.red, priority: 'urgent', reason: `Ufuldstændig score: ${CONCERN_TEXT} — lægevurdering`, concern } : undefined;
  }
  const r = result.response;
  const headline = `${result.ruleSet.scoreCode} ${result.total}${result.adjusted ? ` (justeret ${result.adjusted.total})` : ''}`;
  if (!r.escalate || !isEscalationLevel(r.level) || !r.priority) {
    return concern ? { level: Level.red, priority: 'urgent', reason: `${headline}: ${CONCERN_TEXT} — lægevurdering`, concern } : undefined;
  }
  const priority = concern ? atLeast(r.priority, 'urgent') : r.priority;
  return { level: r.level, priority, reason: `${headline}: ${r.action.da}${concern ? ` (${CONCERN_TEXT})` : ''}`, concern };
}

export interface EscalationTaskInput {
  readonly id: string;
  /** 'Patient/x'. */
  readonly patient: string;
  readonly encounter?: string;
  /** The score Observation ('Observation/x'), or the concern Observation when the set is incomplete: Task.focus. */
  readonly scoreObservation?: string;
  readonly level: EscalationLevel;
  /** The responsible unit ('Organization/x'): Task.restriction.recipient. */
  readonly unit?: string;
  readonly now: Date;
  /** The result that triggered it: description, priority, total and time to respond. */
  readonly result?: ScoreResult;
  /** The rule set: the level's priority and time to respond when `result` does not give them (e.g. concern on an incomplete set). */
  readonly ruleSet?: RuleSet;
  /** Overrides the computed Danish description. */
  readonly description?: string;
  readonly concern?: boolean;
}

const SCORE_INPUT = 'score';

/** A requested escalation Task for the doctor role: focus the score, priority by level, respond by restriction.period.end. */
export function buildEscalationTask(input: EscalationTaskInput): Task {
  const result = input.result;
  const complete = result?.status === 'complete' ? result : undefined;
  const wanted = result ? escalationFor(result, { concern: input.concern === true }) : undefined;
  const levelDef = input.ruleSet?.levels[input.level];
  const sameLevel = complete?.response.level === input.level ? complete.response : undefined;
  const priority: TaskPriority = wanted?.level === input.level ? wanted.priority : levelDef?.taskPriority ?? sameLevel?.priority ?? 'urgent';
  const respondWithin = levelDef?.respondWithinMinutes ?? sameLevel?.respondWithinMinutes;
  const description = input.description ?? (wanted?.level === input.level ? wanted.reason : undefined) ?? (levelDef ? levelDef.action.da : 'Tidlig opsporing: lægevurdering');
  const concern = input.concern === true || wanted?.concern === true;
  const now = input.now.toISOString();
  return {
    resourceType: 'Task',
    id: input.id,
    status: 'requested',
    intent: 'order',
    priority,
    code: { coding: [{ system: EARLY_WARNING_SYSTEM, code: EarlyWarningCode.escalation, display: 'Early-warning escalation' }], text: 'Tidlig opsporing: tilkald læge' },
    businessStatus: { coding: [{ system: EARLY_WARNING_LEVEL_SYSTEM, code: input.level }], text: input.ruleSet?.levels[input.level].label.da ?? input.level },
    description,
    ...(input.scoreObservation ? { focus: { reference: input.scoreObservation } } : {}),
    for: { reference: input.patient },
    ...(input.encounter ? { encounter: { reference: input.encounter } } : {}),
    authoredOn: now,
    lastModified: now,
    performerType: [{ coding: [{ system: KERNE_ROLE_SYSTEM, code: Role.laege, display: ROLE_DISPLAY.laege.da }] }],
    ...(concern ? { reasonCode: { coding: [{ system: EARLY_WARNING_SYSTEM, code: EarlyWarningCode.nurseConcern, display: 'Nurse concern' }], text: 'Sygeplejerskens bekymring' } } : {}),
    ...(respondWithin !== undefined || input.unit
      ? {
          restriction: {
            ...(respondWithin !== undefined ? { period: { start: now, end: new Date(input.now.getTime() + respondWithin * 60_000).toISOString() } } : {}),
            ...(input.unit ? { recipient: [{ reference: input.unit }] } : {}),
          },
        }
      : {}),
    ...(complete ? { input: [{ type: { coding: [{ system: EARLY_WARNING_SYSTEM, code: complete.ruleSet.scoreCode }], text: SCORE_INPUT }, valueInteger: complete.total }] } : {}),
  };
}

export const isEscalationTask = (task: Task): boolean =>
  (task.code?.coding ?? []).some((c) => c.system === EARLY_WARNING_SYSTEM && c.code === EarlyWarningCode.escalation);

/** Task statuses in which an escalation still waits for (or is being handled by) a doctor. */
export const OPEN_ESCALATION_STATUSES: readonly Task['status'][] = ['draft', 'requested', 'received', 'accepted', 'ready', 'in-progress', 'on-hold'];

export const levelOfTask = (task: Task): EscalationLevel | undefined => {
  const code = task.businessStatus?.coding?.find((c) => c.system === EARLY_WARNING_LEVEL_SYSTEM)?.code;
  return isEscalationLevel(code) ? code : undefined;
};

/** Create a new escalation only when the level escalates and no open escalation at the same or a higher level exists. */
export function shouldCreateEscalation(openTasks: readonly Task[], newLevel: Level): boolean {
  if (!isEscalationLevel(newLevel)) return false;
  return !openTasks.some((t) => {
    if (!isEscalationTask(t) || !OPEN_ESCALATION_STATUSES.includes(t.status)) return false;
    const level = levelOfTask(t);
    return level !== undefined && levelRank(level) >= levelRank(newLevel);
  });
}

export const EscalationErrorCode = { notEscalation: 'EWS_NOT_ESCALATION', closed: 'EWS_ESCALATION_CLOSED' } as const;
export type EscalationErrorCode = (typeof EscalationErrorCode)[keyof typeof EscalationErrorCode];
export interface EscalationError {
  readonly code: EscalationErrorCode;
  readonly error: string;
}
export const isEscalationError = (value: Task | EscalationError): value is EscalationError => 'error' in value;

/** A doctor acknowledges (has assessed): the Task goes accepted → completed, owned by the doctor, with executionPeriod and an optional note. */
export function acknowledgeEscalation(task: Task, ack: { practitioner: string; now: Date; note?: string }): Task | EscalationError {
  if (!isEscalationTask(task)) return { code: EscalationErrorCode.notEscalation, error: 'Not an early-warning escalation Task' };
  if (!OPEN_ESCALATION_STATUSES.includes(task.status)) return { code: EscalationErrorCode.closed, error: `The escalation is already ${task.status}` };
  const now = ack.now.toISOString();
  const note: Annotation[] = ack.note ? [{ authorReference: { reference: ack.practitioner }, time: now, text: ack.note }] : [];
  return {
    ...task,
    status: 'completed',
    owner: { reference: ack.practitioner } as Task['owner'],
    executionPeriod: { start: task.executionPeriod?.start ?? now, end: now },
    lastModified: now,
    ...(note.length ? { note: [...(task.note ?? []), ...note] } : {}),
  };
}

/** An escalation Task read back. */
export interface EscalationSummary {
  readonly id?: string;
  readonly level: EscalationLevel;
  readonly priority: TaskPriority;
  readonly description: string;
  readonly status: Task['status'];
  readonly open: boolean;
  readonly concern: boolean;
  readonly authoredOn?: string;
  readonly respondBy?: string;
  /** Still open past respondBy at `now` (false without `now`). */
  readonly late: boolean;
  readonly score?: { readonly total: number; readonly scoreCode: string; readonly observation?: string };
  readonly acknowledgedBy?: string;
  readonly acknowledgedAt?: string;
}

export function readEscalationTask(task: Task, now?: Date): EscalationSummary | undefined {
  const level = levelOfTask(task);
  if (!isEscalationTask(task) || !level) return undefined;
  const priority = TASK_PRIORITIES.includes(task.priority as TaskPriority) ? (task.priority as TaskPriority) : 'urgent';
  const open = OPEN_ESCALATION_STATUSES.includes(task.status);
  const respondBy = task.restriction?.period?.end;
  const scoreInput = task.input?.find((i) => i.type.coding?.some((c) => c.system === EARLY_WARNING_SYSTEM) && typeof i.valueInteger === 'number');
  const scoreCode = scoreInput?.type.coding?.find((c) => c.system === EARLY_WARNING_SYSTEM)?.code;
  const done = task.status === 'completed';
  return {
    ...(task.id ? { id: task.id } : {}),
    level,
    priority,
    description: task.description ?? '',
    status: task.status,
    open,
    concern: (task.reasonCode?.coding ?? []).some((c) => c.system === EARLY_WARNING_SYSTEM && c.code === EarlyWarningCode.nurseConcern),
    ...(task.authoredOn ? { authoredOn: task.authoredOn } : {}),
    ...(respondBy ? { respondBy } : {}),
    late: open && now !== undefined && respondBy !== undefined && now.getTime() > Date.parse(respondBy),
    ...(scoreInput && scoreCode ? { score: { total: scoreInput.valueInteger!, scoreCode, ...(task.focus?.reference ? { observation: task.focus.reference } : {}) } } : {}),
    ...(done && task.owner?.reference ? { acknowledgedBy: task.owner.reference } : {}),
    ...(done && task.executionPeriod?.end ? { acknowledgedAt: task.executionPeriod.end } : {}),
  };
}
