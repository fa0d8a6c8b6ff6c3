/** The `kerne` command line: start, migrate, import, packages install, audit verify, user add, client add. */
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
      --host ADDRESS      Interface to listen on (env KERNE_HOST; default 0.0.0.0, 127.0.0.1 with --dev-no-auth)
      --tls-cert FILE     Serve HTTPS with this PEM certificate (env KERNE_TLS_CERT; needs --tls-key)
      --tls-key FILE      The certificate's PEM private key (env KERNE_TLS_KEY)
      --dev-no-auth       Development only: no login, every request acts as a local administrator; loopback only
      --mllp-port N       HL7 v2 device messages over MLLP (env KERNE_MLLP_PORT, default 2575; -1: off)
      --mllp-tls          MLLP over TLS with --tls-cert/--tls-key (env KERNE_MLLP_TLS)
      --llm-provider P    The journal's optional LLM layer: none (default), openai or gguf (env KERNE_LLM_PROVIDER)
      --llm-url URL       openai: the OpenAI-compatible endpoint (env KERNE_LLM_URL; key in env KERNE_LLM_API_KEY)
      --llm-model NAME    openai: the model name (env KERNE_LLM_MODEL)
      --llm-gguf-path F   gguf: the model file (env KERNE_LLM_GGUF_PATH; timeout: env KERNE_LLM_TIMEOUT_MS)
  simulate devices      Send realistic IHE PCD-01 vital-sign streams to Kerne over MLLP (some patients deteriorate)
      --beds N            Monitored beds, one monitor each (default 10; the demo hospital's monitors are bound to beds)
      --interval S        Seconds between one monitor's messages (default 10)
      --host H --mllp-port N   Where Kerne listens (default 127.0.0.1:2575)
      --duration S        Stop after S seconds (default: until Ctrl-C)
  migrate               Apply pending database migrations and exit
  import <paths...>     Load FHIR Bundles (.json) and NDJSON files or folders into the store
      --concurrency N     Bundles in flight (default 2)
  packages install <package.tgz | folder>
                        Load a FHIR implementation-guide package (profiles, value sets, code systems)
  audit verify          Check the audit log's hash chain and the AI-use audit against it; exit code 1 if rows were changed, removed or inserted
  user add              Add a login user to Kerne's identity provider (password: at least 10 characters)
      --username U --password P and one of:
      --practitioner Practitioner/ID      an existing practitioner (optionally --role ROLE [--unit Organization/ID])
      --patient Patient/ID                an existing patient (a citizen's login)
      --name "Given Family" --role ROLE [--unit Organization/ID]
                                          a new Practitioner and PractitionerRole
      Roles: laege, sygeplejerske, sekretaer, portoer, afdelingsledelse, administrator
  client add            Register a confidential client-credentials client (system integration)
      --id ID --secret SECRET --scope 'system/*.read'   (secret: at least 16 characters)

Environment: KERNE_PORT, KERNE_HOST, KERNE_DATA_DIR, DATABASE_URL, NATS_URL, KERNE_LOG_LEVEL, KERNE_BODY_LIMIT,
  KERNE_ISSUER, KERNE_EXTERNAL_ISSUER, KERNE_EXTERNAL_JWKS_URL, KERNE_EXTERNAL_AUDIENCE, KERNE_CORS_ORIGINS,
  KERNE_TLS_CERT, KERNE_TLS_KEY, KERNE_LOGIN_RATE_LIMIT, KERNE_MLLP_PORT, KERNE_MLLP_TLS, KERNE_DEVICE_TIME_ZONE,
  KERNE_DEVICE_SENDERS (JSON: per-sender ACK mode and time zone), KERNE_DEVICE_PLAUSIBILITY (JSON: ranges per vital).
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
      host: { type: 'string' },
      'dev-no-auth': { type: 'boolean' },
      'tls-cert': { type: 'string' },
      'tls-key': { type: 'string' },
      'mllp-port': { type: 'string' },
      'mllp-tls': { type: 'boolean' },
      'llm-provider': { type: 'string' },
      'llm-url': { type: 'string' },
      'llm-model': { type: 'string' },
      'llm-gguf-path': { type: 'string' },
      // simulate devices
      beds: { type: 'string' },
      interval: { type: 'string' },
      duration: { type: 'string' },
      // user add / client add
      username: { type: 'string' },
      password: { type: 'string' },
      practitioner: { type: 'string' },
      patient: { type: 'string' },
      name: { type: 'string' },
      role: { type: 'string' },
      unit: { type: 'string' },
      id: { type: 'string' },
      secret: { type: 'string' },
      scope: { type: 'string' },
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
    host: values.host,
    devNoAuth: values['dev-no-auth'],
    tlsCert: values['tls-cert'],
    tlsKey: values['tls-key'],
    mllpPort: values['mllp-port'],
    mllpTls: values['mllp-tls'],
    llmProvider: values['llm-provider'],
    llmUrl: values['llm-url'],
    llmModel: values['llm-model'],
    llmGgufPath: values['llm-gguf-path'],
  };
  switch (command) {
    case 'start':
      return (await import('./start.command.ts')).startCommand(flags);
    case 'simulate':
      if (positionals[0] !== 'devices' || positionals.length !== 1) {
        process.stderr.write('Usage: kerne simulate devices [--beds N] [--interval S] [--host H] [--mllp-port N] [--duration S]\n');
        return 1;
      }
      return (await import('./simulate.command.ts')).simulateDevicesCommand(values);
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
    case 'user':
      if (positionals[0] !== 'add' || positionals.length !== 1) {
        process.stderr.write('Usage: kerne user add --username U --password P (--practitioner Practitioner/ID | --patient Patient/ID | --name "Given Family" --role ROLE [--unit Organization/ID])\n');
        return 1;
      }
      return (await import('./user.command.ts')).userAddCommand(flags, values);
    case 'client':
      if (positionals[0] !== 'add' || positionals.length !== 1) {
        process.stderr.write("Usage: kerne client add --id ID --secret SECRET --scope 'system/*.read'\n");
        return 1;
      }
      return (await import('./client.command.ts')).clientAddCommand(flags, values);
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
