/**
 * The care-relation rule (the Danish rule), pure: whether a principal may see a patient's data,
 * given the patients they are related to, their break-the-glass grants and the patients' consents.
 */
import { BREAK_THE_GLASS_ROLES } from './permissions.ts';
import type { Principal } from './principal.ts';

/** What one principal may see of patient data, as loaded from the store (see care-relations.ts). */
export interface PatientAccess {
  /** Patients related through a somatic unit or an assignment: everything but sensitive data. */
  readonly related: ReadonlySet<string>;
  /** Patients related through a psychiatric unit (or assigned to a psychiatric role): sensitive data too. */
  readonly relatedSensitive: ReadonlySet<string>;
  /** Patients whose consent denies the principal's organisation. */
  readonly consentBlocked: ReadonlySet<string>;
  /** Break-the-glass grants in force: patient id → expiry (ISO). */
  readonly breakTheGlass: ReadonlyMap<string, string>;
}

export const NO_PATIENT_ACCESS: PatientAccess = { related: new Set(), relatedSensitive: new Set(), consentBlocked: new Set(), breakTheGlass: new Map() };

export type Decision =
  | { readonly allowed: true; readonly breakTheGlass: boolean }
  | { readonly allowed: false; readonly reason: DenyReason; readonly breakTheGlassPossible: boolean };

export const DenyReason = {
  noCareRelation: 'no-care-relation',
  sensitive: 'sensitive-data',
  consent: 'consent-denies',
  otherPatient: 'other-patient',
} as const;
export type DenyReason = (typeof DenyReason)[keyof typeof DenyReason];

const ALLOW: Decision = { allowed: true, breakTheGlass: false };
const ALLOW_BTG: Decision = { allowed: true, breakTheGlass: true };

/** May the principal see data of patient `patientId` (null: not patient data) that is `sensitive` or not? */
export function decidePatientAccess(principal: Principal, access: PatientAccess, patientId: string | null, sensitive: boolean): Decision {
  if (patientId === null) return ALLOW;
  if (principal.kind === 'system') return ALLOW;
  if (principal.kind === 'patient') {
    return ownPatientId(principal) === patientId ? ALLOW : { allowed: false, reason: DenyReason.otherPatient, breakTheGlassPossible: false };
  }
  if (access.breakTheGlass.has(patientId)) return ALLOW_BTG;
  const canBreak = mayBreakTheGlass(principal);
  if (access.consentBlocked.has(patientId)) return { allowed: false, reason: DenyReason.consent, breakTheGlassPossible: canBreak };
  if (access.relatedSensitive.has(patientId)) return ALLOW;
  if (access.related.has(patientId)) {
    return sensitive ? { allowed: false, reason: DenyReason.sensitive, breakTheGlassPossible: canBreak } : ALLOW;
  }
  return { allowed: false, reason: DenyReason.noCareRelation, breakTheGlassPossible: canBreak };
}

export function mayBreakTheGlass(principal: Principal): boolean {
  return principal.kind === 'user' && principal.memberships.some((m) => BREAK_THE_GLASS_ROLES.includes(m.role));
}

/** A patient user's own Patient id. */
export function ownPatientId(principal: Principal): string | undefined {
  if (principal.patient) return principal.patient;
  return principal.fhirUser?.startsWith('Patient/') ? principal.fhirUser.slice('Patient/'.length) : undefined;
}

/**
 * The same rule as a search filter: the patient ids whose data (sensitive or not) may be returned,
 * and those whose non-sensitive data may. 'all' for system clients.
 */
export interface PatientFilter {
  readonly all: boolean;
  readonly anyData: readonly string[];
  readonly nonSensitive: readonly string[];
}

export function patientFilter(principal: Principal, access: PatientAccess): PatientFilter {
  if (principal.kind === 'system') return { all: true, anyData: [], nonSensitive: [] };
  if (principal.kind === 'patient') {
    const own = ownPatientId(principal);
    return { all: false, anyData: own ? [own] : [], nonSensitive: [] };
  }
  const anyData = new Set(access.breakTheGlass.keys());
  for (const p of access.relatedSensitive) if (!access.consentBlocked.has(p)) anyData.add(p);
  const nonSensitive: string[] = [];
  for (const p of access.related) if (!anyData.has(p) && !access.consentBlocked.has(p)) nonSensitive.push(p);
  return { all: false, anyData: [...anyData], nonSensitive };
}
