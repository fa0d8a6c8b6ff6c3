/** `kerne audit verify`: walks the audit log's hash chain; exit code 1 if anything was tampered with. */
import { loadConfig } from '../config/index.ts';
import { openDb } from '../db/index.ts';
import { verifyAuditLog } from '../audit/index.ts';

export async function auditVerifyCommand(flags: Record<string, unknown>): Promise<number> {
  const config = loadConfig(flags);
  const db = await openDb({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, poolSize: 2 });
  try {
    // Read-only: no migrations here. A store without the table has no log to verify.
    const [table] = await db.query<{ t: string | null }>(`SELECT to_regclass('audit_log')::text AS t`);
    if (!table?.t) {
      process.stderr.write('No audit log in this database: run `kerne migrate` first.\n');
      return 1;
    }
    const result = await verifyAuditLog(db);
    if (result.ok) {
      process.stdout.write(`Audit log intact: ${result.rows} rows\n`);
      return 0;
    }
    for (const p of result.problems) process.stdout.write(`seq ${p.seq}: ${p.kind}: ${p.detail}\n`);
    process.stdout.write(`Audit log NOT intact: ${result.problems.length} problem(s) in ${result.rows} rows\n`);
    return 1;
  } finally {
    await db.close();
  }
}
