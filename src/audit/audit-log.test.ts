/** The audit log: appends chain, SQL cannot change it, and verify finds and places every tampering. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { AuditEvent } from '@medplum/fhirtypes';
import type { Db } from '../db/index.ts';
import { STORES } from '../../test/support/stores.ts';
import { FhirError } from '../errors/index.ts';
import { appendAuditEvents, AuditWriter, rowHash, verifyAuditLog } from './index.ts';

const event = (n: number): AuditEvent => ({
  resourceType: 'AuditEvent',
  type: { system: 'http://terminology.hl7.org/CodeSystem/audit-event-type', code: 'rest' },
  action: 'R',
  recorded: new Date(Date.UTC(2026, 0, 1, 0, 0, n)).toISOString(),
  outcome: '0',
  agent: [{ who: { reference: `Practitioner/p${n}` }, requestor: true }],
  source: { observer: { display: 'kerne' } },
  entity: [{ what: { reference: `Patient/${n}` } }],
});

async function seqs(db: Db): Promise<string[]> {
  return (await db.query<{ seq: string }>('SELECT seq::text AS seq FROM audit_log ORDER BY audit_log.seq')).map((r) => r.seq);
}

describe('audit log', () => {
  for (const store of STORES) {
    it(`appends a valid chain that SQL cannot change (${store.name})`, async () => {
      const db = await store.open();
      try {
        assert.deepEqual(await verifyAuditLog(db), { ok: true, rows: 0, problems: [] });
        await appendAuditEvents(db, [event(1), event(2)]);
        await db.transaction((tx) => appendAuditEvents(tx, [event(3)]));
        await appendAuditEvents(db, []);
        assert.deepEqual(await verifyAuditLog(db), { ok: true, rows: 3, problems: [] });
        assert.deepEqual(await verifyAuditLog(db, 2), { ok: true, rows: 3, problems: [] }); // across pages
        const [first] = await db.query<{ event: string }>('SELECT event FROM audit_log WHERE seq = 1');
        assert.deepEqual(JSON.parse(first!.event), event(1));

        await assert.rejects(db.query(`UPDATE audit_log SET event = '{}' WHERE seq = 2`), /append-only: UPDATE/);
        await assert.rejects(db.query('DELETE FROM audit_log WHERE seq = 2'), /append-only: DELETE/);
        await assert.rejects(db.query('TRUNCATE audit_log'), /append-only: TRUNCATE/);
        assert.deepEqual(await seqs(db), ['1', '2', '3']);
      } finally {
        await db.close();
      }
    });

    it(`verify reports a changed, a removed and an inserted row where they are (${store.name})`, async () => {
      const db = await store.open();
      try {
        await appendAuditEvents(db, [1, 2, 3, 4, 5].map(event));
        // A rolled-back append burns seq 6: a gap the chain links over, so not a problem.
        await db.transaction(async (tx) => {
          await appendAuditEvents(tx, [event(6)]);
          throw new Error('rollback');
        }).catch(() => {});
        for (let n = 7; n <= 12; n++) await appendAuditEvents(db, [event(n)]);
        assert.deepEqual(await seqs(db), ['1', '2', '3', '4', '5', '7', '8', '9', '10', '11', '12']);
        assert.deepEqual(await verifyAuditLog(db), { ok: true, rows: 11, problems: [] });

        // The tampering superuser.
        await db.exec('ALTER TABLE audit_log DISABLE TRIGGER USER');
        await db.query(`UPDATE audit_log SET event = replace(event, 'Patient/3', 'Patient/33') WHERE seq = 3`);
        await db.query('DELETE FROM audit_log WHERE seq = 9');
        // A careful forgery into the gap at 6: links to row 5 and hashes correctly.
        const [five] = await db.query<{ hash: string }>('SELECT hash FROM audit_log WHERE seq = 5');
        const recorded = '2026-01-01T00:00:06.000000Z';
        const forged = JSON.stringify(event(99));
        await db.query(
          `INSERT INTO audit_log (seq, recorded, event, prev_hash, hash) OVERRIDING SYSTEM VALUE VALUES (6, $1, $2, $3, $4)`,
          [recorded, forged, five!.hash, rowHash(five!.hash, '6', recorded, forged)],
        );
        // A clumsy forgery at the end: no valid link.
        await db.query(
          `INSERT INTO audit_log (recorded, event, prev_hash, hash) VALUES (now(), $1, $2, $3)`,
          [forged, 'f'.repeat(64), 'f'.repeat(64)],
        );

        for (const pageSize of [5_000, 2]) {
          const result = await verifyAuditLog(db, pageSize);
          assert.equal(result.ok, false);
          assert.equal(result.rows, 12);
          assert.deepEqual(
            result.problems.map((p) => [p.seq, p.kind]),
            [
              ['3', 'changed'],
              ['6', 'inserted'],
              ['9', 'removed'],
              ['13', 'changed'],
              ['13', 'broken-link'],
            ],
          );
          for (const p of result.problems) assert.match(p.detail, new RegExp(`row ${p.seq}\\b`));
        }
      } finally {
        await db.close();
      }
    });

    it(`a forged row with a wrong link between two real rows is reported as inserted (${store.name})`, async () => {
      const db = await store.open();
      try {
        await appendAuditEvents(db, [event(1)]);
        await db.transaction(async (tx) => {
          await appendAuditEvents(tx, [event(2)]);
          throw new Error('rollback');
        }).catch(() => {});
        await appendAuditEvents(db, [event(3)]);
        const forged = JSON.stringify(event(2));
        const recorded = '2026-01-01T00:00:02.000000Z';
        await db.query(
          `INSERT INTO audit_log (seq, recorded, event, prev_hash, hash) OVERRIDING SYSTEM VALUE VALUES (2, $1, $2, $3, $4)`,
          [recorded, forged, 'a'.repeat(64), rowHash('a'.repeat(64), '2', recorded, forged)],
        );
        const result = await verifyAuditLog(db);
        assert.deepEqual(result.problems.map((p) => [p.seq, p.kind]), [['2', 'inserted']]);
      } finally {
        await db.close();
      }
    });

    it(`concurrent appends keep one valid chain (${store.name})`, async () => {
      const db = await store.open();
      try {
        await Promise.all(Array.from({ length: 20 }, (_, i) => appendAuditEvents(db, [event(i * 2), event(i * 2 + 1)])));
        const result = await verifyAuditLog(db);
        assert.deepEqual(result, { ok: true, rows: 40, problems: [] });
        const [links] = await db.query<{ n: string }>('SELECT count(DISTINCT prev_hash)::text AS n FROM audit_log');
        assert.equal(links!.n, '40'); // no fork: every row has its own predecessor
      } finally {
        await db.close();
      }
    });

    it(`the writer batches off the request path, fails closed while the log cannot be written, and loses nothing (${store.name})`, async () => {
      const db = await store.open();
      const errors: unknown[] = [];
      const writer = new AuditWriter(db, { unavailableAfterMs: 50, retryMs: 20, onError: (err) => errors.push(err) });
      try {
        for (let n = 1; n <= 5; n++) writer.enqueue([{ event: event(n), patients: [String(n)] }]);
        await writer.flush();
        assert.deepEqual(await seqs(db), ['1', '2', '3', '4', '5'], 'five entries, in order');

        // The append function is gone: entries wait and are retried; after 50 ms new accesses are refused.
        await db.exec('ALTER FUNCTION kerne_audit_append_lines(text, text, text, text) RENAME TO kerne_audit_append_away');
        writer.enqueue([{ event: event(6) }]);
        await new Promise((r) => setTimeout(r, 120));
        assert.ok(errors.length > 0, 'the failed append was reported');
        assert.throws(
          () => writer.enqueue([{ event: event(7) }]),
          (err: unknown) => err instanceof FhirError && err.status === 503 && err.headers['retry-after'] === '5',
          'a 503 while the log cannot be written',
        );
        assert.throws(() => writer.assertAvailable(), /audit log cannot be written/, 'writes are refused before they start');
        writer.enqueue([{ event: event(7) }], { committed: true }); // a committed write's entry is always kept
        assert.equal(writer.backlog, 2, 'two entries wait');

        await db.exec('ALTER FUNCTION kerne_audit_append_away(text, text, text, text) RENAME TO kerne_audit_append_lines');
        await writer.flush();
        assert.equal(writer.backlog, 0, 'the backlog is written once the log is back');
        writer.enqueue([{ event: event(8) }]);
        await writer.close();
        const rows = await db.query<{ event: string }>('SELECT event FROM audit_log ORDER BY seq');
        assert.deepEqual(rows.map((r) => (JSON.parse(r.event) as AuditEvent).agent[0]?.who?.reference), [1, 2, 3, 4, 5, 6, 7, 8].map((n) => `Practitioner/p${n}`), 'all eight, in order');
        assert.deepEqual(await verifyAuditLog(db), { ok: true, rows: 8, problems: [] });
      } finally {
        await db.close();
      }
    });
  }
});
