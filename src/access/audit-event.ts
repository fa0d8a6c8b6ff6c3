/**
 * Builds the AuditEvent of one access to patient data: who (user, role, unit, client, address),
 * which patients, what (resource versions, the query with CPR numbers masked), when, why
 * (purpose of use; break-the-glass), and the outcome. Pure.
 * @see https://hl7.org/fhir/R4/auditevent.html @see https://profiles.ihe.net/ITI/BALP/
 */
import type { AuditEvent, AuditEventEntity, Coding } from '@medplum/fhirtypes';
import type { AuditEntry } from '../audit/index.ts';
import type { Interaction } from '../fhir/repository/ports.ts';
import { redactCpr } from '../ops/redact-cpr.ts';
import { KERNE_ROLE_SYSTEM, ROLE_DISPLAY, type Principal, type RequestOrigin } from './principal.ts';

/** What happened, beyond the RESTful interactions: break-the-glass, an export, a denied login... */
export type AuditedAction = Interaction | 'break-the-glass' | 'export';

export const AUDIT_UNIT_EXTENSION = 'https://kerne.dk/fhir/StructureDefinition/audit-agent-unit';
const ACT_REASON = 'http://terminology.hl7.org/CodeSystem/v3-ActReason';
export const PurposeOfUse = {
  treatment: { system: ACT_REASON, code: 'TREAT', display: 'treatment' },
  breakTheGlass: { system: ACT_REASON, code: 'BTG', display: 'break the glass' },
  patientRequest: { system: ACT_REASON, code: 'PATRQT', display: 'patient requested' },
  operations: { system: ACT_REASON, code: 'HOPERAT', display: 'healthcare operations' },
} as const satisfies Record<string, Coding>;

export const AuditOutcome = { success: '0', minorFailure: '4', seriousFailure: '8' } as const;
export type AuditOutcome = (typeof AuditOutcome)[keyof typeof AuditOutcome];

const ACTION_CODE: Record<AuditedAction, AuditEvent['action']> = {
  read: 'R', vread: 'R', 'history-instance': 'R', 'history-type': 'R', 'history-system': 'R', 'search-type': 'E',
  create: 'C', update: 'U', patch: 'U', delete: 'D', 'break-the-glass': 'E', export: 'E',
};

export interface AccessRecord {
  readonly principal: Principal;
  readonly origin: RequestOrigin;
  /** The agent's units: id and name. */
  readonly units: readonly { id: string; name: string }[];
  readonly action: AuditedAction;
  readonly outcome: AuditOutcome;
  readonly outcomeDescription?: string;
  /** Patient ids concerned (each gets an entity, and the entry is found in their "min log"). */
  readonly patients: readonly string[];
  /** References of the resources concerned, e.g. 'Observation/1/_history/2'. */
  readonly what?: readonly string[];
  /** The search or history query (type and parameters); CPR numbers are masked. */
  readonly query?: string;
  readonly breakTheGlass?: boolean;
  /** The stated reason, for break-the-glass. */
  readonly reason?: string;
  readonly recorded: Date;
}

export function auditEntry(r: AccessRecord): AuditEntry {
  const { principal } = r;
  const purpose = r.breakTheGlass ? PurposeOfUse.breakTheGlass : principal.kind === 'patient' ? PurposeOfUse.patientRequest : PurposeOfUse.treatment;
  const entity: AuditEventEntity[] = [];
  for (const p of r.patients) {
    entity.push({
      what: { reference: `Patient/${p}` },
      type: { system: 'http://terminology.hl7.org/CodeSystem/audit-entity-type', code: '1', display: 'Person' },
      role: { system: 'http://terminology.hl7.org/CodeSystem/object-role', code: '1', display: 'Patient' },
    });
  }
  for (const what of r.what ?? []) {
    entity.push({ what: { reference: what }, type: { system: 'http://terminology.hl7.org/CodeSystem/audit-entity-type', code: '2', display: 'System Object' } });
  }
  if (r.query !== undefined) {
    const query = redactCpr(r.query);
    entity.push({
      type: { system: 'http://terminology.hl7.org/CodeSystem/audit-entity-type', code: '2', display: 'System Object' },
      role: { system: 'http://terminology.hl7.org/CodeSystem/object-role', code: '24', display: 'Query' },
      description: query,
      query: Buffer.from(query, 'utf8').toString('base64'),
    });
  }
  if (r.reason) entity.push({ description: r.reason, role: { system: 'http://terminology.hl7.org/CodeSystem/object-role', code: '13', display: 'Security Resource' } });

  const restful = r.action !== 'break-the-glass' && r.action !== 'export';
  const event: AuditEvent = {
    resourceType: 'AuditEvent',
    type: restful
      ? { system: 'http://terminology.hl7.org/CodeSystem/audit-event-type', code: 'rest', display: 'RESTful Operation' }
      : { system: 'https://kerne.dk/fhir/CodeSystem/audit-event-type', code: r.action, display: r.action === 'export' ? 'Export' : 'Break-the-glass' },
    ...(restful ? { subtype: [{ system: 'http://hl7.org/fhir/restful-interaction', code: r.action }] } : {}),
    action: ACTION_CODE[r.action],
    recorded: r.recorded.toISOString(),
    outcome: r.outcome,
    ...(r.outcomeDescription ? { outcomeDesc: r.outcomeDescription } : {}),
    purposeOfEvent: [{ coding: [{ ...purpose }] }],
    agent: [
      {
        type: { coding: [{ system: 'http://dicom.nema.org/resources/ontology/DCM', code: '110153', display: 'Source Role ID' }] },
        ...(principal.fhirUser ? { who: { reference: principal.fhirUser, display: principal.display } } : { who: { display: principal.display } }),
        altId: principal.subject,
        name: principal.display,
        requestor: true,
        role: principal.memberships.map((m) => ({ coding: [{ system: KERNE_ROLE_SYSTEM, code: m.role, display: ROLE_DISPLAY[m.role].da }] })),
        policy: [principal.clientId],
        ...(r.origin.address ? { network: { address: r.origin.address, type: '2' as const } } : {}),
        ...(r.units.length ? { extension: r.units.map((u) => ({ url: AUDIT_UNIT_EXTENSION, valueReference: { reference: `Organization/${u.id}`, display: u.name } })) } : {}),
      },
    ],
    source: {
      site: 'Kerne',
      observer: { display: 'Kerne' },
      type: [{ system: 'http://terminology.hl7.org/CodeSystem/security-source-type', code: '4', display: 'Application Server' }],
    },
    ...(entity.length ? { entity } : {}),
  };
  return { event, patients: r.patients, units: r.units.map((u) => u.id), breakTheGlass: r.action === 'break-the-glass' };
}
