/** The early-warning engine: scores vital signs with a rule set (NEWS2, TOKS …), keeps the raw and the doctor-adjusted interpretation side by side, and takes the response as the max of all triggers. @see shared/reference/early-warning.md §1–§3, §5 */
import { adjustmentState } from './adjustment.ts';
import { dependsOnOxygen, numericBandsFor } from './bands.ts';
import { interpretTotal, levelRank, maxLevel } from './interpret.ts';
import {
  Level, PARAMETERS, RefusalReason, Trigger,
  type Adjustment, type AdjustedInterpretation, type CompleteScore, type Interpretation, type Parameter, type Part,
  type RefusedScore, type Response, type ScoreOptions, type ScoreResult, type VitalInputs,
} from './model.ts';
import { roundHalfUp } from './rounding.ts';
import type { Band, BooleanBand, CodedBand, NumericBand, RuleSet } from './rule-set-schema.ts';

const refuse = (reason: RefusalReason, detail: string, parameter?: Parameter): RefusedScore => ({ status: 'refused', reason, detail, ...(parameter ? { parameter } : {}) });

/** The bands a parameter is scored by: its own, or (SpO2) those of the scale in use. */
function ruleBands(ruleSet: RuleSet, parameter: Parameter, scale: 1 | 2): readonly Band[] | undefined {
  if (parameter === 'spo2') {
    const def = ruleSet.parameters.spo2;
    return def?.bands ?? def?.scales?.[scale === 2 ? '2' : '1'];
  }
  return ruleSet.parameters[parameter]?.bands;
}

type Checked = { readonly parameter: Parameter; readonly value: number | boolean | string; readonly rounded: number | boolean | string };

/** Validate and round the inputs the rule set needs; refuse impossible ones, list missing ones. */
function checkInputs(ruleSet: RuleSet, inputs: VitalInputs, scale: 1 | 2): RefusedScore | { checked: Checked[]; missing: Parameter[] } {
  const checked: Checked[] = [];
  const missing: Parameter[] = [];
  const spo2Bands = ruleBands(ruleSet, 'spo2', scale) as readonly NumericBand[] | undefined;
  const needsOxygen = spo2Bands !== undefined && dependsOnOxygen(spo2Bands);
  for (const parameter of PARAMETERS) {
    const scored = ruleSet.parameters[parameter] !== undefined;
    if (!scored && !(parameter === 'supplementalOxygen' && needsOxygen)) continue;
    const value: unknown = inputs[parameter];
    if (value === undefined || value === null) {
      missing.push(parameter);
      continue;
    }
    if (parameter === 'consciousness') {
      const codes = ruleSet.parameters.consciousness?.codes ?? [];
      if (typeof value !== 'string' || !codes.includes(value)) {
        return refuse(RefusalReason.consciousnessNotAcvpu, `consciousness must be one of ${codes.join(', ')} (C = new confusion), not ${JSON.stringify(value)}`, parameter);
      }
      checked.push({ parameter, value, rounded: value });
    } else if (parameter === 'supplementalOxygen') {
      if (typeof value !== 'boolean') return refuse(RefusalReason.valueInvalid, `supplementalOxygen must be true or false, not ${JSON.stringify(value)}`, parameter);
      checked.push({ parameter, value, rounded: value });
    } else {
      const def = ruleSet.parameters[parameter]!;
      if (typeof value !== 'number' || !Number.isFinite(value)) return refuse(RefusalReason.valueInvalid, `${parameter} must be a number, not ${JSON.stringify(value)}`, parameter);
      const rounded = roundHalfUp(value, def.decimals);
      if (rounded < def.accepts.min || rounded > def.accepts.max) {
        return refuse(RefusalReason.valueOutOfRange, `${parameter} ${value} is outside ${def.accepts.min}–${def.accepts.max} ${def.unit}`, parameter);
      }
      checked.push({ parameter, value, rounded });
    }
  }
  return { checked, missing };
}

/** Sub-scores of checked inputs, with adjusted bands where given. A value in no band refuses (only with broken bands). */
function scoreParts(ruleSet: RuleSet, checked: readonly Checked[], scale: 1 | 2, overrides: Adjustment['parameters'] = {}): Part[] | RefusedScore {
  const oxygen = checked.find((c) => c.parameter === 'supplementalOxygen')?.rounded as boolean | undefined;
  const parts: Part[] = [];
  for (const c of checked) {
    const bands = overrides[c.parameter] ?? ruleBands(ruleSet, c.parameter, scale);
    if (!bands) continue; // oxygen read for SpO2 Scale 2 but not itself scored
    let band: Band | undefined;
    if (typeof c.rounded === 'number') band = numericBandsFor(bands as readonly NumericBand[], c.rounded, oxygen)[0];
    else if (typeof c.rounded === 'boolean') band = (bands as readonly BooleanBand[]).find((b) => b.value === c.rounded);
    else band = (bands as readonly CodedBand[]).find((b) => b.codes.includes(c.rounded as string));
    if (!band) return refuse(RefusalReason.noBand, `${c.parameter} ${String(c.rounded)} falls in no band`, c.parameter);
    parts.push({ parameter: c.parameter, value: c.value, rounded: c.rounded, score: band.score });
  }
  return parts;
}

const sum = (parts: readonly Part[]): number => parts.reduce((t, p) => t + p.score, 0);
const hasRed = (ruleSet: RuleSet, parts: readonly Part[]): boolean => ruleSet.redScore !== undefined && parts.some((p) => p.score >= ruleSet.redScore!);

/**
 * Score vital signs with a rule set.
 * - Missing inputs give `incomplete` (never scored as 0); Scale 2 without an order, non-ACVPU consciousness and impossible values are `refused`.
 * - `raw` is the rule set's interpretation; `adjusted` the doctor's overlay when in force (an expired one is ignored and flagged).
 * - `response` = max(by total, red score, concern) on the adjusted interpretation when in force, else the raw one; concern only raises.
 */
export function scoreVitals(ruleSet: RuleSet, inputs: VitalInputs, options: ScoreOptions): ScoreResult {
  const scale = options.spo2Scale ?? 1;
  if (scale === 2 && options.scale2Ordered !== true) return refuse(RefusalReason.scale2WithoutOrder, 'SpO2 Scale 2 needs a clinician\'s order (ServiceRequest spo2-scale-2)', 'spo2');
  const spo2 = ruleSet.parameters.spo2;
  if (scale === 2 && spo2 && !spo2.scales?.['2']) return refuse(RefusalReason.scaleNotInRuleSet, `${ruleSet.id}@${ruleSet.version} has no SpO2 Scale 2`, 'spo2');

  const inputCheck = checkInputs(ruleSet, inputs, scale);
  if ('status' in inputCheck) return inputCheck;
  if (inputCheck.missing.length) return { status: 'incomplete', missing: inputCheck.missing };

  const parts = scoreParts(ruleSet, inputCheck.checked, scale);
  if (!Array.isArray(parts)) return parts;
  const total = sum(parts);
  const anyRed = hasRed(ruleSet, parts);
  const raw = interpretTotal(ruleSet, total, anyRed);

  let adjusted: { detail: ReturnType<typeof interpretTotal>; value: AdjustedInterpretation } | undefined;
  let ignored: CompleteScore['adjustmentIgnored'];
  if (options.adjustment) {
    const state = adjustmentState(ruleSet, options.adjustment, options.now);
    if (!state.inForce) ignored = { reason: state.reason, detail: state.detail };
    else {
      const adjustedParts = scoreParts(ruleSet, inputCheck.checked, scale, options.adjustment.parameters);
      if (!Array.isArray(adjustedParts)) ignored = { reason: 'invalid', detail: adjustedParts.detail };
      else {
        const detail = interpretTotal(ruleSet, sum(adjustedParts), hasRed(ruleSet, adjustedParts));
        const override = options.adjustment.monitoringMinutes;
        const computed = detail.interpretation.monitoringMinutes;
        // An override always shortens; it lengthens only while the adjusted score does not call a doctor.
        const monitoringMinutes = override === undefined ? computed : ruleSet.levels[detail.interpretation.level].escalate ? Math.min(override, computed) : override;
        adjusted = { detail, value: { ...detail.interpretation, monitoringMinutes, parts: adjustedParts, adjustment: options.adjustment } };
      }
    }
  }

  const concern = options.concern === true;
  const basis = adjusted ? adjusted.detail : raw;
  const response = respond(ruleSet, adjusted ? adjusted.value : raw.interpretation, basis, concern, adjusted !== undefined);
  return {
    status: 'complete',
    ruleSet: { id: ruleSet.id, version: ruleSet.version, scoreCode: ruleSet.scoreCode, status: ruleSet.status, clinicalUse: ruleSet.clinicalUse },
    total,
    parts,
    anyRed,
    ...(spo2 ? { spo2Scale: scale } : {}),
    concern,
    raw: raw.interpretation,
    ...(adjusted ? { adjusted: adjusted.value } : {}),
    ...(ignored?.reason === 'expired' ? { adjustmentExpired: true as const } : {}),
    ...(ignored ? { adjustmentIgnored: ignored } : {}),
    response,
  };
}

/** response = max(by total, red, concern); the interval is the shortest asked for. */
function respond(ruleSet: RuleSet, effective: Interpretation, detail: ReturnType<typeof interpretTotal>, concern: boolean, isAdjusted: boolean): Response {
  const contributions: { trigger: Trigger; level: Level }[] = [{ trigger: Trigger.total, level: detail.totalLevel }];
  if (detail.redLevel) contributions.push({ trigger: Trigger.red, level: detail.redLevel });
  const concernRow = ruleSet.responses.concern;
  if (concern) contributions.push({ trigger: Trigger.concern, level: concernRow.level });
  const level = contributions.reduce<Level>((l, c) => maxLevel(l, c.level), Level.routine);
  const monitoringMinutes = concern ? Math.min(effective.monitoringMinutes, concernRow.monitoringMinutes) : effective.monitoringMinutes;
  const def = ruleSet.levels[level];
  return {
    level,
    monitoringMinutes,
    triggers: contributions.filter((c) => levelRank(c.level) === levelRank(level)).map((c) => c.trigger),
    basis: isAdjusted ? 'adjusted' : 'raw',
    escalate: def.escalate,
    ...(def.taskPriority ? { priority: def.taskPriority } : {}),
    ...(def.respondWithinMinutes ? { respondWithinMinutes: def.respondWithinMinutes } : {}),
    action: def.action,
  };
}
