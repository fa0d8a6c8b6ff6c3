/** Kerne's configuration: one typed schema with defaults, read from flags and environment, validated at start. */
import { z } from 'zod';

export const ConfigSchema = z.object({
  port: z.coerce.number().int().min(0).max(65535).default(8080),
  /** Until authentication lands (the security issue), Kerne binds to loopback only. */
  host: z.literal('127.0.0.1').default('127.0.0.1'),
  /** The public base URL of the FHIR API; derived from host and port when absent. */
  baseUrl: z.string().url().optional(),
  dataDir: z.string().min(1).default('./data'),
  databaseUrl: z.string().regex(/^postgres(ql)?:\/\//, 'DATABASE_URL must be a postgres:// URL').optional(),
  databasePoolSize: z.coerce.number().int().min(1).max(200).default(16),
  natsUrl: z.string().regex(/^(nats|tls):\/\//, 'NATS_URL must be a nats:// URL').optional(),
  demo: z.boolean().default(false),
  /** Largest request body accepted (bytes); the biggest Synthea bundle is about 5 MB. */
  bodyLimit: z.coerce.number().int().min(1024).default(64 * 1024 * 1024),
  /** 'fast': R4 JSON Schema + required bindings + installed profiles; 'full': also the base FHIRPath invariants. */
  validation: z.enum(['fast', 'full']).default('fast'),
  logLevel: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Milliseconds to let in-flight requests finish on SIGTERM. */
  shutdownGraceMs: z.coerce.number().int().min(0).default(10_000),
});

export type KerneConfig = z.infer<typeof ConfigSchema>;

/** Builds the config from CLI flags (already parsed) over environment variables; throws a readable error. */
export function loadConfig(flags: Partial<Record<keyof KerneConfig, unknown>>, env: NodeJS.ProcessEnv = process.env): KerneConfig {
  const fromEnv = {
    port: env.KERNE_PORT,
    baseUrl: env.KERNE_BASE_URL,
    dataDir: env.KERNE_DATA_DIR,
    databaseUrl: env.DATABASE_URL,
    databasePoolSize: env.KERNE_DB_POOL_SIZE,
    natsUrl: env.NATS_URL,
    bodyLimit: env.KERNE_BODY_LIMIT,
    logLevel: env.KERNE_LOG_LEVEL,
    validation: env.KERNE_VALIDATION,
  };
  const merged: Record<string, unknown> = {};
  for (const source of [fromEnv, flags]) {
    for (const [k, v] of Object.entries(source)) if (v !== undefined && v !== '') merged[k] = v;
  }
  const parsed = ConfigSchema.safeParse(merged);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid configuration:\n${lines.join('\n')}`);
  }
  return parsed.data;
}
