/** The `kerne` command line: start, migrate, import, packages install, audit verify. */
import { parseArgs } from 'node:util';
import { FhirError } from '../errors/index.ts';

const USAGE = `Usage: kerne <command> [options]

Commands:
  start                 Start the server (FHIR API at /fhir, health at /healthz, metrics at /metrics)
      --port N            HTTP port (env KERNE_PORT, default 8080)
      --data-dir DIR      Embedded database folder (env KERNE_DATA_DIR, default ./data)
      --demo              Load generated demo data into an empty store
      --database-url URL  PostgreSQL instead of the embedded database (env DATABASE_URL)
      --nats-url URL      Publish change events on NATS JetStream (env NATS_URL)
  migrate               Apply pending database migrations and exit
  import <paths...>     Load FHIR Bundles (.json) and NDJSON files or folders into the store
      --concurrency N     Bundles in flight (default 2)
  packages install <package.tgz | folder>
                        Load a FHIR implementation-guide package (profiles, value sets, code systems)
  audit verify          Check the audit log's hash chain; exit code 1 if rows were changed, removed or inserted

Environment: KERNE_PORT, KERNE_DATA_DIR, DATABASE_URL, NATS_URL, KERNE_LOG_LEVEL, KERNE_BODY_LIMIT.
`;

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  const { values, positionals } = parseArgs({
    args: rest,
    allowPositionals: true,
    options: {
      port: { type: 'string' },
      'data-dir': { type: 'string' },
      demo: { type: 'boolean' },
      'database-url': { type: 'string' },
      'nats-url': { type: 'string' },
      concurrency: { type: 'string' },
      'log-level': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (!command || command === 'help' || values.help) {
    process.stdout.write(USAGE);
    return command ? 0 : 1;
  }
  const flags = {
    port: values.port,
    dataDir: values['data-dir'],
    demo: values.demo,
    databaseUrl: values['database-url'],
    natsUrl: values['nats-url'],
    logLevel: values['log-level'],
  };
  switch (command) {
    case 'start':
      return (await import('./start.command.ts')).startCommand(flags);
    case 'migrate':
      return (await import('./migrate.command.ts')).migrateCommand(flags);
    case 'import':
      return (await import('./import.command.ts')).importCommand(flags, positionals, Number(values.concurrency ?? 2));
    case 'packages':
      if (positionals[0] !== 'install' || positionals.length < 2) {
        process.stderr.write('Usage: kerne packages install <package.tgz | folder>\n');
        return 1;
      }
      return (await import('./packages.command.ts')).packagesInstallCommand(flags, positionals.slice(1));
    case 'audit':
      if (positionals[0] !== 'verify' || positionals.length !== 1) {
        process.stderr.write('Usage: kerne audit verify\n');
        return 1;
      }
      return (await import('./audit.command.ts')).auditVerifyCommand(flags);
    default:
      process.stderr.write(`Unknown command '${command}'.\n\n${USAGE}`);
      return 1;
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    const message = err instanceof FhirError ? err.message : err instanceof Error ? err.message : String(err);
    process.stderr.write(`kerne: ${message}\n`);
    process.exitCode = 1;
  },
);
