/**
 * Demo Tasks for the boards (see ../logistics/model.ts): service tasks dispatched to a staff group
 * (Task.performerType), the transfer handshake, and emergency-department activities. Task.status
 * is the board status (requested = Afventer, in-progress = I gang, completed = Afsluttet);
 * authoredOn when it was asked for, executionPeriod when the work started and ended.
 */
import type { Task } from '@medplum/fhirtypes';
import { KERNE_ROLE_SYSTEM, ROLE_DISPLAY, isRole } from '../access/principal.ts';
import { TASK_GROUP_BY_KIND, TASK_KIND_SYSTEM, type TaskKind, type TaskStatus } from '../logistics/model.ts';
import { demoMeta } from './demo-meta.ts';

const TASK_DISPLAY: Record<TaskKind, string> = {
  transport: 'Transport',
  rengoering: 'Rengøring',
  blodproeve: 'Blodprøvetagning',
  overflytning: 'Overflytning',
  triage: 'Triage',
  'oplyst-ventetid': 'Oplyst ventetid',
  'sygeplejerske-vurdering': 'Sygeplejerskevurdering',
  'laege-vurdering': 'Lægevurdering',
  'behandling-startet': 'Behandling startet',
  plan: 'Behandlingsplan',
  afsluttet: 'Afsluttet behandling',
};
const GROUP_DISPLAY: Record<string, string> = { rengoering: 'Rengøring', laborant: 'Laborant' };

export interface LogisticsTaskInput {
  readonly kind: TaskKind;
  readonly status: TaskStatus;
  readonly authoredOn: string;
  readonly started?: string;
  readonly ended?: string;
  /** Latest change; default: ended, started or authoredOn. */
  readonly lastModified?: string;
  readonly patientRef?: string;
  readonly encounterRef?: string;
  /** What the task is about: the Encounter (transport, transfer, ED activity) or the bed Location (cleaning). */
  readonly focusRef?: string;
  /** Where the work is: the bed or place. */
  readonly locationRef?: string;
  readonly locationName?: string;
  readonly requesterRef?: string;
  readonly requesterName?: string;
  readonly ownerRef?: string;
  readonly ownerName?: string;
  readonly description?: string;
  readonly priority?: 'routine' | 'urgent' | 'asap' | 'stat';
}

export function logisticsTask(input: LogisticsTaskInput): Task {
  const group = TASK_GROUP_BY_KIND[input.kind];
  const ref = (reference: string | undefined, display?: string) => (reference ? { reference, ...(display ? { display } : {}) } : undefined);
  const task: Task = {
    resourceType: 'Task',
    meta: demoMeta(),
    status: input.status,
    intent: 'order',
    priority: input.priority ?? 'routine',
    code: { coding: [{ system: TASK_KIND_SYSTEM, code: input.kind, display: TASK_DISPLAY[input.kind] }], text: TASK_DISPLAY[input.kind] },
    ...(input.description ? { description: input.description } : {}),
    ...(input.focusRef ? { focus: ref(input.focusRef) } : {}),
    ...(input.patientRef ? { for: ref(input.patientRef) } : {}),
    ...(input.encounterRef ? { encounter: ref(input.encounterRef) } : {}),
    ...(input.started ? { executionPeriod: { start: input.started, ...(input.ended ? { end: input.ended } : {}) } } : {}),
    authoredOn: input.authoredOn,
    lastModified: input.lastModified ?? input.ended ?? input.started ?? input.authoredOn,
    ...(input.requesterRef ? { requester: ref(input.requesterRef, input.requesterName) } : {}),
    ...(group
      ? { performerType: [{ coding: [{ system: KERNE_ROLE_SYSTEM, code: group, display: isRole(group) ? ROLE_DISPLAY[group].da : GROUP_DISPLAY[group] ?? group }] }] }
      : {}),
    ...(input.ownerRef ? { owner: ref(input.ownerRef, input.ownerName) } : {}),
    ...(input.locationRef ? { location: ref(input.locationRef, input.locationName) } : {}),
  };
  return task;
}

