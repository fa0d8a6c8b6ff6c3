/**
 * The audit of AI use (journal-ai.md §7; migration 011): every answer (extractive ones too, as
 * provider 'none': the question and what was retrieved are patient data looked up for a user) and
 * every user action on it. Each row holds its canonical JSON and SHA-256; in the same transaction an
 * AuditEvent carrying that hash is appended to the one hash-chained audit log (src/audit), so the
 * chain protects the rows: `verifyAiAudit` checks the chain, each row's hash, and that each row's
 * hash is on the chain.
 */
import { createHash, randomUUID } from 'node:crypto';
import type { AuditEvent } from '@medplum/fhirtypes';
import { appendAuditEvents, verifyAuditLog, type AuditProblem, type AuditVerification } from '../../audit/index.ts';
import type { Db, Queryable } from '../../db/index.ts';
import type { AiUserAction, JournalCitation } from '../api-types.ts';

/** The AuditEvent type of AI use, and the identifier system of ai_event rows. */
export const AI_AUDIT_TYPE = { system: 'https://kerne.dk/fhir/CodeSystem/audit-event-type', code: 'ai-use', display: 'Brug af AI i journalen' } as const;
export const AI_EVENT_SYSTEM = 'urn:kerne:ai-event';

export interface AiUser {
  /** 'Practitioner/<id>' or the token subject. */
  readonly ref: string;
  readonly display: string;
  readonly roles: readonly string[];
}

/** One answer as audited. */
export interface AiAnswerRecord {
  readonly feature: 'journal-ask';
  readonly user: AiUser;
  readonly patientId: string;
  readonly encounterId?: string;
  /** sha256 of the question (the question itself is patient data; it stays out of the log). */
  readonly queryHash: string;
  readonly passages: readonly { readonly id: string; readonly source: string; readonly version: string; readonly start: number; readonly end: number }[];
  readonly facts: readonly { readonly id: string; readonly source: string; readonly version: string }[];
  readonly verdict: string;
  readonly mode: 'extractive' | 'generated';
  readonly provider: string;
  readonly modelId?: string;
  readonly modelSha256?: string;
  readonly promptTemplateVersion?: string;
  readonly schemaHash?: string;
  readonly seed?: number;
  readonly temperature?: number;
  readonly outputHash?: string;
  readonly verification: readonly { readonly ok: boolean; readonly citations: readonly string[]; readonly failed: readonly string[] }[];
  readonly droppedSentences: number;
  readonly fallbackReason?: string;
  readonly latencyMs: number;
}

export interface AiActionRecord {
  readonly user: AiUser;
  readonly action: AiUserAction;
  readonly citation?: JournalCitation | string;
}

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');
export const hashQuery = (question: string) => `sha256:${sha256(question.normalize('NFC').trim())}`;

function auditEvent(id: string, recordHash: string, recorded: Date, user: AiUser, patientId: string | undefined, subtype: string, provider?: string): AuditEvent {
  return {
    resourceType: 'AuditEvent',
    type: AI_AUDIT_TYPE,
    subtype: [{ system: AI_AUDIT_TYPE.system, code: subtype }],
    action: 'E',
    recorded: recorded.toISOString(),
    outcome: '0',
    agent: [{ who: { ...(user.ref.includes('/') ? { reference: user.ref } : { identifier: { value: user.ref } }), display: user.display }, requestor: true, role: user.roles.map((r) => ({ text: r })) }],
    source: { observer: { display: 'Kerne journal' }, type: [{ code: provider ?? 'none', display: `AI: ${provider ?? 'none'}` }] },
    entity: [
      ...(patientId ? [{ what: { reference: `Patient/${patientId}` }, type: { system: 'http://terminology.hl7.org/CodeSystem/audit-entity-type', code: '1', display: 'Person' } }] : []),
      { what: { identifier: { system: AI_EVENT_SYSTEM, value: id } }, detail: [{ type: 'record-sha256', valueString: recordHash }] },
    ],
  };
}

async function append(db: Db, row: { id: string; kind: 'answer' | 'action'; answerId?: string; patientId?: string; user: AiUser; feature: string; provider?: string; body: object }): Promise<void> {
  const recorded = new Date();
  const record = JSON.stringify({ id: row.id, kind: row.kind, recorded: recorded.toISOString(), ...(row.answerId ? { answerId: row.answerId } : {}), ...row.body });
  const recordHash = sha256(record);
  await db.transaction(async (tx) => {
    await tx.query(
      `INSERT INTO ai_event (id, recorded, kind, answer_id, patient_id, user_ref, feature, provider, record, record_hash) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
      [row.id, recorded.toISOString(), row.kind, row.answerId ?? null, row.patientId ?? null, row.user.ref, row.feature, row.provider ?? null, record, recordHash],
    );
    await appendAuditEvents(tx, [{ event: auditEvent(row.id, recordHash, recorded, row.user, row.patientId, row.kind === 'answer' ? row.feature : `action:${(row.body as { action: string }).action}`, row.provider), patients: row.patientId ? [row.patientId] : [] }]);
  });
}

/** Records an answer; returns its event id (the answer's aiEventId). */
export async function recordAiAnswer(db: Db, record: AiAnswerRecord): Promise<string> {
  const id = randomUUID();
  await append(db, { id, kind: 'answer', patientId: record.patientId, user: record.user, feature: record.feature, provider: record.provider, body: record });
  return id;
}

/** The answer event's patient and user, or undefined when there is none. */
export async function readAiAnswer(q: Queryable, id: string): Promise<{ patientId?: string; userRef: string } | undefined> {
  const [row] = await q.query<{ patient_id: string | null; user_ref: string }>(`SELECT patient_id, user_ref FROM ai_event WHERE id = $1 AND kind = 'answer'`, [id]);
  return row ? { ...(row.patient_id ? { patientId: row.patient_id } : {}), userRef: row.user_ref } : undefined;
}

/** Records what a user did with an answer. */
export async function recordAiAction(db: Db, answerId: string, patientId: string | undefined, record: AiActionRecord): Promise<string> {
  const id = randomUUID();
  await append(db, { id, kind: 'action', answerId, ...(patientId ? { patientId } : {}), user: record.user, feature: 'journal-ask', body: { action: record.action, ...(record.citation ? { citation: record.citation } : {}), user: record.user } });
  return id;
}

export interface AiAuditVerification {
  readonly ok: boolean;
  readonly rows: number;
  readonly problems: readonly { readonly id: string; readonly detail: string }[];
  readonly chain: readonly AuditProblem[];
}

/**
 * Checks the audit chain, each ai_event row's hash, and that each row's hash is on the chain. A
 * caller that has just walked the chain (`kerne audit verify`) passes its result to save a second walk.
 */
export async function verifyAiAudit(q: Queryable, verifiedChain?: AuditVerification): Promise<AiAuditVerification> {
  const chain = verifiedChain ?? (await verifyAuditLog(q));
  const onChain = new Map<string, string>();
  const events = await q.query<{ event: string }>(`SELECT event FROM audit_log WHERE event LIKE $1 ORDER BY seq`, [`%${AI_EVENT_SYSTEM}%`]);
  for (const { event } of events) {
    const e = JSON.parse(event) as AuditEvent;
    for (const entity of e.entity ?? []) {
      if (entity.what?.identifier?.system !== AI_EVENT_SYSTEM) continue;
      const hash = entity.detail?.find((d) => d.type === 'record-sha256')?.valueString;
      if (entity.what.identifier.value && hash) onChain.set(entity.what.identifier.value, hash);
    }
  }
  const rows = await q.query<{ id: string; record: string; record_hash: string }>('SELECT id, record, record_hash FROM ai_event ORDER BY recorded, id');
  const problems: { id: string; detail: string }[] = [];
  for (const row of rows) {
    const actual = sha256(row.record);
    if (actual !== row.record_hash) problems.push({ id: row.id, detail: `ai_event ${row.id}: its record does not match its hash` });
    else if (onChain.get(row.id) !== actual) problems.push({ id: row.id, detail: `ai_event ${row.id}: its hash is not the one on the audit chain` });
    else if ((JSON.parse(row.record) as { id?: string }).id !== row.id) problems.push({ id: row.id, detail: `ai_event ${row.id}: its record names another id` });
  }
  for (const id of onChain.keys()) if (!rows.some((r) => r.id === id)) problems.push({ id, detail: `ai_event ${id} is on the audit chain but missing` });
  return { ok: chain.ok && problems.length === 0, rows: rows.length, problems, chain: chain.problems };
}
