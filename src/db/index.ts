/** Storage: the Db port, its two drivers and the migrations. */
export type { Db, Queryable, QueryOptions, PoolStats } from './db.ts';
export { migrate, listMigrations } from './migrate.ts';
import type { Db } from './db.ts';

export interface DbOptions {
  /** postgres://… selects PostgreSQL; otherwise PGlite in dataDir (in memory when dataDir is undefined). */
  readonly databaseUrl?: string | undefined;
  readonly dataDir?: string | undefined;
  readonly poolSize?: number;
}

export async function openDb(options: DbOptions): Promise<Db> {
  if (options.databaseUrl) {
    const { openPostgres } = await import('./postgres.ts');
    return openPostgres(options.databaseUrl, options.poolSize ?? 16);
  }
  const { openPglite } = await import('./pglite.ts');
  return openPglite(options.dataDir);
}
export { analyze, keepStatisticsFresh } from './statistics.ts';
