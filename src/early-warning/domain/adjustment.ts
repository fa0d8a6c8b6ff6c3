/** Doctor-ordered adjustments ("justeret NEWS2/TOKS"): checking an overlay against a rule set and deciding whether it is in force. @see shared/reference/early-warning.md §4–§5 */
import { z } from 'zod';
import { booleanCoverageProblems, codedCoverageProblems, numericCoverageProblems } from './bands.ts';
import { AdjustmentIgnored, isParameter, type Adjustment, type Parameter } from './model.ts';
import { BooleanBandSchema, CodedBandSchema, NumericBandSchema, type RuleSet } from './rule-set-schema.ts';

const REFERENCE = /^(Practitioner|PractitionerRole)\/[A-Za-z0-9\-.]{1,64}$/;
const instant = (text: string): number | undefined => {
  const ms = Date.parse(text);
  return Number.isNaN(ms) ? undefined : ms;
};

/** An adjustment expires at `expires`; an unreadable expiry counts as expired (fail safe: the raw rule set applies). */
export function isAdjustmentExpired(adjustment: Adjustment, now: Date): boolean {
  const ends = instant(adjustment.expires);
  return ends === undefined || now.getTime() >= ends;
}

/** Adjusted bands for one parameter: the right band shape, covering the parameter as the rule set's bands must. */
function bandProblems(ruleSet: RuleSet, name: Parameter, bands: unknown): string[] {
  const where = `adjusted ${name}`;
  const first = (error: z.ZodError): string[] => [`${where}: ${error.issues[0]?.message ?? 'invalid bands'}`];
  if (name === 'consciousness') {
    const parsed = z.array(CodedBandSchema).min(1).safeParse(bands);
    return parsed.success ? codedCoverageProblems(parsed.data, ruleSet.parameters.consciousness?.codes ?? [], where) : first(parsed.error);
  }
  if (name === 'supplementalOxygen') {
    const parsed = z.array(BooleanBandSchema).min(1).safeParse(bands);
    return parsed.success ? booleanCoverageProblems(parsed.data, where) : first(parsed.error);
  }
  const def = ruleSet.parameters[name];
  const parsed = z.array(NumericBandSchema).min(1).safeParse(bands);
  if (!def) return [];
  return parsed.success ? numericCoverageProblems(parsed.data, def.accepts, def.decimals, where) : first(parsed.error);
}

/** Problems that make an adjustment unusable with a rule set (each adjusted parameter's bands must cover it as the rule set's do). */
export function adjustmentProblems(ruleSet: RuleSet, adjustment: Adjustment): string[] {
  const problems: string[] = [];
  if (!adjustment.reason.trim()) problems.push('reason is empty');
  if (!REFERENCE.test(adjustment.author)) problems.push(`author ${adjustment.author} is not a Practitioner or PractitionerRole reference`);
  if (instant(adjustment.authoredOn) === undefined) problems.push('authoredOn is not a date-time');
  if (instant(adjustment.expires) === undefined) problems.push('expires is not a date-time');
  const m = adjustment.monitoringMinutes;
  if (m !== undefined && !(Number.isInteger(m) && m > 0)) problems.push('monitoringMinutes must be a positive integer');
  for (const [name, bands] of Object.entries(adjustment.parameters ?? {})) {
    if (!isParameter(name)) problems.push(`${name} is not a parameter`);
    else if (!ruleSet.parameters[name]) problems.push(`${name} is not in ${ruleSet.id}`);
    else problems.push(...bandProblems(ruleSet, name, bands));
  }
  return problems;
}

export type AdjustmentState =
  | { readonly inForce: true }
  | { readonly inForce: false; readonly reason: AdjustmentIgnored; readonly detail: string };

/** Whether an adjustment applies now with this rule set, or why it is ignored. */
export function adjustmentState(ruleSet: RuleSet, adjustment: Adjustment, now: Date): AdjustmentState {
  if (isAdjustmentExpired(adjustment, now)) return { inForce: false, reason: AdjustmentIgnored.expired, detail: `expired ${adjustment.expires}` };
  if (adjustment.ruleSet !== undefined && adjustment.ruleSet !== ruleSet.id) {
    return { inForce: false, reason: AdjustmentIgnored.otherRuleSet, detail: `written for ${adjustment.ruleSet}, not ${ruleSet.id}` };
  }
  const problems = adjustmentProblems(ruleSet, adjustment);
  if (problems.length) return { inForce: false, reason: AdjustmentIgnored.invalid, detail: problems.join('; ') };
  return { inForce: true };
}
