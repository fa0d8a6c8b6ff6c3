/** `kerne migrate`: applies pending migrations and exits. */
import { loadConfig } from '../config/index.ts';
import { migrate, openDb } from '../db/index.ts';

export async function migrateCommand(flags: Record<string, unknown>): Promise<number> {
  const config = loadConfig(flags);
  const db = await openDb({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, poolSize: 2 });
  try {
    const applied = await migrate(db);
    process.stdout.write(applied.length ? `Applied: ${applied.join(', ')}\n` : 'The database is up to date.\n');
    return 0;
  } finally {
    await db.close();
  }
}
