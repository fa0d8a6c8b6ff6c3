/**
 * The access rule and the audit trail for one caller, as the repository's AccessGuard: SMART scopes,
 * role permissions and the care relation decide; every access to patient data is recorded, denials too.
 */
import type { Patient, Resource } from '@medplum/fhirtypes';
import { FhirError, IssueType } from '../errors/index.ts';
import type { AccessFilter, AccessGuard, HistoryPage, HistoryQuery, Interaction, NewVersion, SearchRequest, SearchResult, StoredResource } from '../fhir/repository/index.ts';
import { allows, parseScopes, type ParsedScopes, type ScopeOperation } from '../identity/smart-scopes.ts';
import type { AuditEntry, AuditWriter } from '../audit/index.ts';
import { auditEntry, AuditOutcome, type AccessRecord } from './audit-event.ts';
import { RELATION_TYPES, type UnitInfo } from './care-relations.ts';
import { decidePatientAccess, patientFilter, type Decision, type PatientAccess } from './decide.ts';
import { isPatientDataType, rolesAllow, type AccessAction } from './permissions.ts';
import type { Principal, RequestOrigin } from './principal.ts';

/** Codes in OperationOutcome.issue.details and in meta.tag that tell a client why. */
export const ACCESS_SYSTEM = 'https://kerne.dk/fhir/CodeSystem/access';
export const NO_CARE_RELATION_TAG = { system: ACCESS_SYSTEM, code: 'no-care-relation', display: 'Ingen behandlingsrelation' } as const;
const SUBSETTED = { system: 'http://terminology.hl7.org/CodeSystem/v3-ObservationValue', code: 'SUBSETTED', display: 'subsetted' } as const;
const CPR_SYSTEM = 'urn:oid:1.2.208.176.1.2';

export interface CallerContext {
  readonly principal: Principal;
  readonly origin: RequestOrigin;
  readonly units: readonly UnitInfo[];
  /** Loads (or takes from cache) what the caller may see of patient data. */
  readonly patientAccess: () => Promise<PatientAccess>;
  /** The audit log: entries are written moments later; refuses with a 503 while the log is unavailable. */
  readonly audit: Pick<AuditWriter, 'enqueue' | 'assertAvailable'>;
  readonly now: () => Date;
  /** A write of this request changed who is related to whom: forget cached relations now (this node). */
  readonly relationsChanged: () => void;
}

export class CallerGuard implements AccessGuard {
  readonly #c: CallerContext;
  /** The token's scopes, parsed once per request rather than at every check. */
  readonly #scopes: ParsedScopes;
  #pending: AuditEntry[] = [];
  #relationsWritten = false;

  constructor(context: CallerContext) {
    this.#c = context;
    this.#scopes = parseScopes(context.principal.scopes);
  }

  async checkRead(stored: StoredResource, interaction: 'read' | 'vread' | 'history-instance'): Promise<void> {
    const what = `${stored.type}/${stored.id}/_history/${stored.versionId}`;
    await this.#checkType(stored.type, interaction === 'history-instance' ? 'search' : 'read', interaction, stored.patientId, what);
    if (stored.patientId === null) return;
    const decision = decidePatientAccess(this.#c.principal, await this.#c.patientAccess(), stored.patientId, stored.sensitive);
    if (!decision.allowed) await this.#deny(interaction, decision, stored.patientId, what);
    this.#c.audit.enqueue([this.#entry({ action: interaction, patients: [stored.patientId], what: [what], breakTheGlass: decision.allowed && decision.breakTheGlass })]);
  }

  async rowFilter(resourceType: string | undefined, interaction: 'search-type' | 'history-type' | 'history-system' | 'history-instance'): Promise<AccessFilter> {
    await this.#checkType(resourceType ?? '*', 'search', interaction, null, undefined, resourceType ?? '_history');
    const { principal } = this.#c;
    if (principal.kind === 'system') return { all: true };
    // Clinicians look patients up by name or CPR beyond their care relations; afterSearch reduces those.
    if (resourceType === 'Patient' && interaction === 'search-type' && principal.kind === 'user') return { all: true };
    const filter = patientFilter(principal, await this.#c.patientAccess());
    return filter.all ? { all: true } : { all: false, anyData: filter.anyData, nonSensitive: filter.nonSensitive };
  }

  async afterSearch(req: SearchRequest, result: SearchResult): Promise<SearchResult> {
    let entries = result.entries;
    if (req.resourceType === 'Patient' && this.#c.principal.kind === 'user') {
      const access = await this.#c.patientAccess();
      entries = entries.map((e) => {
        if (e.type !== 'Patient' || decidePatientAccess(this.#c.principal, access, e.id, e.sensitive).allowed) return e;
        return { ...e, json: JSON.stringify(lookupSubset(JSON.parse(e.json) as Patient)) };
      });
    }
    const patients = distinct(entries.map((e) => e.patientId));
    if (patients.length > 0 || isPatientDataType(req.resourceType)) {
      const query = `${req.resourceType}?${new URLSearchParams(req.params).toString()}`;
      this.#c.audit.enqueue([this.#entry({ action: 'search-type', patients, query })]);
    }
    return entries === result.entries ? result : { ...result, entries };
  }

  async afterHistory(query: HistoryQuery, page: HistoryPage): Promise<void> {
    const patients = distinct(page.versions.map((v) => v.patientId));
    if (patients.length === 0) return;
    const action: Interaction = query.id ? 'history-instance' : query.type ? 'history-type' : 'history-system';
    this.#c.audit.enqueue([this.#entry({ action, patients, query: `${query.type ?? ''}${query.id ? `/${query.id}` : ''}/_history` })]);
  }

  async checkWrite(interaction: 'create' | 'update' | 'patch' | 'delete', type: string, before: Pick<StoredResource, 'patientId' | 'sensitive'> | undefined, after: NewVersion | undefined): Promise<void> {
    const action: AccessAction = interaction === 'patch' ? 'update' : interaction;
    const patientId = after?.patientId ?? before?.patientId ?? null;
    const what = after ? `${type}/${after.id}` : undefined;
    await this.#checkType(type, action, interaction, patientId, what);
    // The write will need its audit entry once committed: refuse it now if the log is unavailable.
    if (patientId !== null) this.#c.audit.assertAvailable();
    const { principal } = this.#c;
    if (principal.kind === 'system') return;
    const access = await this.#c.patientAccess();
    for (const version of [before, after]) {
      if (!version || version.patientId === null) continue;
      if (version === after && this.#opensRecord(type, after)) continue;
      const decision = decidePatientAccess(principal, access, version.patientId, version.sensitive);
      if (!decision.allowed) await this.#deny(interaction, decision, version.patientId, what);
    }
  }

  wrote(interaction: 'create' | 'update' | 'patch' | 'delete', stored: StoredResource): void {
    if (RELATION_TYPES.has(stored.type)) this.#relationsWritten = true;
    if (stored.patientId === null) return;
    this.#pending.push(this.#entry({ action: interaction, patients: [stored.patientId], what: [`${stored.type}/${stored.id}/_history/${stored.versionId}`] }));
  }

  async committed(): Promise<void> {
    const pending = this.#pending;
    this.#pending = [];
    // The caller's next request must see the relation it just made (the change bus tells other nodes).
    if (this.#relationsWritten) this.#c.relationsChanged();
    this.#relationsWritten = false;
    this.#c.audit.enqueue(pending, { committed: true });
  }

  rolledBack(): void {
    this.#pending = [];
    this.#relationsWritten = false;
  }

  /**
   * Writes that create a care relation need none beforehand: a new Patient registered by a role that
   * may, and a contact (encounter, episode, referral) that a user registers to one of their own units.
   */
  #opensRecord(type: string, after: NewVersion): boolean {
    if (type === 'Patient') return after.versionId === 1;
    if (!after.json || !['Encounter', 'EpisodeOfCare', 'ServiceRequest'].includes(type)) return false;
    const r = JSON.parse(after.json) as Record<string, unknown>;
    const unitRefs = [r.serviceProvider, r.managingOrganization, ...(Array.isArray(r.performer) ? r.performer : [])]
      .map((x) => (x as { reference?: string } | undefined)?.reference)
      .filter((x): x is string => typeof x === 'string');
    return this.#c.units.some((u) => unitRefs.includes(`Organization/${u.id}`));
  }

  /** SMART scopes and role permissions for `action` on `type`. */
  async #checkType(type: string, action: AccessAction, interaction: Interaction, patientId: string | null, what?: string, label = type): Promise<void> {
    const { principal } = this.#c;
    const scopeOp: ScopeOperation = action;
    const context = principal.kind === 'system' ? 'system' : principal.kind === 'patient' ? 'patient' : 'user';
    if (!allows(this.#scopes, context, type, scopeOp)) {
      await this.#refuse(interaction, patientId, what, `The token's scopes do not allow ${action} on ${label} (scopes: ${principal.scopes.join(' ') || 'none'})`);
    }
    if (type !== '*' && !rolesAllow(principal.memberships, action, type)) {
      const roles = principal.memberships.map((m) => m.role).join(', ') || 'none';
      await this.#refuse(interaction, patientId, what, `Your role (${roles}) may not ${action} ${label}`);
    }
  }

  async #refuse(interaction: Interaction, patientId: string | null, what: string | undefined, message: string): Promise<never> {
    this.#c.audit.enqueue([this.#entry({ action: interaction, patients: patientId ? [patientId] : [], what: what ? [what] : [], outcome: AuditOutcome.minorFailure, outcomeDescription: message })]);
    throw new FhirError(403, IssueType.forbidden, message);
  }

  async #deny(interaction: Interaction, decision: Exclude<Decision, { allowed: true }>, patientId: string, what: string | undefined): Promise<never> {
    const message = denialMessage(decision);
    this.#c.audit.enqueue([this.#entry({ action: interaction, patients: [patientId], what: what ? [what] : [], outcome: AuditOutcome.minorFailure, outcomeDescription: message })]);
    throw new FhirError(403, [
      {
        severity: 'error',
        code: IssueType.forbidden,
        details: {
          coding: [
            { system: ACCESS_SYSTEM, code: decision.reason },
            ...(decision.breakTheGlassPossible ? [{ system: ACCESS_SYSTEM, code: 'break-the-glass-possible', display: 'Værdispring muligt' }] : []),
          ],
          text: message,
        },
        diagnostics: message,
      },
    ]);
  }

  #entry(r: Partial<AccessRecord> & Pick<AccessRecord, 'action' | 'patients'>): AuditEntry {
    return auditEntry({ principal: this.#c.principal, origin: this.#c.origin, units: this.#c.units, outcome: AuditOutcome.success, recorded: this.#c.now(), ...r });
  }
}

function denialMessage(decision: Exclude<Decision, { allowed: true }>): string {
  const btg = decision.breakTheGlassPossible ? ' Access is possible by break-the-glass (værdispring) with a reason.' : '';
  switch (decision.reason) {
    case 'no-care-relation':
      return `No care relation to this patient (ingen behandlingsrelation).${btg}`;
    case 'sensitive-data':
      return `Psychiatric or confidential data needs a psychiatric care relation.${btg}`;
    case 'consent-denies':
      return `The patient's consent denies your organisation access (negativt samtykke).${btg}`;
    case 'other-patient':
      return 'A patient may see only their own record.';
  }
}

/** What a clinician may see of a patient they have no care relation with: enough to find them and break the glass. */
export function lookupSubset(patient: Patient): Resource {
  return {
    resourceType: 'Patient',
    id: patient.id,
    meta: { ...(patient.meta?.versionId ? { versionId: patient.meta.versionId } : {}), tag: [{ ...SUBSETTED }, { ...NO_CARE_RELATION_TAG }] },
    ...(patient.identifier ? { identifier: patient.identifier.filter((i) => i.system === CPR_SYSTEM) } : {}),
    ...(patient.name ? { name: patient.name } : {}),
    ...(patient.gender ? { gender: patient.gender } : {}),
    ...(patient.birthDate ? { birthDate: patient.birthDate } : {}),
  } as Resource;
}

function distinct(ids: readonly (string | null)[]): string[] {
  return [...new Set(ids.filter((i): i is string => i !== null))];
}
