/** The request bodies of /api/vitals as zod schemas: a bad body is a 400 OperationOutcome naming each field to fix. */
import { z } from 'zod';
import { FhirError, IssueType } from '../errors/index.ts';

const id = z.string().regex(/^[A-Za-z0-9\-.]{1,64}$/, 'a resource id');
const instant = z.string().datetime({ offset: true, message: 'an ISO date-time with offset, e.g. 2026-11-29T10:00:00+01:00' });
const acvpu = z.enum(['A', 'C', 'V', 'P', 'U'], { message: 'one of A, C, V, P, U (ACVPU)' });

export const ValidationSchema = z
  .object({
    accept: z.array(id).max(2000).optional(),
    reject: z.array(id).max(2000).optional(),
    corrections: z.array(z.object({ id, value: z.number().finite() }).strict()).max(200).optional(),
    window: z.object({ patientId: id, from: instant, to: instant, action: z.enum(['accept', 'reject']) }).strict().optional(),
    consciousness: acvpu.optional(),
    supplementalOxygen: z.boolean().optional(),
  })
  .strict()
  .refine((v) => (v.accept?.length ?? 0) + (v.reject?.length ?? 0) + (v.corrections?.length ?? 0) > 0 || v.window, { message: 'Name the readings to accept, reject or correct, or a time window' });

/** Plausible manual entries (a typing error is caught; the early-warning bands go well inside). */
export const ManualVitalsSchema = z
  .object({
    at: instant.optional(),
    heartRate: z.number().min(20).max(300).optional(),
    respiratoryRate: z.number().min(2).max(80).optional(),
    spo2: z.number().min(50).max(100).optional(),
    systolic: z.number().min(40).max(300).optional(),
    diastolic: z.number().min(15).max(200).optional(),
    temperature: z.number().min(25).max(45).optional(),
    consciousness: acvpu.optional(),
    supplementalOxygen: z.boolean().optional(),
    concern: z.boolean().optional(),
  })
  .strict()
  .refine((v) => Object.keys(v).some((k) => k !== 'at'), { message: 'Enter at least one value' })
  .refine((v) => (v.systolic === undefined) === (v.diastolic === undefined), { message: 'Blood pressure needs both systolic and diastolic', path: ['diastolic'] });

export const ScoreOrderSchema = z
  .object({
    kind: z.enum(['spo2-scale-2', 'adjusted-thresholds']),
    reason: z.string().trim().min(10, 'Give the clinical reason (at least 10 characters)').max(1000),
    expires: instant,
    parameters: z.record(z.array(z.object({ min: z.number().optional(), max: z.number().optional(), score: z.number().int().min(0).max(3) }).strict()).min(1)).optional(),
    monitoringMinutes: z.number().int().min(5).max(24 * 60).optional(),
  })
  .strict();

export const ConcernSchema = z.object({ note: z.string().max(1000).optional() }).strict();
export const AcknowledgeSchema = z.object({ note: z.string().max(1000).optional() }).strict();
export const AssociateSchema = z.object({ patientId: id, until: instant.optional() }).strict();
export const WithdrawSchema = z.object({ reason: z.string().trim().min(10, 'Say why the association was wrong (at least 10 characters)').max(1000) }).strict();
export const AssignHeldSchema = z.object({ readingIds: z.array(z.string().min(1).max(100)).min(1).max(500), patientId: id }).strict();

/** The body parsed by the schema, or a 400 listing every problem with its field. */
export function parseBody<T>(schema: z.ZodType<T, z.ZodTypeDef, unknown>, body: unknown): T {
  const parsed = schema.safeParse(body ?? {});
  if (parsed.success) return parsed.data;
  throw new FhirError(
    400,
    parsed.error.issues.map((i) => ({
      severity: 'error' as const,
      code: IssueType.invalid,
      details: { text: `${i.path.length ? `${i.path.join('.')}: ` : ''}${i.message}` },
      ...(i.path.length ? { expression: [i.path.join('.')] } : {}),
    })),
  );
}
