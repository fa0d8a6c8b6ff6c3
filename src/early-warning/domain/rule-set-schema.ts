/** The rule-set format (JSON in src/early-warning/rule-sets/) as a zod schema, with the cross-checks run at load: bands cover each parameter exactly once, totals map to exactly one response. @see shared/reference/early-warning.md §5 */
import { z } from 'zod';
import { booleanCoverageProblems, codedCoverageProblems, numericCoverageProblems } from './bands.ts';

const score = z.number().int().min(0).max(10);
const minutes = z.number().int().positive();
const label = z.object({ da: z.string().min(1), en: z.string().min(1) }).strict();
const level = z.enum(['routine', 'ward', 'red', 'urgent', 'emergency']);
const riskBand = z.enum(['low', 'low-medium', 'medium', 'high']);
const date = z.string().regex(/^\d{4}-\d{2}-\d{2}/, 'a FHIR date');

export const NumericBandSchema = z.object({ min: z.number().optional(), max: z.number().optional(), oxygen: z.boolean().optional(), score }).strict();
export const CodedBandSchema = z.object({ codes: z.array(z.string().min(1)).min(1), score }).strict();
export const BooleanBandSchema = z.object({ value: z.boolean(), score }).strict();
export type NumericBand = z.infer<typeof NumericBandSchema>;
export type CodedBand = z.infer<typeof CodedBandSchema>;
export type BooleanBand = z.infer<typeof BooleanBandSchema>;
export type Band = NumericBand | CodedBand | BooleanBand;

const common = { label, freshnessMinutes: minutes };
const NumericParameterSchema = z
  .object({
    ...common,
    unit: z.string().min(1),
    decimals: z.number().int().min(0).max(3),
    /** Values outside are refused as implausible (physical limits, not clinical ones). */
    accepts: z.object({ min: z.number(), max: z.number() }).strict(),
    bands: z.array(NumericBandSchema).min(1).optional(),
    /** SpO2 only: bands per scale ('1' required, '2' optional). */
    scales: z.object({ '1': z.array(NumericBandSchema).min(1), '2': z.array(NumericBandSchema).min(1).optional() }).strict().optional(),
  })
  .strict()
  .refine((p) => (p.bands === undefined) !== (p.scales === undefined), 'give either bands or scales');
const CodedParameterSchema = z.object({ ...common, system: z.string().url(), codes: z.array(z.string().min(1)).min(1), bands: z.array(CodedBandSchema).min(1) }).strict();
const BooleanParameterSchema = z.object({ ...common, bands: z.array(BooleanBandSchema).min(1) }).strict();
export type NumericParameter = z.infer<typeof NumericParameterSchema>;
export type CodedParameter = z.infer<typeof CodedParameterSchema>;
export type BooleanParameter = z.infer<typeof BooleanParameterSchema>;

const ParametersSchema = z
  .object({
    respiratoryRate: NumericParameterSchema.optional(),
    spo2: NumericParameterSchema.optional(),
    supplementalOxygen: BooleanParameterSchema.optional(),
    systolic: NumericParameterSchema.optional(),
    heartRate: NumericParameterSchema.optional(),
    consciousness: CodedParameterSchema.optional(),
    temperature: NumericParameterSchema.optional(),
  })
  .strict();

const LevelSchema = z
  .object({
    label,
    action: label,
    escalate: z.boolean(),
    taskPriority: z.enum(['urgent', 'asap', 'stat']).optional(),
    respondWithinMinutes: minutes.optional(),
  })
  .strict()
  .refine((l) => !l.escalate || (l.taskPriority !== undefined && l.respondWithinMinutes !== undefined), 'an escalating level needs taskPriority and respondWithinMinutes');
const RiskBandSchema = z.object({ label, colour: z.object({ name: z.string().min(1), hex: z.string().regex(/^#[0-9A-Fa-f]{6}$/) }).strict() }).strict();
const ByTotalSchema = z.object({ min: z.number().int().min(0), max: z.number().int().optional(), riskBand, level, monitoringMinutes: minutes, note: z.string().optional() }).strict();

export const RuleSetSchema = z
  .object({
    $comment: z.string().optional(),
    id: z.string().regex(/^[a-z0-9-]+$/),
    version: z.string().regex(/^[A-Za-z0-9.-]+$/),
    scoreCode: z.enum(['NEWS2', 'TOKS']),
    title: label,
    source: z.object({ citation: z.string().min(1), url: z.string().url().optional(), acknowledgement: z.string().optional() }).strict(),
    status: z.enum(['draft', 'active', 'retired']),
    /** false: the engine computes it, but a service must not offer it for patient care. */
    clinicalUse: z.boolean(),
    effective: z.object({ from: date, to: date.optional() }).strict(),
    population: z.object({ minAgeYears: z.number().int().min(0).optional(), maxAgeYears: z.number().int().optional(), pregnancy: z.boolean().optional(), note: label.optional() }).strict(),
    rounding: z.object({ method: z.literal('half-up'), note: z.string().min(1) }).strict(),
    notes: z.array(z.string()).default([]),
    /** A sub-score at or above this is a "red score" (single-parameter trigger). */
    redScore: score.optional(),
    parameters: ParametersSchema,
    riskBands: z.object({ low: RiskBandSchema, 'low-medium': RiskBandSchema, medium: RiskBandSchema, high: RiskBandSchema }).strict(),
    levels: z.object({ routine: LevelSchema, ward: LevelSchema, red: LevelSchema, urgent: LevelSchema, emergency: LevelSchema }).strict(),
    responses: z
      .object({
        byTotal: z.array(ByTotalSchema).min(1),
        red: z.object({ riskBand, level, monitoringMinutes: minutes, note: z.string().optional() }).strict().optional(),
        concern: z.object({ level, monitoringMinutes: minutes, freshnessMinutes: minutes, note: z.string().optional() }).strict(),
      })
      .strict(),
  })
  .strict()
  .superRefine((rs, ctx) => {
    for (const problem of ruleSetProblems(rs)) ctx.addIssue({ code: z.ZodIssueCode.custom, message: problem });
  });

export type RuleSet = z.infer<typeof RuleSetSchema>;
type RuleSetDraft = Omit<RuleSet, 'notes'>;

const LEVEL_ORDER = ['routine', 'ward', 'red', 'urgent', 'emergency'] as const;
const PRIORITY_ORDER = ['urgent', 'asap', 'stat'] as const;

/** The highest total a rule set can give (sum of each parameter's highest band). */
export function maxTotal(rs: Pick<RuleSet, 'parameters'>): number {
  const p = rs.parameters;
  const top = (bands: readonly { score: number }[] | undefined): number => Math.max(0, ...(bands ?? []).map((b) => b.score));
  return [
    top(p.respiratoryRate?.bands),
    Math.max(top(p.spo2?.bands), top(p.spo2?.scales?.['1']), top(p.spo2?.scales?.['2'])),
    top(p.supplementalOxygen?.bands),
    top(p.systolic?.bands),
    top(p.heartRate?.bands),
    top(p.consciousness?.bands),
    top(p.temperature?.bands),
  ].reduce((a, b) => a + b, 0);
}

/** Cross-field problems zod's shape cannot see. */
function ruleSetProblems(rs: RuleSetDraft): string[] {
  const problems: string[] = [];
  const p = rs.parameters;
  for (const name of ['respiratoryRate', 'spo2', 'systolic', 'heartRate', 'temperature'] as const) {
    const def = p[name];
    if (!def) continue;
    if (def.scales && name !== 'spo2') problems.push(`${name}: only spo2 has scales`);
    const lists = def.bands ? { bands: def.bands } : { ...def.scales };
    for (const [key, bands] of Object.entries(lists)) if (bands) problems.push(...numericCoverageProblems(bands, def.accepts, def.decimals, `${name} ${key}`));
  }
  if (p.consciousness) problems.push(...codedCoverageProblems(p.consciousness.bands, p.consciousness.codes, 'consciousness'));
  if (p.supplementalOxygen) problems.push(...booleanCoverageProblems(p.supplementalOxygen.bands, 'supplementalOxygen'));
  if (Object.keys(p).length === 0) problems.push('no parameters');

  const top = maxTotal(rs);
  for (let total = 0; total <= top; total++) {
    const n = rs.responses.byTotal.filter((r) => total >= r.min && (r.max === undefined || total <= r.max)).length;
    if (n !== 1) problems.push(`responses.byTotal: total ${total} matches ${n} rows`);
  }
  if ((rs.redScore === undefined) !== (rs.responses.red === undefined)) problems.push('redScore and responses.red go together');
  // Levels escalate monotonically: a higher level never asks for a slower task or a later answer.
  const escalating = LEVEL_ORDER.filter((l) => rs.levels[l].escalate);
  for (let i = 1; i < escalating.length; i++) {
    const lower = rs.levels[escalating[i - 1]!];
    const higher = rs.levels[escalating[i]!];
    if (PRIORITY_ORDER.indexOf(higher.taskPriority!) < PRIORITY_ORDER.indexOf(lower.taskPriority!)) problems.push(`levels.${escalating[i]}: taskPriority below a lower level's`);
    if (higher.respondWithinMinutes! > lower.respondWithinMinutes!) problems.push(`levels.${escalating[i]}: respondWithinMinutes longer than a lower level's`);
  }
  if (LEVEL_ORDER.some((l, i) => rs.levels[l].escalate && LEVEL_ORDER.slice(i + 1).some((h) => !rs.levels[h].escalate))) problems.push('levels: once a level escalates, every higher level must');
  // Kerne: a nurse's concern always reaches a doctor (at least Task priority 'urgent').
  if (!rs.levels[rs.responses.concern.level].escalate) problems.push('responses.concern.level must escalate');
  if (rs.responses.red && !rs.levels[rs.responses.red.level].escalate) problems.push('responses.red.level must escalate');
  return problems;
}

/** A validated rule set from parsed JSON, or the zod error listing every problem. */
export function parseRuleSet(json: unknown): RuleSet {
  return RuleSetSchema.parse(json);
}

/** A rule set's key 'id@version', as in configuration and in a score Observation's method. */
export function ruleSetKey(rs: Pick<RuleSet, 'id' | 'version'>): string {
  return `${rs.id}@${rs.version}`;
}

/** Whether a rule set may be offered for patient care at `now`: active, clinicalUse, within its effective dates. */
export function isClinicallyUsable(rs: RuleSet, now: Date): boolean {
  const day = now.toISOString().slice(0, 10);
  return rs.status === 'active' && rs.clinicalUse && rs.effective.from <= day && (rs.effective.to === undefined || day <= rs.effective.to);
}
