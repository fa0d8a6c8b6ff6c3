/**
 * The JSON of Kerne's clinical-logistics API (/api/logistics), shared by the server and the web app.
 * Every route needs a bearer token; what it shows follows the caller's access (care relations) and
 * is audited like any other read. Errors are OperationOutcomes.
 *
 * Routes:
 *   GET  /api/logistics/wards                                  → WardList
 *   GET  /api/logistics/wards/:wardId/board?screen=wall|list|phone&public=1 → WardBoard
 *   GET  /api/logistics/wards/:wardId/board/stream?…           → text/event-stream of `board` events (WardBoard)
 *   PUT  /api/logistics/wards/:wardId/tailoring { templateId, hiddenColumns?, columnOrder?, publicNames? } → ResolvedTemplate
 *        (within what the template allows, else 400 listing each problem; management and administrators)
 *   GET  /api/logistics/beds            (…/beds/stream)        → BedOverview
 *   GET  /api/logistics/ed              (…/ed/stream)          → EdBoard
 *   GET  /api/logistics/tasks?group=portoer&wardId=…  (…/tasks/stream?…) → TaskList (open and today's done)
 *   POST /api/logistics/tasks                  NewServiceTask  → 201 ServiceTaskView
 *   POST /api/logistics/tasks/:id/:action      accept | start | complete | cancel → ServiceTaskView
 *   POST /api/logistics/transfers              NewTransfer     → 201 TransferView
 *   POST /api/logistics/transfers/:id/:action  accept | reject | assign-bed {bedId} | move → TransferView
 *   POST /api/logistics/admissions             NewAdmission    → 201 { encounterId }
 *   POST /api/logistics/encounters/:id/discharge               → { encounterId } (the bed goes to cleaning, a cleaning task is created)
 *   POST /api/logistics/ed/:encounterId/triage { level: Triage } → EdRow
 *   POST /api/logistics/ed/:encounterId/activities/:kind/:action  start | complete | cancel → EdRow
 *
 * Stream event names: `board`, `beds`, `ed`, `tasks`. Streams send `event: <name>\ndata: <json>\n\n`, the current state at once and again after every
 * change that concerns it (within a second); a comment line `: keep-alive` every 15 s.
 */
import type { BedStatus, BoardRow, NameDisplay, TaskKind, TaskStatus, Triage, WardCapacity } from './model.ts';

export interface WardSummary {
  /** The ward Location's id. */
  readonly id: string;
  readonly name: string;
  readonly unitId?: string;
  readonly unitName?: string;
  readonly kind: 'ward' | 'emergency';
  readonly templateId: string;
}
export interface WardList {
  readonly wards: readonly WardSummary[];
}

/** A board template as the screen uses it (after the ward's tailoring). */
export interface BoardColumn {
  readonly id: string;
  readonly label: { readonly da: string; readonly en: string };
  /** Shown on which screens. */
  readonly screens: readonly ('wall' | 'list' | 'phone')[];
}
export interface ResolvedTemplate {
  readonly id: string;
  readonly version: string;
  readonly name: { readonly da: string; readonly en: string };
  readonly columns: readonly BoardColumn[];
  /** How this screen shows names (public wall screens per template, signed-in screens full). */
  readonly names: NameDisplay;
  /** Icon legend: flag/task/status → symbol, Danish and English text. */
  readonly legend: readonly { readonly key: string; readonly symbol: string; readonly da: string; readonly en: string }[];
}

export interface WardBoard {
  readonly ward: WardSummary;
  readonly template: ResolvedTemplate;
  readonly rows: readonly BoardRow[];
  readonly capacity: WardCapacity;
  readonly generatedAt: string;
}

export interface BedOverview {
  readonly wards: readonly WardCapacity[];
  readonly totals: Omit<WardCapacity, 'wardId' | 'wardName' | 'unitId'>;
  readonly generatedAt: string;
}

export interface EdActivity {
  readonly kind: TaskKind;
  readonly taskId?: string;
  readonly status: TaskStatus | 'not-started';
  readonly started?: string;
  readonly ended?: string;
}
/** A regional target for one step: deadline from arrival; breached when not done by then. */
export interface EdTimer {
  readonly step: 'triage' | 'waitTold' | 'treatmentStart' | 'plan';
  readonly targetMinutes: number;
  readonly deadline: string;
  readonly doneAt?: string;
  /** Done after the deadline, or not done and the deadline has passed (at generatedAt). */
  readonly breached: boolean;
}
export interface EdRow {
  readonly encounterId: string;
  readonly patient: { readonly id: string; readonly name: string; readonly cpr?: string; readonly age?: number; readonly sex?: string };
  readonly arrived: string;
  readonly triage?: Triage;
  readonly complaint?: string;
  readonly area?: string;
  readonly activities: readonly EdActivity[];
  readonly timers: readonly EdTimer[];
  readonly status: 'waiting' | 'in-progress' | 'done';
}
export interface EdBoard {
  readonly rows: readonly EdRow[];
  /** Share of contacts (arrived in the last 24 h) that met each target, and the goal (0.9). */
  readonly kpis: readonly { readonly step: EdTimer['step']; readonly met: number; readonly total: number; readonly share: number; readonly goal: number }[];
  readonly generatedAt: string;
}

export interface ServiceTaskView {
  readonly id: string;
  readonly kind: TaskKind;
  readonly status: TaskStatus;
  readonly group?: string;
  readonly description?: string;
  readonly priority?: 'routine' | 'urgent' | 'asap' | 'stat';
  readonly patient?: { readonly id: string; readonly name: string };
  readonly ward?: { readonly id: string; readonly name: string };
  readonly bed?: { readonly id: string; readonly name: string };
  readonly destination?: string;
  readonly owner?: string;
  readonly authoredOn: string;
  readonly started?: string;
  readonly ended?: string;
}
export interface TaskList {
  readonly tasks: readonly ServiceTaskView[];
  readonly generatedAt: string;
}
export interface NewServiceTask {
  readonly kind: TaskKind;
  readonly wardId: string;
  readonly encounterId?: string;
  readonly bedId?: string;
  readonly description?: string;
  readonly destination?: string;
  readonly priority?: ServiceTaskView['priority'];
}

export interface TransferView {
  readonly id: string;
  readonly status: TaskStatus;
  readonly encounterId: string;
  readonly patient: { readonly id: string; readonly name: string };
  readonly from: { readonly wardId: string; readonly name: string };
  readonly to: { readonly wardId: string; readonly name: string };
  readonly report?: string;
  readonly bed?: { readonly id: string; readonly name: string };
  readonly authoredOn: string;
}
export interface NewTransfer {
  readonly encounterId: string;
  readonly toWardId: string;
  readonly report: string;
}

export interface NewAdmission {
  readonly patientId: string;
  readonly wardId: string;
  readonly bedId?: string;
  /** 'IMP' inpatient (default), 'EMER' emergency. */
  readonly class?: 'IMP' | 'EMER';
  readonly expectedDischarge?: string;
  readonly complaint?: string;
}

export type { BedStatus };
