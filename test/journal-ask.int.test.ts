/**
 * Asking the journal through HTTP on both stores: extractive answers with span citations (yes, no,
 * not-found), bad input as OperationOutcome, the OpenAI-compatible provider against an in-process
 * fake (schema round trip, an unverifiable sentence dropped, invalid JSON / 429 / timeout falling
 * back), the GGUF provider with ../shared/models/tiny-bytes.gguf, and the AI audit (chain verifies,
 * a tampered row breaks it, user actions recorded).
 */
import assert from 'node:assert/strict';
import { copyFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Composition, Resource } from '@medplum/fhirtypes';
import { auditVerifyCommand, reportAuditVerification } from '../src/cli/audit.command.ts';
import { migrate, openDb, type Queryable } from '../src/db/index.ts';
import { verifyAiAudit, type JournalAnswer } from '../src/journal/index.ts';
import { startTestKerne, type TestKerne } from './support/kerne.ts';
import { STORES } from './support/stores.ts';

const TINY_GGUF = new URL('../../shared/models/tiny-bytes.gguf', import.meta.url).pathname;
const TINY_SHA256 = 'b8ae2b9b4d59a039718908b2969b3799f97e884bec07d3eefc5a7b7d3df6b7f0';

const note = (patient: string, title: string, section: string, text: string, date: string): Composition => ({
  resourceType: 'Composition', status: 'final', type: { coding: [{ system: 'http://loinc.org', code: '11506-3' }], text: 'Lægenotat' },
  subject: { reference: `Patient/${patient}` }, date, author: [{ display: 'Læge' }], title,
  section: [{ title: section, text: { status: 'generated', div: `<div xmlns="http://www.w3.org/1999/xhtml"><p>${text}</p></div>` } }],
});

/** A record: an anticoagulant note, a note saying no penicillin allergy, an unrelated note. */
async function seed(t: TestKerne): Promise<Record<string, string>> {
  const create = async <T extends Resource>(r: T): Promise<string> => (await t.kerne.repo.create(r)).stored.id;
  const day = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString();
  const ids: Record<string, string> = {};
  ids.patient = await create({ resourceType: 'Patient', name: [{ family: 'Holm', given: ['Erik'] }] });
  ids.anticoagulant = await create(note(ids.patient, 'Journalnotat', 'Plan', 'Atrieflimren. Opstartet i behandling med Eliquis 5 mg x 2.', day(10)));
  ids.allergy = await create(note(ids.patient, 'Indlæggelsesnotat', 'Anamnese', 'Har ingen penicillinallergi.', day(20)));
  ids.other = await create(note(ids.patient, 'Sygeplejenotat', 'Objektivt', 'Sovet roligt det meste af natten.', day(2)));
  await t.kerne.relay.flush();
  await t.kerne.journal.indexer.idle();
  return ids;
}

/** `kerne audit verify`'s report on a store: its exit code and what it wrote. */
async function auditReport(q: Queryable): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await reportAuditVerification(q, { out: (text) => (out += text), err: (text) => (err += text) });
  return { code, out, err };
}

const askAs = async (t: TestKerne, patient: string, question: unknown, headers: Record<string, string> = {}) => {
  const res = await t.request('POST', `/api/journal/patients/${patient}/ask`, { question }, { 'content-type': 'application/json', ...headers });
  return { status: res.status, body: res.json as JournalAnswer };
};

/** An OpenAI chat-completions fake: answers from the prompt's passages; `mode` chooses a failure. */
function fakeOpenAi(): Promise<{ server: Server; url: string; requests: Record<string, unknown>[]; mode: { value: 'ok' | 'invalid-json' | '429' | 'timeout' } }> {
  const requests: Record<string, unknown>[] = [];
  const mode = { value: 'ok' as 'ok' | 'invalid-json' | '429' | 'timeout' };
  const server = createServer((req, res) => {
    let raw = '';
    req.on('data', (c) => (raw += c));
    req.on('end', () => {
      const body = JSON.parse(raw) as { messages: { content: string }[]; response_format: { json_schema: { schema: unknown } } };
      requests.push(body as unknown as Record<string, unknown>);
      if (mode.value === 'timeout') return; // never answers
      if (mode.value === '429') return res.writeHead(429, { 'content-type': 'application/json' }).end('{"error":{"message":"rate limited"}}');
      const prompt = body.messages[1]!.content;
      const first = /^\[(S\d+)\] [^:]*: (.*)$/m.exec(prompt)!;
      const content = mode.value === 'invalid-json'
        ? '{"sentences": [ {"text": "Ja'
        : JSON.stringify({ sentences: [{ text: first[2], citations: [first[1]] }, { text: 'Patienten får Eliquis 10 mg x 3.', citations: [first[1]] }], notFound: [] });
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ id: 'x', object: 'chat.completion', model: 'fake', choices: [{ index: 0, finish_reason: 'stop', message: { role: 'assistant', content } }] }));
    });
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`, requests, mode })));
}

describe('kerne audit verify on a PGlite data folder', () => {
  it('exit code 1 before migrations (no audit tables), 0 on a migrated, empty store', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'kerne-audit-verify-'));
    try {
      assert.equal(await auditVerifyCommand({ dataDir }), 1, 'nothing to verify before `kerne migrate`');
      const db = await openDb({ dataDir });
      await migrate(db);
      await db.close();
      assert.equal(await auditVerifyCommand({ dataDir }), 0, 'an empty audit log and AI audit verify');
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

for (const store of STORES) {
  describe(`journal ask: extractive answers and the AI audit (${store.name})`, () => {
    let t: TestKerne;
    let ids: Record<string, string>;
    before(async () => {
      t = await startTestKerne(store);
      ids = await seed(t);
    });
    after(() => t.close());

    it('"Har patienten fået blodfortyndende?" is yes, citing the Eliquis note verbatim', async () => {
      const { status, body } = await askAs(t, ids.patient!, 'Har patienten fået blodfortyndende?');
      assert.equal(status, 200, JSON.stringify(body));
      assert.equal(body.verdict, 'yes', JSON.stringify(body));
      assert.equal(body.mode, 'extractive', 'no model configured');
      const cited = body.passages.find((p) => p.id === body.sentences[0]?.citations[0]);
      assert.ok(cited, `the sentence cites a passage: ${JSON.stringify(body.sentences)}`);
      assert.equal(cited.citation.id, ids.anticoagulant, 'the right note');
      assert.equal(cited.citation.quote, 'Opstartet i behandling med Eliquis 5 mg x 2.', 'a verbatim span');
      assert.equal(body.sentences[0]!.text, cited.citation.quote, 'the sentence is the passage');
      assert.equal(cited.citation.unit, 'codepoint', 'code points');
      assert.match(cited.citation.quoteHash, /^sha256:[0-9a-f]{64}$/, 'a quote hash');
      assert.ok(body.aiEventId, 'audited');
    });

    it('a question the record does not answer is not-found; "ingen penicillinallergi" is no', async () => {
      const missing = await askAs(t, ids.patient!, 'Har patienten en pacemaker?');
      assert.equal(missing.body.verdict, 'not-found', JSON.stringify(missing.body));
      assert.equal(missing.body.sentences.length, 0, 'nothing said');
      const negated = await askAs(t, ids.patient!, 'Har patienten penicillinallergi?');
      assert.equal(negated.body.verdict, 'no', JSON.stringify(negated.body));
      assert.equal(negated.body.passages[0]?.assertion, 'negated', 'labelled negated');
      assert.equal(negated.body.passages[0]?.citation.id, ids.allergy, 'from the admission note');
    });

    it('bad input is a 400 OperationOutcome', async () => {
      for (const question of [undefined, 'x', 42, 'y'.repeat(301)]) {
        const res = await askAs(t, ids.patient!, question);
        assert.equal(res.status, 400, `question ${JSON.stringify(question)}`);
        assert.equal((res.body as unknown as { resourceType: string }).resourceType, 'OperationOutcome', 'an OperationOutcome');
      }
      const badId = await t.request('POST', '/api/journal/patients/bad%20id/ask', { question: 'Har patienten feber?' }, { 'content-type': 'application/json' });
      assert.equal(badId.status, 400, 'an invalid patient id');
      const badAction = await t.request('POST', '/api/journal/ai-events/not-a-uuid/actions', { action: 'copied' }, { 'content-type': 'application/json' });
      assert.equal(badAction.status, 400, 'an invalid event id');
    });

    it('records user actions; the AI audit verifies, and a tampered row breaks it', async () => {
      const { body } = await askAs(t, ids.patient!, 'Har patienten fået blodfortyndende?');
      const action = await t.request('POST', `/api/journal/ai-events/${body.aiEventId}/actions`, { action: 'opened-citation', citation: 'S1' }, { 'content-type': 'application/json' });
      assert.equal(action.status, 204, action.text);
      for (const done of ['copied', 'marked-wrong']) {
        const res = await t.request('POST', `/api/journal/ai-events/${body.aiEventId}/actions`, { action: done }, { 'content-type': 'application/json' });
        assert.equal(res.status, 204, `${done}: ${res.text}`);
      }
      const wrong = await t.request('POST', `/api/journal/ai-events/${body.aiEventId}/actions`, { action: 'deleted' }, { 'content-type': 'application/json' });
      assert.equal(wrong.status, 400, 'an unknown action');
      const db = t.db();
      const rows = await db.query<{ kind: string; record: string }>('SELECT kind, record FROM ai_event WHERE id = $1 OR answer_id = $1 ORDER BY kind, recorded, id', [body.aiEventId]);
      assert.deepEqual(rows.map((r) => r.kind), ['action', 'action', 'action', 'answer'], 'the answer and its three actions');
      assert.deepEqual(rows.slice(0, 3).map((r) => JSON.parse(r.record).action).sort(), ['copied', 'marked-wrong', 'opened-citation'], 'the actions recorded');
      assert.equal(JSON.parse(rows.find((r) => JSON.parse(r.record).action === 'opened-citation')!.record).citation, 'S1', 'the opened citation recorded');
      assert.equal(JSON.parse(rows[3]!.record).provider, 'none', 'an extractive answer is audited as provider none');
      const onChain = await db.query<{ n: string }>(`SELECT count(*)::text AS n FROM audit_log WHERE event LIKE '%"code":"action:marked-wrong"%'`);
      assert.equal(onChain[0]?.n, '1', 'marked-wrong is on the audit chain as its own AuditEvent subtype');
      const ok = await verifyAiAudit(db);
      assert.equal(ok.ok, true, JSON.stringify(ok));
      const intact = await auditReport(db);
      assert.equal(intact.code, 0, `kerne audit verify passes: ${intact.out}${intact.err}`);
      assert.match(intact.out, /^Audit log intact: \d+ rows$/m, intact.out);
      assert.match(intact.out, new RegExp(`^AI audit intact: ${ok.rows} events$`, 'm'), intact.out);
      await assert.rejects(db.query(`UPDATE ai_event SET record = record WHERE id = $1`, [body.aiEventId]), /append-only/, 'no update');
      await db.exec('ALTER TABLE ai_event DISABLE TRIGGER ai_event_no_update');
      await db.query(`UPDATE ai_event SET record = replace(record, '"verdict":"yes"', '"verdict":"no"') WHERE id = $1`, [body.aiEventId]);
      await db.exec('ALTER TABLE ai_event ENABLE TRIGGER ai_event_no_update');
      const tampered = await verifyAiAudit(db);
      assert.equal(tampered.ok, false, 'the tampered row is found');
      assert.ok(tampered.problems.some((p) => p.id === body.aiEventId), JSON.stringify(tampered.problems));
      const report = await auditReport(db);
      assert.equal(report.code, 1, `kerne audit verify fails on a tampered AI event: ${report.out}`);
      assert.match(report.out, /^Audit log intact: /m, 'the audit log itself is untouched');
      assert.match(report.out, new RegExp(`^ai_event ${body.aiEventId}: its record does not match its hash$`, 'm'), report.out);
      assert.match(report.out, /^AI audit NOT intact: 1 problem\(s\) in \d+ events$/m, report.out);
    });

    it('metamorphic: once the only note that answers is deleted, the same question is not-found (never answered from memory)', async () => {
      const withNote = await askAs(t, ids.patient!, 'Har patienten fået blodfortyndende?');
      assert.equal(withNote.body.verdict, 'yes', 'answered while the note exists');
      await t.kerne.repo.delete('Composition', ids.anticoagulant!);
      await t.kerne.relay.flush();
      await t.kerne.journal.indexer.idle();
      const withoutNote = await askAs(t, ids.patient!, 'Har patienten fået blodfortyndende?');
      assert.equal(withoutNote.body.verdict, 'not-found', `abstains: ${JSON.stringify(withoutNote.body.sentences)}`);
      assert.ok(!withoutNote.body.passages.some((p) => p.citation.id === ids.anticoagulant), 'the deleted note is not cited');
    });
  });

  describe(`journal ask: the OpenAI-compatible provider (${store.name})`, () => {
    let t: TestKerne;
    let ids: Record<string, string>;
    let fake: Awaited<ReturnType<typeof fakeOpenAi>>;
    before(async () => {
      fake = await fakeOpenAi();
      t = await startTestKerne(store, { llmProvider: 'openai', llmUrl: fake.url, llmModel: 'fake-model', llmTimeoutMs: 500 });
      ids = await seed(t);
    });
    after(async () => {
      await t.close();
      fake.server.closeAllConnections();
      fake.server.close();
    });

    it('sends a strict json_schema with the passage ids as an enum; keeps the verified sentence, drops and counts the other', async () => {
      fake.mode.value = 'ok';
      const { body } = await askAs(t, ids.patient!, 'Har patienten fået blodfortyndende?');
      const sent = fake.requests.at(-1) as { response_format: { type: string; json_schema: { strict: boolean; schema: { properties: { sentences: { items: { properties: { citations: { items: { enum: string[] }; minItems: number } } } } } } } }; temperature: number; seed: number };
      assert.equal(sent.response_format.type, 'json_schema', 'structured output');
      assert.equal(sent.response_format.json_schema.strict, true, 'strict');
      const citations = sent.response_format.json_schema.schema.properties.sentences.items.properties.citations;
      assert.deepEqual(citations.items.enum, body.passages.map((p) => p.id), 'the enum is the passages given');
      assert.equal(citations.minItems, 1, 'at least one citation');
      assert.equal(sent.temperature, 0, 'temperature 0');
      assert.equal(typeof sent.seed, 'number', 'a seed');
      assert.equal(body.mode, 'generated', JSON.stringify(body));
      assert.deepEqual(body.model, { provider: 'openai', id: 'fake-model' }, 'the model named');
      assert.equal(body.sentences.length, 1, JSON.stringify(body.sentences));
      assert.equal(body.droppedSentences, 1, 'the sentence with 10 mg x 3 is dropped');
      assert.equal(body.verdict, 'yes', 'the verdict is the extractive one');
      const [row] = await t.db().query<{ record: string }>('SELECT record FROM ai_event WHERE id = $1', [body.aiEventId]);
      const record = JSON.parse(row!.record);
      assert.equal(record.provider, 'openai', 'audited provider');
      assert.equal(record.verification.length, 2, 'both sentences verified');
      assert.deepEqual(record.verification.map((v: { ok: boolean }) => v.ok), [true, false], 'per-sentence result');
    });

    for (const [mode, reason] of [['invalid-json', /invalid-json|schema/], ['429', /rate-limited/], ['timeout', /timeout/]] as const) {
      it(`${mode}: falls back to the extractive answer with a reason`, async () => {
        fake.mode.value = mode;
        const { status, body } = await askAs(t, ids.patient!, 'Har patienten fået blodfortyndende?');
        assert.equal(status, 200, JSON.stringify(body));
        assert.equal(body.mode, 'extractive', 'extractive');
        assert.equal(body.verdict, 'yes', 'still answered');
        assert.equal(body.sentences[0]?.text, 'Opstartet i behandling med Eliquis 5 mg x 2.', 'the extractive sentence');
        assert.match(body.fallbackReason ?? '', reason, `the reason: ${body.fallbackReason}`);
      });
    }
  });

  describe(`journal ask: the GGUF provider (${store.name})`, { skip: existsSync(TINY_GGUF) ? false : `no ${TINY_GGUF} (../shared absent): GGUF plumbing not tested` }, () => {
    let t: TestKerne;
    let ids: Record<string, string>;
    let dir: string;
    before(async () => {
      dir = mkdtempSync(join(tmpdir(), 'kerne-gguf-'));
      copyFileSync(TINY_GGUF, join(dir, 'tiny-bytes.gguf'));
      t = await startTestKerne(store, { llmProvider: 'gguf', llmGgufPath: join(dir, 'tiny-bytes.gguf'), llmTimeoutMs: 120_000 });
      ids = await seed(t);
    });
    after(async () => {
      await t?.close();
      rmSync(dir, { recursive: true, force: true });
    });

    it('loads the model, constrains the output to the schema, verifies it and audits the SHA-256', async () => {
      const { status, body } = await askAs(t, ids.patient!, 'Har patienten fået blodfortyndende?');
      assert.equal(status, 200, JSON.stringify(body));
      assert.equal(body.model?.provider, 'gguf', JSON.stringify(body.model));
      assert.equal(body.model?.sha256, TINY_SHA256, 'the model file hash');
      const [row] = await t.db().query<{ record: string }>('SELECT record FROM ai_event WHERE id = $1', [body.aiEventId]);
      const record = JSON.parse(row!.record);
      assert.equal(record.modelSha256, TINY_SHA256, 'audited with the GGUF SHA-256');
      assert.ok(record.outputHash, `the output was parsed (${record.fallbackReason})`);
      assert.ok(record.verification.length >= 1, `verification ran (${record.fallbackReason})`);
      const given = new Set(body.passages.map((p) => p.id));
      for (const v of record.verification as { citations: string[] }[]) assert.ok(v.citations.every((c) => given.has(c)), `citations within the enum: ${v.citations}`);
      // The tiny model's output is noise: nothing verifies, so the extractive sentences stay.
      assert.equal(body.droppedSentences, record.verification.length, 'noise is dropped and counted');
      assert.equal(body.sentences[0]?.text, 'Opstartet i behandling med Eliquis 5 mg x 2.', 'extractive sentences shown');
      assert.equal((await verifyAiAudit(t.db())).ok, true, 'the audit verifies');
    });
  });
}
