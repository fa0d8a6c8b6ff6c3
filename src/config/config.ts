/** Kerne's configuration: one typed schema with defaults, read from flags and environment, validated at start. */
import { existsSync } from 'node:fs';
import { z } from 'zod';

export const ConfigSchema = z.object({
  port: z.coerce.number().int().min(0).max(65535).default(8080),
  /**
   * The interface to listen on. Authentication is always on, so every interface is allowed (default
   * 0.0.0.0); with `devNoAuth` Kerne refuses anything but loopback (default 127.0.0.1).
   */
  host: z.string().min(1).optional(),
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
  /** Development only: no authentication, every request acts as a local administrator; loopback only. */
  devNoAuth: z.boolean().default(false),
  /** Kerne's own identity provider's issuer URL; derived from the request's host when absent. */
  issuer: z.string().url().optional(),
  /** An external OIDC provider whose bearer tokens Kerne also accepts (e.g. the region's Keycloak). */
  externalIssuer: z.string().url().optional(),
  /** Its JWKS URL; default: discovered from `${externalIssuer}/.well-known/openid-configuration`. */
  externalJwksUrl: z.string().url().optional(),
  /** The audience external tokens must carry (default: the FHIR base URL). */
  externalAudience: z.string().min(1).optional(),
  /** Lifetimes, in seconds: access tokens, refresh tokens (the login session), authorization codes. */
  accessTokenTtl: z.coerce.number().int().min(30).default(900),
  sessionTtl: z.coerce.number().int().min(60).default(8 * 3600),
  /** Minutes that a break-the-glass access lasts. */
  breakTheGlassMinutes: z.coerce.number().int().min(1).max(24 * 60).default(120),
  /** Origins allowed by CORS (comma-separated in KERNE_CORS_ORIGINS); empty: same origin only. */
  corsOrigins: z
    .union([z.string(), z.array(z.string())])
    .transform((v) => (Array.isArray(v) ? v : v.split(',')).map((s) => s.trim()).filter(Boolean))
    .default([]),
  /** TLS: PEM certificate and key files; both or neither. */
  tlsCert: z.string().min(1).optional(),
  tlsKey: z.string().min(1).optional(),
  /** Failed-or-not login attempts allowed per client address per minute. */
  loginRateLimit: z.coerce.number().int().min(1).default(10),
  /** Access control and audit: off only to measure their cost (bench/access.bench.ts), and only on loopback. */
  accessControl: z.union([z.boolean(), z.enum(['true', 'false']).transform((v) => v === 'true')]).default(true),
  /** The MLLP listener for HL7 v2 device messages (IHE PCD-01/04): its port (0: any free port; -1: off). */
  mllpPort: z.coerce.number().int().min(-1).max(65535).default(2575),
  /** MLLP over TLS, with the same certificate and key as HTTPS (tlsCert/tlsKey). */
  mllpTls: z.union([z.boolean(), z.enum(['true', 'false']).transform((v) => v === 'true')]).default(false),
  /** The zone of device timestamps sent without a UTC offset (Danish daylight saving included). */
  deviceTimeZone: z.string().min(1).default('Europe/Copenhagen'),
  /**
   * Per sender (MSH-3, e.g. an EUI-64): how to acknowledge ('standard' or 'application-only': AA
   * instead of CA) and its time zone. JSON in KERNE_DEVICE_SENDERS, e.g. {"00A037000000": {"ack": "application-only"}}.
   */
  deviceSenders: z
    .union([z.string().transform((v, ctx) => { try { return JSON.parse(v) as unknown; } catch { ctx.addIssue({ code: 'custom', message: 'KERNE_DEVICE_SENDERS must be JSON' }); return z.NEVER; } }), z.record(z.unknown())])
    .pipe(z.record(z.object({ ack: z.enum(['standard', 'application-only']).optional(), timeZone: z.string().min(1).optional() }).strict()))
    .default({}),
  /** Days a device message's (sender, MSH-10) and answer are kept for recognising repeats. */
  deviceMessageRetentionDays: z.coerce.number().min(1).max(3650).default(7),
  /** Plausibility ranges per vital (overrides of the defaults), JSON in KERNE_DEVICE_PLAUSIBILITY, e.g. {"heartRate": {"min": 25, "max": 250}}. */
  devicePlausibility: z
    .union([z.string().transform((v, ctx) => { try { return JSON.parse(v) as unknown; } catch { ctx.addIssue({ code: 'custom', message: 'KERNE_DEVICE_PLAUSIBILITY must be JSON' }); return z.NEVER; } }), z.record(z.unknown())])
    .pipe(z.record(z.object({ min: z.number(), max: z.number() }).strict()))
    .default({}),
  /** Milliseconds to let in-flight requests finish on SIGTERM. */
  shutdownGraceMs: z.coerce.number().int().min(0).default(10_000),
  /** The journal's optional LLM layer (journal-ai.md §6): none (default, extractive answers only), openai (an OpenAI-compatible endpoint) or gguf (a local model file). */
  llmProvider: z.enum(['none', 'openai', 'gguf']).default('none'),
  /** openai: the endpoint's base URL (…/v1) or its …/chat/completions URL. */
  llmUrl: z.string().url('KERNE_LLM_URL must be a URL').optional(),
  /** openai: the model name the endpoint serves. */
  llmModel: z.string().min(1).optional(),
  /** openai: the API key (sent as a bearer token). */
  llmApiKey: z.string().min(1).optional(),
  /** gguf: the model file. */
  llmGgufPath: z.string().min(1).optional(),
  /** Milliseconds a model may take for one answer before the extractive answer is shown. */
  llmTimeoutMs: z.coerce.number().int().min(100).max(600_000).default(20_000),
});

export type KerneConfig = Omit<z.infer<typeof ConfigSchema>, 'host'> & { readonly host: string };

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
    host: env.KERNE_HOST,
    issuer: env.KERNE_ISSUER,
    externalIssuer: env.KERNE_EXTERNAL_ISSUER,
    externalJwksUrl: env.KERNE_EXTERNAL_JWKS_URL,
    externalAudience: env.KERNE_EXTERNAL_AUDIENCE,
    accessTokenTtl: env.KERNE_ACCESS_TOKEN_TTL,
    sessionTtl: env.KERNE_SESSION_TTL,
    breakTheGlassMinutes: env.KERNE_BREAK_THE_GLASS_MINUTES,
    corsOrigins: env.KERNE_CORS_ORIGINS,
    tlsCert: env.KERNE_TLS_CERT,
    tlsKey: env.KERNE_TLS_KEY,
    loginRateLimit: env.KERNE_LOGIN_RATE_LIMIT,
    accessControl: env.KERNE_ACCESS_CONTROL,
    mllpPort: env.KERNE_MLLP_PORT,
    mllpTls: env.KERNE_MLLP_TLS,
    deviceTimeZone: env.KERNE_DEVICE_TIME_ZONE,
    deviceSenders: env.KERNE_DEVICE_SENDERS,
    devicePlausibility: env.KERNE_DEVICE_PLAUSIBILITY,
    deviceMessageRetentionDays: env.KERNE_DEVICE_MESSAGE_RETENTION_DAYS,
    llmProvider: env.KERNE_LLM_PROVIDER,
    llmUrl: env.KERNE_LLM_URL,
    llmModel: env.KERNE_LLM_MODEL,
    llmApiKey: env.KERNE_LLM_API_KEY,
    llmGgufPath: env.KERNE_LLM_GGUF_PATH,
    llmTimeoutMs: env.KERNE_LLM_TIMEOUT_MS,
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
  const config: KerneConfig = { ...parsed.data, host: parsed.data.host ?? (parsed.data.devNoAuth ? '127.0.0.1' : '0.0.0.0') };
  if (config.devNoAuth && !LOOPBACK.has(config.host)) {
    throw new Error(`Invalid configuration:\n  host: without authentication (--dev-no-auth) Kerne listens on loopback only, not '${config.host}'`);
  }
  if (!config.accessControl && !LOOPBACK.has(config.host)) {
    throw new Error(`Invalid configuration:\n  accessControl: off only on loopback (KERNE_HOST=127.0.0.1), to measure its cost`);
  }
  if (Boolean(config.tlsCert) !== Boolean(config.tlsKey)) {
    throw new Error('Invalid configuration:\n  tlsCert/tlsKey: give both the certificate and the key, or neither');
  }
  if (config.mllpTls && !config.tlsCert) {
    throw new Error('Invalid configuration:\n  mllpTls: MLLP over TLS needs tlsCert and tlsKey');
  }
  assertTimeZone(config.deviceTimeZone, 'deviceTimeZone');
  if (config.llmProvider === 'openai' && (!config.llmUrl || !config.llmModel)) {
    throw new Error('Invalid configuration:\n  llmProvider: openai needs KERNE_LLM_URL (e.g. http://localhost:11434/v1) and KERNE_LLM_MODEL');
  }
  if (config.llmProvider === 'openai' && !/^https?:\/\//.test(config.llmUrl!)) throw new Error(`Invalid configuration:\n  llmUrl: an http(s) URL, not '${config.llmUrl}'`);
  if (config.llmProvider === 'gguf' && (!config.llmGgufPath || !existsSync(config.llmGgufPath))) {
    throw new Error(`Invalid configuration:\n  llmGgufPath: gguf needs KERNE_LLM_GGUF_PATH, an existing .gguf model file${config.llmGgufPath ? ` (no file at '${config.llmGgufPath}')` : ''}`);
  }
  for (const [sender, settings] of Object.entries(config.deviceSenders)) if (settings.timeZone) assertTimeZone(settings.timeZone, `deviceSenders.${sender}.timeZone`);
  return config;
}

function assertTimeZone(zone: string, path: string): void {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
  } catch {
    throw new Error(`Invalid configuration:\n  ${path}: unknown time zone '${zone}' (an IANA name such as Europe/Copenhagen)`);
  }
}

const LOOPBACK = new Set(['127.0.0.1', '::1', 'localhost']);
