/**
 * Loads a principal's care relations from the record itself: the patients with an active encounter
 * or episode in one of the user's units, a referral or appointment to it, a transfer under way
 * (a planned encounter, or a task the unit owns such as a transfer request), or to whom the user is assigned (care team, encounter participant); the
 * consents that deny the user's organisation; and the break-the-glass grants in force.
 * All lookups use the search index tables (the same data the FHIR search API sees).
 */
import type { Organization } from '@medplum/fhirtypes';
import type { Queryable } from '../db/index.ts';
import { NO_PATIENT_ACCESS, type PatientAccess } from './decide.ts';
import { PSYCHIATRIC_UNIT, type Principal } from './principal.ts';

/** Statuses in which a contact gives a care relation. @see https://hl7.org/fhir/R4/valueset-encounter-status.html */
export const ACTIVE_STATUS = {
  Encounter: ['planned', 'arrived', 'triaged', 'in-progress', 'onleave'],
  EpisodeOfCare: ['planned', 'waitlist', 'active', 'onhold'],
  ServiceRequest: ['active', 'on-hold'],
  Appointment: ['proposed', 'pending', 'booked', 'arrived', 'checked-in', 'waitlist'],
  CareTeam: ['proposed', 'active', 'suspended'],
  /** A task a unit owns for the patient, e.g. a transfer it is asked to receive. */
  Task: ['requested', 'received', 'accepted', 'ready', 'in-progress', 'on-hold'],
} as const;

/** The resource types whose changes can change someone's care relations (the cache listens for them). */
export const RELATION_TYPES: ReadonlySet<string> = new Set([
  'Encounter', 'EpisodeOfCare', 'ServiceRequest', 'Appointment', 'CareTeam', 'Consent', 'PractitionerRole', 'Organization', 'Location', 'Task',
]);

export interface UnitInfo {
  readonly id: string;
  readonly name: string;
  readonly psychiatric: boolean;
  /** The unit and the organisations it is part of (up the partOf chain). */
  readonly lineage: readonly string[];
}

/** The units (Organization ids) named by the user's memberships, with their names, kind and parents. */
export async function loadUnits(q: Queryable, unitIds: readonly string[]): Promise<UnitInfo[]> {
  if (unitIds.length === 0) return [];
  const byId = new Map<string, Organization>();
  let wanted = [...new Set(unitIds)];
  for (let depth = 0; depth < 5 && wanted.length > 0; depth++) {
    const rows = await q.query<{ id: string; content: string }>(
      `SELECT id, content FROM resource WHERE type = 'Organization' AND id = ANY($1::text[]) AND deleted = false`,
      [wanted],
      { name: 'kerne_access_units' },
    );
    for (const r of rows) byId.set(r.id, JSON.parse(r.content) as Organization);
    wanted = rows.map((r) => parentOf(byId.get(r.id)!)).filter((p): p is string => !!p && !byId.has(p));
  }
  return unitIds.flatMap((id) => {
    const org = byId.get(id);
    if (!org) return [];
    const lineage = [id];
    for (let p = parentOf(org); p && !lineage.includes(p) && lineage.length < 6; p = parentOf(byId.get(p) ?? {})) lineage.push(p);
    return [{ id, name: org.name ?? id, psychiatric: isPsychiatricUnit(org), lineage }];
  });
}

export function isPsychiatricUnit(org: Pick<Organization, 'type'>): boolean {
  return (org.type ?? []).some((t) => (t.coding ?? []).some((c) => c.system === PSYCHIATRIC_UNIT.system && c.code === PSYCHIATRIC_UNIT.code));
}

function parentOf(org: Pick<Organization, 'partOf'>): string | undefined {
  const ref = org.partOf?.reference;
  return ref?.startsWith('Organization/') ? ref.slice('Organization/'.length) : undefined;
}

/**
 * How a contact names a unit: directly (an Organization reference), or through a Location that the
 * unit manages (Location.managingOrganization).
 */
const UNIT_LINKS = [
  { type: 'Encounter', param: 'service-provider', target: 'Organization' },
  { type: 'Encounter', param: 'location', target: 'Location' },
  { type: 'EpisodeOfCare', param: 'organization', target: 'Organization' },
  { type: 'ServiceRequest', param: 'performer', target: 'Organization' },
  { type: 'Appointment', param: 'actor', target: 'Location' },
  { type: 'Task', param: 'owner', target: 'Organization' },
] as const satisfies readonly { type: keyof typeof ACTIVE_STATUS; param: string; target: 'Organization' | 'Location' }[];

const sqlList = (values: readonly string[]) => values.map((v) => `'${v}'`).join(', ');

/** Patients related to the units ($1), with the unit of each relation (constants only in the SQL text). */
const UNIT_RELATIONS_SQL = UNIT_LINKS.map(({ type, param, target }) => {
  const active = `EXISTS (SELECT 1 FROM sp_token s WHERE s.rid = t.rid AND s.type = '${type}' AND s.param = 'status' AND s.code IN (${sqlList(ACTIVE_STATUS[type])}))`;
  const where = `t.type = '${type}' AND t.param = '${param}' AND t.target_type = '${target}' AND ${active}`;
  return target === 'Organization'
    ? `SELECT r.patient_id, t.target_id AS unit FROM sp_reference t JOIN resource r ON r.rid = t.rid
        WHERE ${where} AND t.target_id = ANY($1::text[])`
    : `SELECT r.patient_id, lo.target_id AS unit FROM sp_reference t JOIN resource r ON r.rid = t.rid
        JOIN sp_reference lo ON lo.type = 'Location' AND lo.param = 'organization' AND lo.target_type = 'Organization' AND lo.target_id = ANY($1::text[])
        JOIN resource l ON l.rid = lo.rid AND l.id = t.target_id
        WHERE ${where}`;
}).join('\nUNION\n');

/** Patients the practitioner is assigned to. */
const ASSIGNED_SQL = `
SELECT r.patient_id FROM sp_reference t JOIN resource r ON r.rid = t.rid
 WHERE t.type = 'CareTeam' AND t.param = 'participant' AND t.target_type = 'Practitioner' AND t.target_id = $1
   AND EXISTS (SELECT 1 FROM sp_token s WHERE s.rid = t.rid AND s.type = 'CareTeam' AND s.param = 'status' AND s.code = ANY($2::text[]))
UNION
SELECT r.patient_id FROM sp_reference t JOIN resource r ON r.rid = t.rid
 WHERE t.type IN ('Encounter', 'Appointment') AND t.param IN ('participant', 'practitioner') AND t.target_type = 'Practitioner' AND t.target_id = $1
   AND EXISTS (SELECT 1 FROM sp_token s WHERE s.rid = t.rid AND s.type = t.type AND s.param = 'status' AND s.code = ANY($3::text[]))`;

/** Active consents of the related patients (their provisions, nested ones too, are read in code). */
const CONSENTS_SQL = `
SELECT r.patient_id, r.content FROM resource r
 WHERE r.type = 'Consent' AND r.patient_id = ANY($1::text[]) AND r.deleted = false
   AND EXISTS (SELECT 1 FROM sp_token s WHERE s.rid = r.rid AND s.type = 'Consent' AND s.param = 'status' AND s.code = 'active')`;

const GRANTS_SQL = `SELECT patient_id, to_char(max(expires) AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS expires
  FROM access_grant WHERE subject = $1 AND expires > $2::timestamptz GROUP BY patient_id`;

/** Everything that decides what `principal` may see of patient data, now. */
export async function loadPatientAccess(q: Queryable, principal: Principal, units: readonly UnitInfo[], now: Date): Promise<PatientAccess> {
  if (principal.kind !== 'user') return NO_PATIENT_ACCESS;
  const related = new Set<string>();
  const relatedSensitive = new Set<string>();
  const unitIds = units.map((u) => u.id);
  const psychiatric = new Set(units.filter((u) => u.psychiatric).map((u) => u.id));

  if (unitIds.length > 0) {
    const rows = await q.query<{ patient_id: string | null; unit: string }>(UNIT_RELATIONS_SQL, [unitIds], { name: 'kerne_access_unit_relations' });
    for (const r of rows) {
      if (!r.patient_id) continue;
      (psychiatric.has(r.unit) ? relatedSensitive : related).add(r.patient_id);
    }
  }
  const practitioner = principal.fhirUser?.startsWith('Practitioner/') ? principal.fhirUser.slice('Practitioner/'.length) : undefined;
  if (practitioner) {
    const rows = await q.query<{ patient_id: string | null }>(
      ASSIGNED_SQL,
      [practitioner, ACTIVE_STATUS.CareTeam, [...ACTIVE_STATUS.Encounter, ...ACTIVE_STATUS.Appointment]],
      { name: 'kerne_access_assigned' },
    );
    for (const r of rows) if (r.patient_id) (psychiatric.size > 0 ? relatedSensitive : related).add(r.patient_id);
  }

  const consentBlocked = new Set<string>();
  const organisations = [...new Set(units.flatMap((u) => u.lineage))];
  const candidates = [...related, ...relatedSensitive];
  if (organisations.length > 0 && candidates.length > 0) {
    const rows = await q.query<{ patient_id: string | null; content: string }>(CONSENTS_SQL, [candidates], { name: 'kerne_access_consents' });
    for (const r of rows) if (r.patient_id && consentDenies(JSON.parse(r.content) as ConsentLike, organisations)) consentBlocked.add(r.patient_id);
  }

  const breakTheGlass = new Map<string, string>();
  const grants = await q.query<{ patient_id: string; expires: string }>(GRANTS_SQL, [grantSubject(principal), now.toISOString()], { name: 'kerne_access_grants' });
  for (const g of grants) breakTheGlass.set(g.patient_id, g.expires);
  return { related, relatedSensitive, consentBlocked, breakTheGlass };
}

/** The key grants are stored under: issuer and subject (two providers may reuse a sub). */
export const grantSubject = (p: Principal) => `${p.issuer}#${p.subject}`;

interface ConsentProvision {
  type?: string;
  actor?: { reference?: { reference?: string } }[];
  provision?: ConsentProvision[];
}
interface ConsentLike {
  provision?: ConsentProvision;
}

/**
 * Does the consent deny one of the organisations? A provision of type 'deny' naming the organisation
 * as actor (at the top or nested); a top-level 'permit' with a nested 'deny' is the usual shape.
 * @see https://hl7.org/fhir/R4/consent.html
 */
export function consentDenies(consent: ConsentLike, organisations: readonly string[]): boolean {
  const names = (p: ConsentProvision) =>
    (p.actor ?? []).some((a) => organisations.some((o) => a.reference?.reference === `Organization/${o}`));
  const walk = (p: ConsentProvision | undefined): boolean => !!p && ((p.type === 'deny' && names(p)) || (p.provision ?? []).some(walk));
  return walk(consent.provision);
}
