/**
 * Access control: builds each caller's guard (with cached care relations), grants break-the-glass
 * access, and answers "min log" and the managers' break-the-glass review from the audit log.
 */
import type { AuditEvent, Patient } from '@medplum/fhirtypes';
import type { Db } from '../db/index.ts';
import { AuditWriter } from '../audit/index.ts';
import { badRequest, FhirError, IssueType, notFound } from '../errors/index.ts';
import type { ChangeBus } from '../events/index.ts';
import type { SubscriptionDelivery } from '../subscriptions/index.ts';
import { AUDIT_UNIT_EXTENSION, auditEntry, AuditOutcome, PurposeOfUse } from './audit-event.ts';
import { CallerGuard } from './caller-guard.ts';
import { grantSubject, loadPatientAccess, loadUnits, RELATION_TYPES, type UnitInfo } from './care-relations.ts';
import { mayBreakTheGlass, ownPatientId, type PatientAccess } from './decide.ts';
import type { Principal, RequestOrigin } from './principal.ts';

export interface AccessControlOptions {
  readonly db: Db;
  readonly bus: ChangeBus;
  readonly breakTheGlassMinutes: number;
  readonly now?: () => Date;
  /** Told when an audit append fails (it is retried) or entries are given up at shutdown. */
  readonly onAuditError?: (err: unknown) => void;
}

/** How long a caller's care relations are reused (changes to relation resources clear them at once). */
const ACCESS_TTL_MS = 5_000;
const UNITS_TTL_MS = 60_000;
export const MIN_REASON_LENGTH = 10;

export interface MyLogEntry {
  readonly recorded: string;
  readonly who: string;
  readonly role?: string;
  readonly unit?: string;
  readonly action: string;
  readonly breakTheGlass: boolean;
  readonly reason?: string;
}

export interface ReviewEntry {
  readonly recorded: string;
  readonly who: string;
  readonly role?: string;
  readonly unit?: string;
  readonly patient: { id: string; name?: string };
  readonly reason: string;
  readonly expiresAt?: string;
}

export class AccessControl {
  readonly audit: AuditWriter;
  readonly #db: Db;
  readonly #minutes: number;
  readonly #now: () => Date;
  readonly #units = new Map<string, { at: number; units: Promise<UnitInfo[]> }>();
  readonly #access = new Map<string, { at: number; access: Promise<PatientAccess> }>();
  readonly #unsubscribe: () => void;

  constructor(options: AccessControlOptions) {
    this.#db = options.db;
    this.#minutes = options.breakTheGlassMinutes;
    this.#now = options.now ?? (() => new Date());
    this.audit = new AuditWriter(options.db, { onError: options.onAuditError });
    this.#unsubscribe = options.bus.subscribe((event) => {
      if (!RELATION_TYPES.has(event.type)) return;
      this.#relationsChanged();
      if (event.type === 'Organization') this.#units.clear();
    });
  }

  #relationsChanged(): void {
    this.#access.clear();
  }

  /** The guard the repository uses for this caller. */
  async guardFor(principal: Principal, origin: RequestOrigin): Promise<CallerGuard> {
    const units = await this.unitsOf(principal);
    // Loaded before the request does anything: one consistent view per request, and never a load
    // on another connection while the request holds a transaction (PGlite has only one).
    const access = await this.#patientAccess(principal, units);
    return new CallerGuard({
      principal,
      origin,
      units,
      patientAccess: async () => access,
      audit: this.audit,
      relationsChanged: () => this.#relationsChanged(),
      now: this.#now,
    });
  }

  /** The caller's units (from their memberships), with names and kind. */
  async unitsOf(principal: Principal): Promise<UnitInfo[]> {
    const ids = [...new Set(principal.memberships.flatMap((m) => (m.unit?.startsWith('Organization/') ? [m.unit.slice('Organization/'.length)] : [])))].sort();
    if (ids.length === 0) return [];
    const key = ids.join(' ');
    const cached = this.#units.get(key);
    if (cached && Date.now() - cached.at < UNITS_TTL_MS) return cached.units;
    const units = loadUnits(this.#db, ids);
    this.#units.set(key, { at: Date.now(), units });
    units.catch(() => this.#units.delete(key));
    return units;
  }

  #patientAccess(principal: Principal, units: readonly UnitInfo[]): Promise<PatientAccess> {
    const key = grantSubject(principal) + '\n' + units.map((u) => u.id).join(' ');
    const cached = this.#access.get(key);
    if (cached && Date.now() - cached.at < ACCESS_TTL_MS) return cached.access;
    const access = loadPatientAccess(this.#db, principal, units, this.#now());
    this.#access.set(key, { at: Date.now(), access });
    access.catch(() => this.#access.delete(key));
    return access;
  }

  /**
   * Break-the-glass (værdispring): access to one patient's record for a limited time, with a stated
   * reason; recorded in the audit log, where the unit's management reviews it.
   */
  async breakTheGlass(principal: Principal, origin: RequestOrigin, patientId: string, reason: string): Promise<{ patient: string; expiresAt: string }> {
    if (!mayBreakTheGlass(principal)) throw new FhirError(403, IssueType.forbidden, 'Your role may not break the glass (værdispring)');
    const text = reason.trim();
    if (text.length < MIN_REASON_LENGTH) throw badRequest(`State the reason for break-the-glass in at least ${MIN_REASON_LENGTH} characters`, 'reason');
    if (text.length > 1000) throw badRequest('The reason may be at most 1,000 characters', 'reason');
    const [patient] = await this.#db.query<{ id: string }>(`SELECT id FROM resource WHERE type = 'Patient' AND id = $1 AND NOT deleted`, [patientId]);
    if (!patient) throw notFound(`Patient/${patientId}`);
    const units = await this.unitsOf(principal);
    const now = this.#now();
    const expires = new Date(now.getTime() + this.#minutes * 60_000);
    const entry = auditEntry({
      principal, origin, units, action: 'break-the-glass', outcome: AuditOutcome.success, patients: [patientId], what: [`Patient/${patientId}`],
      breakTheGlass: true, reason: text, recorded: now,
    });
    const event = entry.event;
    event.entity?.push({ type: { system: 'http://terminology.hl7.org/CodeSystem/audit-entity-type', code: '2' }, detail: [{ type: 'expires', valueString: expires.toISOString() }] });
    await this.#db.transaction(async (tx) => {
      await tx.query(
        `INSERT INTO access_grant (subject, fhir_user, display, units, patient_id, reason, granted, expires) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
        [grantSubject(principal), principal.fhirUser ?? null, principal.display, units.map((u) => u.id), patientId, text, now.toISOString(), expires.toISOString()],
      );
    });
    await this.audit.record([entry]);
    for (const key of this.#access.keys()) if (key.startsWith(grantSubject(principal) + '\n')) this.#access.delete(key);
    return { patient: patientId, expiresAt: expires.toISOString() };
  }

  /**
   * A subscription notification that carried patient data out of Kerne: recorded with the
   * subscription as the agent and the destination as its address (throws while the log is unavailable).
   */
  auditDelivery(d: SubscriptionDelivery): void {
    const principal: Principal = {
      kind: 'system', subject: `Subscription/${d.subscriptionId}`, issuer: 'kerne', clientId: `subscription-${d.channel}`,
      display: `Subscription/${d.subscriptionId} (${d.channel})`, memberships: [{ role: 'integration' }], scopes: [], sessionId: d.subscriptionId,
    };
    const entry = auditEntry({ principal, origin: { address: d.destination }, units: [], action: 'export', outcome: AuditOutcome.success, patients: [d.patientId], what: [d.what], recorded: this.#now() });
    this.audit.enqueue([entry]);
  }

  /** "Min log": who has looked at the patient's record, newest first (the patient's own use left out). */
  async myLog(principal: Principal, limit = 500): Promise<MyLogEntry[]> {
    const own = ownPatientId(principal);
    if (principal.kind !== 'patient' || !own) throw new FhirError(403, IssueType.forbidden, '"Min log" is for patients: it shows who has seen your own record');
    await this.audit.flush();
    const rows = await this.#db.query<{ event: string }>(
      `SELECT event FROM audit_log WHERE patients @> ARRAY[$1::text] ORDER BY seq DESC LIMIT $2`,
      [own, limit],
    );
    return rows
      .map((r) => JSON.parse(r.event) as AuditEvent)
      .filter((e) => e.agent?.[0]?.who?.reference !== `Patient/${own}` && e.outcome === AuditOutcome.success)
      .map((e) => ({ ...describeAgent(e), recorded: e.recorded, action: actionOf(e), breakTheGlass: isBreakTheGlass(e), ...reasonOf(e) }));
  }

  /** The break-the-glass accesses by staff of the manager's units, newest first. */
  async breakTheGlassReview(principal: Principal, limit = 500): Promise<ReviewEntry[]> {
    const managed = principal.memberships.filter((m) => m.role === 'afdelingsledelse' && m.unit?.startsWith('Organization/')).map((m) => m.unit!.slice('Organization/'.length));
    if (managed.length === 0) throw new FhirError(403, IssueType.forbidden, 'The break-the-glass review is for department management (afdelingsledelse)');
    await this.audit.flush();
    const rows = await this.#db.query<{ event: string }>(
      `SELECT event FROM audit_log WHERE break_the_glass AND units && $1::text[] ORDER BY seq DESC LIMIT $2`,
      [managed, limit],
    );
    const events = rows.map((r) => JSON.parse(r.event) as AuditEvent);
    const patientIds = [...new Set(events.flatMap((e) => patientsOf(e)))];
    const names = new Map<string, string>();
    if (patientIds.length > 0) {
      const patients = await this.#db.query<{ id: string; content: string }>(`SELECT id, content FROM resource WHERE type = 'Patient' AND id = ANY($1::text[])`, [patientIds]);
      for (const p of patients) names.set(p.id, patientName(JSON.parse(p.content) as Patient));
    }
    return events.map((e) => {
      const id = patientsOf(e)[0] ?? '';
      const expires = e.entity?.flatMap((x) => x.detail ?? []).find((d) => d.type === 'expires')?.valueString;
      return {
        ...describeAgent(e),
        recorded: e.recorded,
        patient: { id, ...(names.has(id) ? { name: names.get(id)! } : {}) },
        reason: reasonOf(e).reason ?? '',
        ...(expires ? { expiresAt: expires } : {}),
      };
    });
  }

  async close(): Promise<void> {
    this.#unsubscribe();
    await this.audit.close();
  }
}

function describeAgent(e: AuditEvent): { who: string; role?: string; unit?: string } {
  const agent = e.agent?.[0];
  const role = agent?.role?.[0]?.coding?.[0]?.display;
  const unit = agent?.extension?.find((x) => x.url === AUDIT_UNIT_EXTENSION)?.valueReference?.display;
  return { who: agent?.who?.display ?? agent?.name ?? 'ukendt', ...(role ? { role } : {}), ...(unit ? { unit } : {}) };
}

function actionOf(e: AuditEvent): string {
  const code = e.subtype?.[0]?.code ?? e.type.code ?? '';
  if (code === 'vread' || code === 'history-instance') return 'read';
  if (code === 'search-type' || code.startsWith('history')) return 'search';
  if (code === 'patch') return 'update';
  return code;
}

function isBreakTheGlass(e: AuditEvent): boolean {
  return (e.purposeOfEvent ?? []).some((p) => (p.coding ?? []).some((c) => c.code === PurposeOfUse.breakTheGlass.code));
}

function reasonOf(e: AuditEvent): { reason?: string } {
  const reason = e.entity?.find((x) => x.role?.code === '13')?.description;
  return reason ? { reason } : {};
}

function patientsOf(e: AuditEvent): string[] {
  return (e.entity ?? []).flatMap((x) => (x.what?.reference?.startsWith('Patient/') && x.type?.code === '1' ? [x.what.reference.slice('Patient/'.length)] : []));
}

function patientName(p: Patient): string {
  const n = p.name?.[0];
  return n?.text ?? [...(n?.given ?? []), n?.family].filter(Boolean).join(' ');
}
