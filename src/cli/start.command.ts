/** `kerne start`: runs the server until SIGTERM/SIGINT, then shuts down gracefully. */
import { createKerne } from '../app.ts';
import { loadConfig } from '../config/index.ts';
import { ensureDemoUsers, loadDemoDataIfEmpty } from '../demo/index.ts';
import { ensureWebAppBuilt } from '../web/index.ts';

export async function startCommand(flags: Record<string, unknown>): Promise<number> {
  const config = loadConfig(flags);
  const kerne = await createKerne(config);
  const log = kerne.http.log;
  // A fresh clone has no built web app: build it once (Vite, a few seconds), or when web/src changed.
  await ensureWebAppBuilt({ log: (message) => log.info(message) }).catch((err: unknown) => log.warn({ err }, 'the web app could not be built; /app/ says how'));
  if (config.demo) {
    const loaded = await loadDemoDataIfEmpty(kerne.repo);
    if (loaded) log.info({ resources: loaded }, 'demo data loaded into the empty store');
    if (loaded) log.info({ scores: await kerne.earlyWarning.scoreLatestSets() }, 'early-warning scores of the demo patients\' latest vital signs');
    const users = await ensureDemoUsers(kerne.repo, kerne.identity);
    if (users.length) log.info({ users }, 'demo logins created (password in the README)');
  }
  // The device listener first: a port already taken stops the start cleanly, before HTTP is served.
  let mllpPort: number | undefined;
  try {
    mllpPort = await kerne.devices.listen();
  } catch (err) {
    await kerne.close();
    throw new Error(`the MLLP port ${config.mllpPort} cannot be opened (${(err as Error).message}); choose another with --mllp-port, or --mllp-port=-1 for none`);
  }
  await kerne.http.listen({ port: config.port, host: config.host });
  const where = config.databaseUrl ? 'PostgreSQL' : `PGlite in ${config.dataDir}`;
  log.info(`Kerne is ready: ${config.tlsCert ? 'https' : 'http'}://${config.host}:${config.port}/fhir (storage: ${where}${config.natsUrl ? ', events: NATS' : ''}${mllpPort !== undefined ? `, devices: MLLP${config.mllpTls ? ' over TLS' : ''} on port ${mllpPort}` : ''})`);

  await new Promise<void>((resolve) => {
    const stop = (signal: string) => {
      log.info({ signal }, 'shutting down: finishing in-flight requests');
      const force = setTimeout(() => {
        log.error('shutdown grace period passed; exiting');
        process.exit(1);
      }, config.shutdownGraceMs);
      force.unref();
      kerne.close().then(resolve, (err: unknown) => {
        log.error({ err }, 'error during shutdown');
        resolve();
      });
    };
    process.once('SIGTERM', () => stop('SIGTERM'));
    process.once('SIGINT', () => stop('SIGINT'));
  });
  return 0;
}
