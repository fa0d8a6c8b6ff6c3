/** Access: who may see and change what (scopes, roles, the care relation, break-the-glass) and the audit of every access. */
export { AccessControl, type AccessControlOptions, type MyLogEntry, type ReviewEntry, MIN_REASON_LENGTH } from './access-control.ts';
export { accessPlugin, requestOrigin, type AccessPluginOptions } from './access.plugin.ts';
export { CallerGuard, ACCESS_SYSTEM, NO_CARE_RELATION_TAG, lookupSubset } from './caller-guard.ts';
export { decidePatientAccess, patientFilter, mayBreakTheGlass, ownPatientId, type PatientAccess, type Decision, DenyReason } from './decide.ts';
export { rolesAllow, isPatientDataType, BREAK_THE_GLASS_ROLES, type AccessAction } from './permissions.ts';
export { loadPatientAccess, loadUnits, isPsychiatricUnit, consentDenies, ACTIVE_STATUS, type UnitInfo } from './care-relations.ts';
export { auditEntry, AuditOutcome, PurposeOfUse, type AccessRecord, type AuditedAction } from './audit-event.ts';
export * from './principal.ts';
