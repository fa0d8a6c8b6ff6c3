/** Builders of new logistics Tasks: a service task for a staff group (portør, rengøring, laborant), an ED activity, and a transfer request. @see https://hl7.org/fhir/R4/task.html */
import type { Reference, Task } from '@medplum/fhirtypes';
import { KERNE_ROLE_SYSTEM } from '../../access/principal.ts';
import { TASK_GROUP_BY_KIND, TASK_INPUT_SYSTEM, TASK_KIND_SYSTEM, TaskInput, TaskKind, TaskStatus } from '../model.ts';
import { TASK_KIND_LEGEND } from './legend.ts';
import { SERVICE_BUSINESS_STATUS, TRANSFER_BUSINESS_STATUS } from './task-flow.ts';

/** Other Task.input types of service tasks (e.g. where a transport goes, valueString). */

export interface NewServiceTaskInput {
  readonly kind: TaskKind;
  readonly now: Date;
  /** The patient (Task.for). */
  readonly patient?: Reference;
  readonly encounter?: Reference;
  /** The bed the work is on (Task.focus; else the encounter is the focus). */
  readonly bed?: Reference;
  /** The ward the work is for (Task.location). */
  readonly ward?: Reference;
  readonly requester?: Reference;
  /** Who has taken the job, if anyone yet. */
  readonly owner?: Reference;
  readonly description?: string;
  readonly priority?: Task['priority'];
  /** Where a transport goes (Task.input typed destination). */
  readonly destination?: string;
}

const code = (kind: TaskKind): Task['code'] => ({ coding: [{ system: TASK_KIND_SYSTEM, code: kind, display: TASK_KIND_LEGEND[kind].da }] });

/** Task reference fields are typed by target; callers hold plain References. */
const typed = <T extends keyof Task>(ref: Reference): NonNullable<Task[T]> => ref as NonNullable<Task[T]>;

/** A requested service task (or ED activity), for the patient, focused on the bed or the encounter, dispatched to its staff group (Task.performerType). */
export function newServiceTask(input: NewServiceTaskInput): Task {
  const group = TASK_GROUP_BY_KIND[input.kind];
  const task: Task = {
    resourceType: 'Task',
    status: TaskStatus.requested,
    intent: 'order',
    businessStatus: { text: SERVICE_BUSINESS_STATUS.requested },
    code: code(input.kind),
    priority: input.priority ?? 'routine',
    authoredOn: input.now.toISOString(),
    lastModified: input.now.toISOString(),
  };
  if (group) task.performerType = [{ coding: [{ system: KERNE_ROLE_SYSTEM, code: group }] }];
  if (input.patient) task.for = input.patient;
  const focus = input.bed ?? input.encounter;
  if (focus) task.focus = focus;
  if (input.encounter) task.encounter = typed<'encounter'>(input.encounter);
  if (input.ward) task.location = typed<'location'>(input.ward);
  if (input.requester) task.requester = typed<'requester'>(input.requester);
  if (input.owner) task.owner = typed<'owner'>(input.owner);
  if (input.description) task.description = input.description;
  if (input.destination) task.input = [{ type: { coding: [{ system: TASK_INPUT_SYSTEM, code: TaskInput.destination }] }, valueString: input.destination }];
  return task;
}

/** A requested ED activity (triage, oplyst ventetid, vurdering …) of an emergency contact. */
export const edActivityTask = (input: { kind: TaskKind; now: Date; patient: Reference; encounter: Reference; requester?: Reference }): Task =>
  newServiceTask({ kind: input.kind, now: input.now, patient: input.patient, encounter: input.encounter, ...(input.requester ? { requester: input.requester } : {}) });

export interface NewTransferTaskInput {
  readonly now: Date;
  readonly patient: Reference;
  readonly encounter: Reference;
  /** The sending unit (Organization): Task.requester. */
  readonly from: Reference;
  /** The receiving unit (Organization): Task.owner. */
  readonly to: Reference;
  /** The receiving ward (Location), when the unit has several: Task.location. */
  readonly toWard?: Reference;
  /** The report to the receiving ward: Task.description. */
  readonly report: string;
  /** Who sent the report (Task.requester is the sending unit): the author of a Task.note holding the report. */
  readonly sentBy?: Reference;
  readonly priority?: Task['priority'];
}

/** A transfer request (the report sent): focus = the Encounter, requester = sending unit, owner = receiving unit, location = receiving ward. */
export function newTransferTask(input: NewTransferTaskInput): Task {
  return {
    resourceType: 'Task',
    status: TaskStatus.requested,
    intent: 'order',
    businessStatus: { text: TRANSFER_BUSINESS_STATUS.requested },
    code: code(TaskKind.transfer),
    priority: input.priority ?? 'routine',
    authoredOn: input.now.toISOString(),
    lastModified: input.now.toISOString(),
    for: input.patient,
    focus: input.encounter,
    encounter: typed<'encounter'>(input.encounter),
    requester: typed<'requester'>(input.from),
    owner: typed<'owner'>(input.to),
    ...(input.toWard ? { location: typed<'location'>(input.toWard) } : {}),
    description: input.report,
    ...(input.sentBy ? { note: [{ authorReference: input.sentBy as NonNullable<Task['note']>[number]['authorReference'], time: input.now.toISOString(), text: input.report }] } : {}),
  };
}

/** Where a service task goes (TaskInput.destination). */
export const taskDestination = (task: Task): string | undefined =>
  task.input?.find((i) => i.type.coding?.some((c) => c.system === TASK_INPUT_SYSTEM && c.code === TaskInput.destination))?.valueString;
