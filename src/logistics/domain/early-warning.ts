/** The latest early-warning score (NEWS2/TOKS total) on the board: risk band and next observation due. @see https://www.rcp.ac.uk/improving-care/resources/national-early-warning-score-news-2/ */
import type { CodeableConcept, Observation } from '@medplum/fhirtypes';
import type { BoardEarlyWarning } from '../model.ts';
import { addMinutes, isoAt, toMillis } from './time.ts';

export const EwsRisk = { low: 'low', lowMedium: 'low-medium', medium: 'medium', high: 'high' } as const;
export type EwsRisk = (typeof EwsRisk)[keyof typeof EwsRisk];

/** Minutes to the next observation by risk (NEWS2 chart: 0 → 12-hourly; 1–4 → 4–6-hourly; 3 in one parameter and 5–6 → hourly; ≥ 7 → continuous, shown as 15 min). */
export const NEWS2_OBSERVATION_MINUTES = { zero: 12 * 60, low: 4 * 60, 'low-medium': 60, medium: 60, high: 15 } as const;

/** NEWS2 risk band from the total alone (a 3 in one parameter cannot be seen in the total). */
export const news2Risk = (score: number): EwsRisk => (score >= 7 ? EwsRisk.high : score >= 5 ? EwsRisk.medium : EwsRisk.low);

const RISK_WORDS: Readonly<Record<string, EwsRisk>> = {
  low: EwsRisk.low, lav: EwsRisk.low,
  'low-medium': EwsRisk.lowMedium, 'lav-middel': EwsRisk.lowMedium, 'lav-moderat': EwsRisk.lowMedium,
  medium: EwsRisk.medium, middel: EwsRisk.medium, moderat: EwsRisk.medium,
  high: EwsRisk.high, hoej: EwsRisk.high, høj: EwsRisk.high,
};
const normalise = (word: string | undefined): string => (word ?? '').trim().toLowerCase().replace(/[\s_]+/g, '-');

/** A risk level named in a concept (code, display or text; English or Danish). */
function riskIn(concept: CodeableConcept | undefined): EwsRisk | undefined {
  for (const word of [concept?.text, ...(concept?.coding ?? []).flatMap((c) => [c.code, c.display])]) {
    const risk = RISK_WORDS[normalise(word)];
    if (risk) return risk;
  }
  return undefined;
}

/** A risk stated by the Observation: an interpretation, or a component coded risk/clinical-risk/risiko. */
function statedRisk(obs: Observation): EwsRisk | undefined {
  for (const i of obs.interpretation ?? []) {
    const risk = riskIn(i);
    if (risk) return risk;
  }
  for (const c of obs.component ?? []) {
    const isRisk = (c.code.coding ?? []).some((k) => ['risk', 'clinical-risk', 'risiko'].includes(normalise(k.code))) || ['risk', 'risiko'].includes(normalise(c.code.text));
    if (!isRisk) continue;
    const risk = riskIn(c.valueCodeableConcept) ?? RISK_WORDS[normalise(c.valueString)];
    if (risk) return risk;
  }
  return undefined;
}

const scoreOf = (obs: Observation): number | undefined => obs.valueInteger ?? obs.valueQuantity?.value;
const timeOf = (obs: Observation): string | undefined => obs.effectiveDateTime ?? obs.effectiveInstant ?? obs.effectivePeriod?.start ?? obs.issued;

/** Observation.extension of a Kerne score: when the next observation set is due. */
const NEXT_DUE_EXTENSION = 'https://kerne.dk/fhir/StructureDefinition/early-warning-next-due';

const USABLE: readonly Observation['status'][] = ['final', 'amended', 'corrected', 'preliminary'];

/** The board's early warning from a patient's score Observations: the latest usable one, its risk, next due time and overdue flag. */
export function latestEarlyWarning(observations: readonly Observation[], now: Date): BoardEarlyWarning | undefined {
  let best: { obs: Observation; at: string; ms: number; score: number } | undefined;
  for (const obs of observations) {
    const at = timeOf(obs);
    const ms = toMillis(at);
    const score = scoreOf(obs);
    if (!USABLE.includes(obs.status) || at === undefined || ms === undefined || score === undefined) continue;
    if (!best || ms > best.ms) best = { obs, at, ms, score };
  }
  if (!best) return undefined;
  const risk = statedRisk(best.obs) ?? news2Risk(best.score);
  const minutes = risk === EwsRisk.low && best.score === 0 ? NEWS2_OBSERVATION_MINUTES.zero : NEWS2_OBSERVATION_MINUTES[risk];
  // The score's own next-due time (rule set, doctor's adjustment, concern) wins over the NEWS2 default.
  const stated = toMillis(best.obs.extension?.find((e) => e.url === NEXT_DUE_EXTENSION)?.valueDateTime);
  const due = stated ?? addMinutes(best.ms, minutes);
  return { score: best.score, risk, at: best.at, nextDue: isoAt(due), overdue: now.getTime() > due };
}
