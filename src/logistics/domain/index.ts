/** Clinical logistics, the pure domain: boards, capacity, templates and task flows derived from FHIR resources and a `now`. No I/O. */
export { emptySnapshot, indexSnapshot, type LogisticsSnapshot, type SnapshotIndex } from './snapshot.ts';
export {
  AWAY_ROLES, bedStatusOf, indexPlaces, isAwayPlace, isWard, naturalCompare, OVERFLOW_ROLES, physicalTypeOf, placeKindOf, PlaceRole, wardUnitId, type Places,
} from './places.ts';
export { placeStays, PRESENT_STATUSES, stayKindOf, Whereabouts, type BedHold, type Placement, type Stays } from './stays.ts';
export {
  AAUH_CAPACITY_RULES, bedOverview, capacityFrom, CountDecision, countDecision, sumCapacity, wardCapacity, type CapacityRules,
} from './capacity.ts';
export { ageAt, boardPatient, cprOf, CPR_SYSTEM, displayName, fullName, initials } from './names.ts';
export { EwsRisk, latestEarlyWarning, NEWS2_OBSERVATION_MINUTES, news2Risk } from './early-warning.ts';
export { boardFlags, boardTaskStatus, pendingTests, responsibleStaff, rowTasks } from './row-details.ts';
export { BOARD_COMMENT_EXTENSION, deriveWardBoard, type WardBoardOptions } from './board-rows.ts';
export { COLUMN_FIELDS, projectRow } from './projection.ts';
export { deriveEdBoard, ED_STEPS, EMERGENCY_CLASS, REGIONAL_ED_TARGETS, triageOf, type EdTargets } from './ed-board.ts';
export {
  isTailoringRefused, resolveTemplate, SCREENS, tailorTemplate, TailoringErrorCode, templateProblems,
  type BoardTemplate, type Screen, type TailoringError, type TailoringResult, type TemplateColumn, type WardTailoring,
} from './templates.ts';
export {
  EdColumn, EMERGENCY_TEMPLATE, findTemplate, MEDICAL_WARD_TEMPLATE, PSYCHIATRIC_WARD_TEMPLATE, STANDARD_TEMPLATES, SURGICAL_WARD_TEMPLATE, WardColumn,
} from './standard-templates.ts';
export { FLAG_LEGEND, legendFor, TASK_KIND_LEGEND, type LegendEntry } from './legend.ts';
export { BED_STATUS_SWATCHES, contrastRatio, EWS_RISK_SWATCHES, OKABE_ITO, TASK_STATUS_SWATCHES, TRIAGE_SWATCHES, type Swatch } from './palette.ts';
export {
  isOpenTransfer, isTransferTask, openTransferOf, OPEN_TRANSFER_STATUSES, receivingWardOf, sendingWardOf, TransferInput, transferBed,
} from './transfers.ts';
export {
  applyTaskAction, applyTransferAction, isTaskFlowError, SERVICE_BUSINESS_STATUS, TaskFlowErrorCode, TRANSFER_BUSINESS_STATUS,
  type TaskAction, type TaskFlowError, type TransferAction,
} from './task-flow.ts';
export {
  edActivityTask, newServiceTask, newTransferTask, taskDestination, type NewServiceTaskInput, type NewTransferTaskInput,
} from './task-builders.ts';
export { ACT_CODE_SYSTEM, admitEncounter, dischargeEncounter, moveEncounter, type AdmissionInput } from './encounter-moves.ts';
export { danishDay, DANISH_TIME_ZONE } from './time.ts';
export { refId, refKey, refTo } from './refs.ts';
