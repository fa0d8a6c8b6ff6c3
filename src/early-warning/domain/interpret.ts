/** From a total (and whether any sub-score is red) to a risk band, level, monitoring interval and colour, by the rule set's response rows. @see shared/reference/early-warning.md §2 */
import { LEVELS, RISK_BANDS, type Interpretation, type Level, type RiskBand } from './model.ts';
import type { RuleSet } from './rule-set-schema.ts';

export const levelRank = (level: Level): number => LEVELS.indexOf(level);
export const maxLevel = (a: Level, b: Level): Level => (levelRank(b) > levelRank(a) ? b : a);
const maxBand = (a: RiskBand, b: RiskBand): RiskBand => (RISK_BANDS.indexOf(b) > RISK_BANDS.indexOf(a) ? b : a);

/** The response row for a total; above the last row's max (only possible with adjusted bands), the highest row. */
function rowFor(ruleSet: RuleSet, total: number): RuleSet['responses']['byTotal'][number] {
  const rows = ruleSet.responses.byTotal;
  const exact = rows.find((r) => total >= r.min && (r.max === undefined || total <= r.max));
  if (exact) return exact;
  return [...rows].sort((a, b) => b.min - a.min).find((r) => r.min <= total) ?? rows[0]!;
}

export interface InterpretationDetail {
  readonly interpretation: Interpretation;
  /** The level from the total alone, and from the red-score rule (when a sub-score is red). */
  readonly totalLevel: Level;
  readonly redLevel?: Level;
}

/** Interpret a total: the more urgent of the total's row and (with a red sub-score) the red row; the shorter interval. */
export function interpretTotal(ruleSet: RuleSet, total: number, anyRed: boolean): InterpretationDetail {
  const row = rowFor(ruleSet, total);
  const red = anyRed ? ruleSet.responses.red : undefined;
  const riskBand = red ? maxBand(row.riskBand, red.riskBand) : row.riskBand;
  const level = red ? maxLevel(row.level, red.level) : row.level;
  const monitoringMinutes = red ? Math.min(row.monitoringMinutes, red.monitoringMinutes) : row.monitoringMinutes;
  const band = ruleSet.riskBands[riskBand];
  return {
    interpretation: { total, anyRed, riskBand, level, monitoringMinutes, colour: band.colour, label: band.label },
    totalLevel: row.level,
    ...(red ? { redLevel: red.level } : {}),
  };
}
