/** State machines of logistics Tasks: service tasks and ED activities, and the transfer handshake. @see https://hl7.org/fhir/R4/task.html#statemachine */
import type { Reference, Task } from '@medplum/fhirtypes';
import { TaskStatus, TRANSFER_INPUT_SYSTEM } from '../model.ts';
import { isTransferTask, TransferInput, transferBed } from './transfers.ts';

// Service tasks: requested → accepted → in-progress → completed; requested/accepted → cancelled.
// Transfers: requested → accepted | rejected → in-progress (bed assigned) → completed (moved).
// Who may do what is decided elsewhere.

export type TaskAction = 'accept' | 'start' | 'complete' | 'cancel';
export type TransferAction = 'accept' | 'reject' | 'assign-bed' | 'move';

export const TaskFlowErrorCode = {
  invalidTransition: 'TASK_INVALID_TRANSITION',
  wrongKind: 'TASK_WRONG_KIND',
  bedMissing: 'TASK_BED_MISSING',
} as const;
export type TaskFlowErrorCode = (typeof TaskFlowErrorCode)[keyof typeof TaskFlowErrorCode];
export interface TaskFlowError {
  readonly error: string;
  readonly code: TaskFlowErrorCode;
}
export const isTaskFlowError = (value: Task | TaskFlowError): value is TaskFlowError => 'error' in value;

/** Task.businessStatus text (Danish, as on Cetrea and Columna boards). */
export const SERVICE_BUSINESS_STATUS: Readonly<Record<TaskStatus, string>> = {
  requested: 'Afventer',
  accepted: 'Accepteret',
  'in-progress': 'I gang',
  completed: 'Afsluttet',
  cancelled: 'Aflyst',
  rejected: 'Afvist',
};
export const TRANSFER_BUSINESS_STATUS: Readonly<Record<TaskStatus, string>> = {
  requested: 'Afventer svar',
  accepted: 'Accepteret',
  'in-progress': 'Seng klar',
  completed: 'Flyttet',
  cancelled: 'Aflyst',
  rejected: 'Afvist',
};

/** FHIR statuses that mean "asked for, nobody has taken it yet". */
const WAITING: readonly Task['status'][] = ['draft', 'requested', 'received', 'ready'];

/** From which statuses each action may go, and where to. Start and complete may skip the earlier steps (a job taken and done at once). */
const SERVICE_MOVES: Readonly<Record<TaskAction, { readonly from: readonly Task['status'][]; readonly to: TaskStatus }>> = {
  accept: { from: WAITING, to: TaskStatus.accepted },
  start: { from: [...WAITING, 'accepted'], to: TaskStatus.inProgress },
  complete: { from: [...WAITING, 'accepted', 'in-progress'], to: TaskStatus.completed },
  cancel: { from: [...WAITING, 'accepted'], to: TaskStatus.cancelled },
};

const refuse = (code: TaskFlowErrorCode, error: string): TaskFlowError => ({ code, error });

const moved = (task: Task, to: TaskStatus, text: string, now: Date): Task => ({
  ...task,
  status: to,
  businessStatus: { text },
  lastModified: now.toISOString(),
});

/** Apply an action to a service task or ED activity (not a transfer), or say why it cannot be done. */
export function applyTaskAction(task: Task, action: TaskAction, now: Date, who?: Reference): Task | TaskFlowError {
  if (isTransferTask(task)) return refuse(TaskFlowErrorCode.wrongKind, 'A transfer follows the transfer handshake, not the service-task flow');
  const move = SERVICE_MOVES[action];
  if (!move.from.includes(task.status)) return refuse(TaskFlowErrorCode.invalidTransition, `Cannot ${action} a task that is ${task.status}`);
  const at = now.toISOString();
  const next = moved(task, move.to, SERVICE_BUSINESS_STATUS[move.to], now);
  const owner = task.owner ?? (who as Task['owner']);
  const withOwner = owner ? { owner } : {};
  switch (action) {
    case 'accept':
      return who ? { ...next, owner: who as Task['owner'] } : next;
    case 'start':
      return { ...next, ...withOwner, executionPeriod: { ...task.executionPeriod, start: at } };
    case 'complete':
      return { ...next, ...withOwner, executionPeriod: { ...task.executionPeriod, start: task.executionPeriod?.start ?? at, end: at } };
    case 'cancel':
      return { ...next, executionPeriod: { ...task.executionPeriod, end: at } };
  }
}

const TRANSFER_MOVES: Readonly<Record<TransferAction, { readonly from: readonly Task['status'][]; readonly to: TaskStatus }>> = {
  accept: { from: WAITING, to: TaskStatus.accepted },
  reject: { from: WAITING, to: TaskStatus.rejected },
  'assign-bed': { from: ['accepted', 'in-progress'], to: TaskStatus.inProgress },
  move: { from: ['in-progress'], to: TaskStatus.completed },
};

/** Apply a step of the transfer handshake; assign-bed needs `input.bed` (and may change an assigned bed until the move). */
export function applyTransferAction(task: Task, action: TransferAction, now: Date, input?: { bed?: Reference }): Task | TaskFlowError {
  if (!isTransferTask(task)) return refuse(TaskFlowErrorCode.wrongKind, 'Only a transfer (overflytning) follows the transfer handshake');
  const move = TRANSFER_MOVES[action];
  if (!move.from.includes(task.status)) return refuse(TaskFlowErrorCode.invalidTransition, `Cannot ${action} a transfer that is ${task.status}`);
  const at = now.toISOString();
  const next = moved(task, move.to, TRANSFER_BUSINESS_STATUS[move.to], now);
  switch (action) {
    case 'accept':
      return next;
    case 'reject':
      return { ...next, executionPeriod: { ...task.executionPeriod, end: at } };
    case 'assign-bed': {
      if (!input?.bed?.reference) return refuse(TaskFlowErrorCode.bedMissing, 'Assigning a bed needs the bed');
      const others = (task.input ?? []).filter((i) => !i.type.coding?.some((c) => c.system === TRANSFER_INPUT_SYSTEM && c.code === TransferInput.bed));
      return {
        ...next,
        executionPeriod: { ...task.executionPeriod, start: task.executionPeriod?.start ?? at },
        input: [...others, { type: { coding: [{ system: TRANSFER_INPUT_SYSTEM, code: TransferInput.bed, display: 'Seng' }] }, valueReference: input.bed }],
      };
    }
    case 'move':
      if (!transferBed(task)) return refuse(TaskFlowErrorCode.bedMissing, 'A transfer moves only to an assigned bed');
      return { ...next, executionPeriod: { ...task.executionPeriod, end: at } };
  }
}
