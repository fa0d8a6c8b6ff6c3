/**
 * Opens the store and repository without the HTTP server, for commands that write directly
 * (import, packages). Their changes stay in the outbox for the server's relay to publish.
 */
import type { KerneConfig } from '../config/index.ts';
import { migrate, openDb } from '../db/index.ts';
import { createRepositoryParts } from '../app.ts';
import { FhirRepository } from '../fhir/repository/index.ts';

export async function openStore(config: KerneConfig) {
  const db = await openDb({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, poolSize: config.databasePoolSize });
  await migrate(db);
  const parts = await createRepositoryParts(db, config);
  const repo = new FhirRepository({ db, ...parts });
  return { db, repo, parts, close: () => db.close() };
}
