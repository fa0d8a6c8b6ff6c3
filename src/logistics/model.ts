/**
 * Clinical logistics in FHIR terms: the codes and extensions Kerne uses to keep beds, stays,
 * service tasks, transfers and emergency-department activities in the record itself, and the
 * shapes of what the boards show. Everything a board shows is derived from these resources.
 * @see ../../docs/architecture.md#clinical-logistics
 * @see https://hl7.org/fhir/R4/location.html @see https://hl7.org/fhir/R4/encounter.html @see https://hl7.org/fhir/R4/task.html
 */

// ---------------------------------------------------------------------------------------------
// Places: Location hierarchy hospital (bu) → ward (wa) → room (ro) → bed (bd); corridor (wi).
// A ward Location has managingOrganization = its department (Organization); rooms and beds partOf.
// ---------------------------------------------------------------------------------------------

export const LOCATION_PHYSICAL_TYPE_SYSTEM = 'http://terminology.hl7.org/CodeSystem/location-physical-type';
export const PhysicalType = { building: 'bu', wing: 'wi', ward: 'wa', room: 'ro', bed: 'bd' } as const;
export type PhysicalType = (typeof PhysicalType)[keyof typeof PhysicalType];

/** SOR (Sundhedsvæsenets Organisationsregister) codes on Location/Organization.identifier. */
export const SOR_SYSTEM = 'urn:oid:1.2.208.176.1.1';

/** Ward Location extensions: the standard board template the ward uses, and its tailoring (JSON text). */
export const BOARD_TEMPLATE_EXTENSION = 'https://kerne.dk/fhir/StructureDefinition/board-template';
export const BOARD_TAILORING_EXTENSION = 'https://kerne.dk/fhir/StructureDefinition/board-tailoring';
/** A ward Location typed as an emergency room (v3 RoleCode ER) is an emergency department. */
export const EMERGENCY_ROOM_TYPE = { system: 'http://terminology.hl7.org/CodeSystem/v3-RoleCode', code: 'ER', display: 'Emergency room' } as const;

/** Bed status in Location.operationalStatus (HL7 v2 table 0116, as FHIR R4 binds it). */
export const BED_STATUS_SYSTEM = 'http://terminology.hl7.org/CodeSystem/v2-0116';
export const BedStatusCode = { free: 'U', occupied: 'O', cleaning: 'H', blocked: 'C' } as const;
export const BedStatus = { free: 'free', occupied: 'occupied', cleaning: 'cleaning', blocked: 'blocked' } as const;
export type BedStatus = (typeof BedStatus)[keyof typeof BedStatus];

/** Places that are not beds but where an admitted patient can be (Location.type): theatre, recovery, examination. */
export const PLACE_KIND_SYSTEM = 'https://kerne.dk/fhir/CodeSystem/place-kind';
export const PlaceKind = { theatre: 'operationsstue', recovery: 'opvaagning', examination: 'undersoegelse', corridor: 'gang', dayRoom: 'dagligstue' } as const;
export type PlaceKind = (typeof PlaceKind)[keyof typeof PlaceKind];

// ---------------------------------------------------------------------------------------------
// Stays: Encounter. serviceProvider = the responsible department (the home ward's unit);
// Encounter.location[] is the location history: active = where the patient is now, planned =
// incoming ("På vej"), completed = earlier places (with period). Leave (orlov) = status 'onleave'.
// ---------------------------------------------------------------------------------------------

/** Encounter.type codes for stays the capacity rules may exclude (AAUH: never counted). */
export const STAY_KIND_SYSTEM = 'https://kerne.dk/fhir/CodeSystem/stay-kind';
export const StayKind = { companion: 'ledsager', dayTreatment: 'dagbehandling' } as const;
export type StayKind = (typeof StayKind)[keyof typeof StayKind];

/** Expected discharge date on an Encounter (valueDateTime). */
export const EXPECTED_DISCHARGE_EXTENSION = 'https://kerne.dk/fhir/StructureDefinition/expected-discharge';

/** Triage level of an emergency contact: Encounter.priority, Danish DEPT colours. */
export const TRIAGE_SYSTEM = 'https://kerne.dk/fhir/CodeSystem/triage';
export const Triage = { red: 'roed', orange: 'orange', yellow: 'gul', green: 'groen', blue: 'blaa' } as const;
export type Triage = (typeof Triage)[keyof typeof Triage];

// ---------------------------------------------------------------------------------------------
// Care team and safety flags.
// CareTeam (status active, subject, encounter) with participant.role coded responsible-nurse /
// responsible-doctor. Flag (status active, subject, encounter optional) coded isolation /
// fall-risk / cave; AllergyIntolerance (active, criticality high) also shows as CAVE.
// ---------------------------------------------------------------------------------------------

export const CARE_ROLE_SYSTEM = 'https://kerne.dk/fhir/CodeSystem/care-role';
export const CareRole = { responsibleNurse: 'ansvarlig-sygeplejerske', responsibleDoctor: 'ansvarlig-laege' } as const;

export const BOARD_FLAG_SYSTEM = 'https://kerne.dk/fhir/CodeSystem/board-flag';
export const BoardFlag = { isolation: 'isolation', fallRisk: 'faldrisiko', cave: 'cave' } as const;
export type BoardFlag = (typeof BoardFlag)[keyof typeof BoardFlag];

/**
 * Early-warning scores (Observation, total in valueInteger, interpretation = the band), coded with
 * a Kerne CodeSystem until the NEWS2/TOKS codes are verified (see early-warning reference).
 */
export const EARLY_WARNING_SYSTEM = 'https://kerne.dk/fhir/CodeSystem/early-warning';
export const EarlyWarningScore = { news2: 'NEWS2', toks: 'TOKS' } as const;

// ---------------------------------------------------------------------------------------------
// Service tasks, transfers and ED activities: Task.
// Task.status: requested = Afventer, accepted, in-progress = I gang, completed = Afsluttet,
// cancelled = Aflyst, rejected. executionPeriod.start/end record when work started and ended;
// authoredOn when it was asked for; lastModified the latest change.
// ---------------------------------------------------------------------------------------------

export const TASK_KIND_SYSTEM = 'https://kerne.dk/fhir/CodeSystem/logistics-task';
/** Task.code: service tasks (dispatched to a staff group), the transfer handshake, ED activities. */
export const TaskKind = {
  transport: 'transport',
  cleaning: 'rengoering',
  labSample: 'blodproeve',
  transfer: 'overflytning',
  triage: 'triage',
  waitTold: 'oplyst-ventetid',
  nurseAssessment: 'sygeplejerske-vurdering',
  doctorAssessment: 'laege-vurdering',
  treatmentStart: 'behandling-startet',
  plan: 'plan',
  done: 'afsluttet',
} as const;
export type TaskKind = (typeof TaskKind)[keyof typeof TaskKind];

export const SERVICE_TASK_KINDS: readonly TaskKind[] = [TaskKind.transport, TaskKind.cleaning, TaskKind.labSample];
export const ED_ACTIVITY_KINDS: readonly TaskKind[] = [
  TaskKind.triage, TaskKind.waitTold, TaskKind.nurseAssessment, TaskKind.doctorAssessment, TaskKind.treatmentStart, TaskKind.plan, TaskKind.done,
];

/** The staff group a service task is dispatched to: Task.performerType (Kerne role codes). */
export const TASK_GROUP_BY_KIND: Readonly<Partial<Record<TaskKind, 'portoer' | 'rengoering' | 'laborant'>>> = {
  transport: 'portoer',
  rengoering: 'rengoering',
  blodproeve: 'laborant',
};

export const TaskStatus = {
  requested: 'requested',
  accepted: 'accepted',
  inProgress: 'in-progress',
  completed: 'completed',
  cancelled: 'cancelled',
  rejected: 'rejected',
} as const;
export type TaskStatus = (typeof TaskStatus)[keyof typeof TaskStatus];

/**
 * The transfer handshake (Task code overflytning, focus = the Encounter, requester = the sending
 * unit, owner = the receiving unit, input 'bed' = the assigned bed Location):
 * requested (report sent) → accepted | rejected → in-progress (bed assigned, ready) → completed (moved).
 */
export const TRANSFER_INPUT_SYSTEM = 'https://kerne.dk/fhir/CodeSystem/transfer-input';

/** Task.input types of service tasks: where a transport goes (valueString). */
export const TASK_INPUT_SYSTEM = 'https://kerne.dk/fhir/CodeSystem/task-input';
export const TaskInput = { destination: 'destination' } as const;

// ---------------------------------------------------------------------------------------------
// What boards show (JSON over /api/logistics; pure derivation in board-rows.ts, capacity.ts, ed-board.ts).
// ---------------------------------------------------------------------------------------------

/** How a screen shows patients: a public wall screen per its template (initials), a signed-in device full names. */
export const NameDisplay = { full: 'full', initials: 'initials' } as const;
export type NameDisplay = (typeof NameDisplay)[keyof typeof NameDisplay];

export interface BoardPatient {
  readonly id: string;
  /** Full name or initials, per the screen's privacy. */
  readonly name: string;
  /** CPR only on screens that show full names. */
  readonly cpr?: string;
  readonly age?: number;
  readonly sex?: string;
}

export interface BoardTask {
  readonly id: string;
  readonly kind: TaskKind;
  readonly status: TaskStatus;
  readonly description?: string;
  readonly authoredOn?: string;
  readonly started?: string;
  readonly ended?: string;
}

export interface BoardEarlyWarning {
  readonly score: number;
  /** 'low' | 'low-medium' | 'medium' | 'high' (NEWS2 clinical risk) or the rule set's own levels. */
  readonly risk: string;
  readonly at: string;
  /** When the next observation is due, and whether it is overdue now. */
  readonly nextDue?: string;
  readonly overdue?: boolean;
}

/** One row of a ward board: a bed (with or without a patient), or a patient without a bed (incoming, corridor, away). */
export interface BoardRow {
  readonly key: string;
  readonly bed?: { readonly id: string; readonly name: string; readonly room?: string; readonly status: BedStatus };
  readonly patient?: BoardPatient;
  readonly encounterId?: string;
  /** Where the patient is: in the bed, incoming (planned), on leave, in theatre/recovery/examination. */
  readonly whereabouts?: 'in-bed' | 'incoming' | 'on-leave' | 'away' | 'corridor';
  readonly awayAt?: string;
  readonly stayKind?: StayKind;
  readonly admitted?: string;
  readonly expectedDischarge?: string;
  readonly responsibleNurse?: string;
  readonly responsibleDoctor?: string;
  readonly flags: readonly BoardFlag[];
  readonly pendingTests: readonly string[];
  readonly tasks: readonly BoardTask[];
  readonly transfer?: { readonly taskId: string; readonly status: TaskStatus; readonly direction: 'in' | 'out'; readonly otherWard: string; readonly bed?: string };
  readonly earlyWarning?: BoardEarlyWarning;
  readonly comment?: string;
}

/** Occupancy of one ward by the capacity rules. */
export interface WardCapacity {
  readonly wardId: string;
  readonly wardName: string;
  readonly unitId?: string;
  readonly beds: number;
  readonly occupied: number;
  readonly free: number;
  readonly cleaning: number;
  readonly blocked: number;
  readonly incoming: number;
  /** Patients who count toward occupancy (in a bed, corridor, day room, or away from their home ward). */
  readonly counted: number;
  /** Patients present but not counted by the rules (leave, companion, day treatment). */
  readonly notCounted: number;
}
