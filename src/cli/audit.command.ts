/**
 * `kerne audit verify`: walks the audit log's hash chain and checks the audit of AI use against it
 * (each ai_event row's hash, and that hash on the chain: journal-ai.md §7); exit code 1 if either
 * was tampered with.
 */
import { loadConfig } from '../config/index.ts';
import { openDb, type Queryable } from '../db/index.ts';
import { verifyAuditLog } from '../audit/index.ts';
import { verifyAiAudit } from '../journal/index.ts';

export async function auditVerifyCommand(flags: Record<string, unknown>): Promise<number> {
  const config = loadConfig(flags);
  const db = await openDb({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, poolSize: 2 });
  try {
    return await reportAuditVerification(db, { out: (text) => process.stdout.write(text), err: (text) => process.stderr.write(text) });
  } finally {
    await db.close();
  }
}

/** Verifies the audit log and the AI audit, writes what it found, and returns the exit code. */
export async function reportAuditVerification(q: Queryable, write: { out: (text: string) => void; err: (text: string) => void }): Promise<number> {
  // Read-only: no migrations here. A store without the tables has nothing to verify.
  const [tables] = await q.query<{ audit: string | null; ai: string | null }>(`SELECT to_regclass('audit_log')::text AS audit, to_regclass('ai_event')::text AS ai`);
  if (!tables?.audit || !tables.ai) {
    write.err(`No ${tables?.audit ? 'AI audit' : 'audit log'} in this database: run \`kerne migrate\` first.\n`);
    return 1;
  }
  const log = await verifyAuditLog(q);
  for (const p of log.problems) write.out(`seq ${p.seq}: ${p.kind}: ${p.detail}\n`);
  write.out(log.ok ? `Audit log intact: ${log.rows} rows\n` : `Audit log NOT intact: ${log.problems.length} problem(s) in ${log.rows} rows\n`);
  const ai = await verifyAiAudit(q, log);
  for (const p of ai.problems) write.out(`${p.detail}\n`);
  write.out(ai.problems.length === 0 ? `AI audit intact: ${ai.rows} events\n` : `AI audit NOT intact: ${ai.problems.length} problem(s) in ${ai.rows} events\n`);
  return log.ok && ai.ok ? 0 : 1;
}
