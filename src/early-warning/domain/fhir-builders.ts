/** Pure FHIR builders for early-warning results: the score Observation (and reading it back) and its RiskAssessment. @see ../../../docs/early-warning-codes.md @see https://hl7.org/fhir/R4/observation.html @see https://hl7.org/fhir/R4/riskassessment.html */
import type { Coding, Extension, Observation, ObservationComponent, RiskAssessment } from '@medplum/fhirtypes';
import {
  EARLY_WARNING_PARAMETER_SYSTEM, EARLY_WARNING_RISK_SYSTEM, EARLY_WARNING_RULE_SET_SYSTEM, EARLY_WARNING_SYSTEM,
  EarlyWarningCode, EarlyWarningExtension, OBSERVATION_CATEGORY_SYSTEM, ObservationCategory, ParameterCode, RISK_PROBABILITY_SYSTEM,
} from './codes.ts';
import { LEVELS, PARAMETERS, RISK_BANDS, type CompleteScore, type Level, type Parameter, type Part, type RiskBand, type Trigger } from './model.ts';
import { ruleSetKey, type RuleSet } from './rule-set-schema.ts';
import type { InputName } from './select-vitals.ts';

export interface ScoreObservationInput {
  readonly result: CompleteScore;
  readonly ruleSet: RuleSet;
  /** 'Patient/x'. */
  readonly patient: string;
  /** 'Encounter/x'. */
  readonly encounter?: string;
  /** The input Observations ('Observation/id') by parameter (and 'concern'): Observation.derivedFrom. */
  readonly inputs: Partial<Record<InputName, string>>;
  /** When the input set was taken (the latest input's effective time); the next-due time counts from it. */
  readonly effective: string;
  readonly id: string;
  /** Computed from unvalidated values: status preliminary. */
  readonly provisional?: boolean;
  /** Orders the score followed ('ServiceRequest/x': the Scale 2 order, the adjustment order): Observation.basedOn. */
  readonly basedOn?: readonly string[];
}

const ext = (url: string, value: Omit<Extension, 'url'>): Extension => ({ url, ...value });
const addMinutes = (iso: string, minutes: number): string => new Date(Date.parse(iso) + minutes * 60_000).toISOString();

/** 'Observation/id' references by input, from selectVitalSet's usedObservationIds. */
export function inputReferences(usedObservationIds: Partial<Record<InputName, string>>): Partial<Record<InputName, string>> {
  return Object.fromEntries(Object.entries(usedObservationIds).map(([k, id]) => [k, `Observation/${id}`]));
}

const riskCoding = (ruleSet: RuleSet, band: RiskBand): Coding => ({ system: EARLY_WARNING_RISK_SYSTEM, code: band, display: ruleSet.riskBands[band].label.en });
const methodOf = (ruleSet: RuleSet) => ({ coding: [{ system: EARLY_WARNING_RULE_SET_SYSTEM, code: ruleSetKey(ruleSet), display: ruleSet.title.en }], text: ruleSet.title.da });

function inputValueExtension(part: Part): Extension {
  const v = part.rounded;
  return ext(EarlyWarningExtension.inputValue, typeof v === 'number' ? { valueDecimal: v } : typeof v === 'boolean' ? { valueBoolean: v } : { valueCode: v });
}

function component(ruleSet: RuleSet, part: Part, spo2Scale: 1 | 2 | undefined): ObservationComponent {
  const extension = [inputValueExtension(part)];
  if (part.parameter === 'spo2' && spo2Scale) extension.push(ext(EarlyWarningExtension.spo2Scale, { valueInteger: spo2Scale }));
  const label = ruleSet.parameters[part.parameter]?.label;
  return {
    extension,
    code: { coding: [{ system: EARLY_WARNING_PARAMETER_SYSTEM, code: ParameterCode[part.parameter], display: label?.en ?? part.parameter }], text: label?.da ?? part.parameter },
    valueInteger: part.score,
  };
}

/** The score as an Observation: total in valueInteger, a component per sub-score, interpretation = the raw risk band (the board's words), derivedFrom the inputs, method = the rule set. */
export function buildScoreObservation(input: ScoreObservationInput): Observation {
  const { result, ruleSet } = input;
  const response = result.response;
  const responseExt: Extension[] = [
    ext('level', { valueCode: response.level }),
    ext('monitoringMinutes', { valueInteger: response.monitoringMinutes }),
    ...response.triggers.map((t) => ext('trigger', { valueCode: t })),
    ext('basis', { valueCode: response.basis }),
    ext('concern', { valueBoolean: result.concern }),
    ...(result.adjustmentExpired ? [ext('adjustmentExpired', { valueBoolean: true })] : []),
    ...(result.adjustmentIgnored ? [ext('adjustmentIgnored', { valueString: `${result.adjustmentIgnored.reason}: ${result.adjustmentIgnored.detail}` })] : []),
  ];
  const extension: Extension[] = [
    ext(EarlyWarningExtension.nextDue, { valueDateTime: addMinutes(input.effective, response.monitoringMinutes) }),
    { url: EarlyWarningExtension.response, extension: responseExt },
  ];
  const adj = result.adjusted;
  if (adj) {
    extension.push({
      url: EarlyWarningExtension.adjusted,
      extension: [
        ext('total', { valueInteger: adj.total }),
        ext('riskBand', { valueCode: adj.riskBand }),
        ext('level', { valueCode: adj.level }),
        ext('monitoringMinutes', { valueInteger: adj.monitoringMinutes }),
        ext('reason', { valueString: adj.adjustment.reason }),
        ext('author', { valueReference: { reference: adj.adjustment.author } }),
        ext('expires', { valueDateTime: adj.adjustment.expires }),
        ...adj.parts.map((p) => ({ url: 'part', extension: [ext('parameter', { valueCode: ParameterCode[p.parameter] }), ext('score', { valueInteger: p.score })] })),
      ],
    });
  }
  const references = [...new Set(Object.values(input.inputs).filter((r): r is string => typeof r === 'string'))];
  const band = result.raw.riskBand;
  return {
    resourceType: 'Observation',
    id: input.id,
    extension,
    ...(input.basedOn?.length ? { basedOn: input.basedOn.map((reference) => ({ reference })) } : {}),
    status: input.provisional ? 'preliminary' : 'final',
    category: [{ coding: [{ system: OBSERVATION_CATEGORY_SYSTEM, code: ObservationCategory.survey, display: 'Survey' }] }],
    code: { coding: [{ system: EARLY_WARNING_SYSTEM, code: ruleSet.scoreCode, display: ruleSet.scoreCode }], text: ruleSet.scoreCode },
    subject: { reference: input.patient },
    ...(input.encounter ? { encounter: { reference: input.encounter } } : {}),
    effectiveDateTime: input.effective,
    valueInteger: result.total,
    interpretation: [{ coding: [riskCoding(ruleSet, band)], text: ruleSet.riskBands[band].label.da }],
    ...(ruleSet.clinicalUse ? {} : { note: [{ text: `Beregnet med et illustrativt regelsæt (${ruleSetKey(ruleSet)}, status ${ruleSet.status}) — ikke til klinisk brug.` }] }),
    method: methodOf(ruleSet),
    ...(references.length ? { derivedFrom: references.map((reference) => ({ reference })) } : {}),
    component: result.parts.map((p) => component(ruleSet, p, result.spo2Scale)),
  };
}

/** A Kerne score Observation read back. */
export interface ScoreSummary {
  readonly observationId: string;
  /** 'NEWS2' | 'TOKS'. */
  readonly scoreCode: string;
  /** From Observation.method ('id@version'). */
  readonly ruleSet: { readonly id: string; readonly version: string };
  readonly total: number;
  /** The raw risk band (Observation.interpretation). */
  readonly risk: RiskBand;
  /** The response level (after adjustment and concern). */
  readonly level: Level;
  readonly monitoringMinutes?: number;
  readonly triggers: readonly Trigger[];
  readonly at: string;
  readonly nextDue?: string;
  /** Past nextDue at `now` (false when no `now` was given). */
  readonly overdue: boolean;
  readonly status: Observation['status'];
  readonly provisional: boolean;
  readonly concern: boolean;
  readonly parts: readonly { readonly parameter: Parameter; readonly value: number | boolean | string; readonly score: number }[];
  readonly spo2Scale?: 1 | 2;
  readonly adjusted?: {
    readonly total: number; readonly risk?: RiskBand; readonly level?: Level; readonly monitoringMinutes?: number;
    readonly reason?: string; readonly author?: string; readonly expires?: string;
    readonly parts: readonly { readonly parameter: Parameter; readonly score: number }[];
  };
  readonly adjustmentExpired: boolean;
  readonly derivedFrom: readonly string[];
  readonly basedOn: readonly string[];
}

const sub = (e: Extension | undefined, url: string): Extension | undefined => e?.extension?.find((x) => x.url === url);
const subs = (e: Extension | undefined, url: string): Extension[] => (e?.extension ?? []).filter((x) => x.url === url);
const PARAMETER_BY_CODE = new Map<string, Parameter>(PARAMETERS.map((p) => [ParameterCode[p], p]));
const asLevel = (code: string | undefined): Level | undefined => ((LEVELS as readonly (string | undefined)[]).includes(code) ? (code as Level) : undefined);
const asBand = (code: string | undefined): RiskBand | undefined => ((RISK_BANDS as readonly (string | undefined)[]).includes(code) ? (code as RiskBand) : undefined);
const optional = <K extends string, V>(key: K, value: V | undefined): Partial<Record<K, V>> => (value === undefined ? {} : ({ [key]: value } as Record<K, V>));

/** The score's code ('NEWS2' | 'TOKS' in EARLY_WARNING_SYSTEM), if the Observation is an early-warning score. */
export const scoreCodeOf = (obs: Pick<Observation, 'code'>): string | undefined =>
  obs.code?.coding?.find((c) => c.system === EARLY_WARNING_SYSTEM && (c.code === 'NEWS2' || c.code === 'TOKS'))?.code;

/**
 * A score Observation as built by buildScoreObservation, back to a summary. Undefined for anything
 * else, including scores other systems wrote without Kerne's risk band, response level or rule set.
 */
export function readScoreObservation(obs: Observation, now?: Date): ScoreSummary | undefined {
  const scoreCode = scoreCodeOf(obs);
  const top = (url: string) => obs.extension?.find((e) => e.url === url);
  const response = top(EarlyWarningExtension.response);
  const method = obs.method?.coding?.find((c) => c.system === EARLY_WARNING_RULE_SET_SYSTEM)?.code ?? '';
  const at = method.lastIndexOf('@');
  const risk = asBand(obs.interpretation?.flatMap((i) => i.coding ?? []).find((c) => c.system === EARLY_WARNING_RISK_SYSTEM)?.code);
  const level = asLevel(sub(response, 'level')?.valueCode);
  const effective = obs.effectiveDateTime ?? obs.effectiveInstant;
  if (obs.resourceType !== 'Observation' || !obs.id || !scoreCode || typeof obs.valueInteger !== 'number' || !risk || !level || at <= 0 || !effective) return undefined;

  let spo2Scale: 1 | 2 | undefined;
  const parts: { parameter: Parameter; value: number | boolean | string; score: number }[] = [];
  for (const c of obs.component ?? []) {
    const parameter = PARAMETER_BY_CODE.get(c.code.coding?.find((k) => k.system === EARLY_WARNING_PARAMETER_SYSTEM)?.code ?? '');
    const v = c.extension?.find((e) => e.url === EarlyWarningExtension.inputValue);
    const value = v?.valueDecimal ?? v?.valueBoolean ?? v?.valueCode;
    if (!parameter || typeof c.valueInteger !== 'number' || value === undefined) continue;
    parts.push({ parameter, value, score: c.valueInteger });
    const scale = c.extension?.find((e) => e.url === EarlyWarningExtension.spo2Scale)?.valueInteger;
    if (scale === 1 || scale === 2) spo2Scale = scale;
  }
  const nextDue = top(EarlyWarningExtension.nextDue)?.valueDateTime;
  const dueMs = nextDue ? Date.parse(nextDue) : Number.NaN;
  const adjusted = top(EarlyWarningExtension.adjusted);
  const adjustedTotal = sub(adjusted, 'total')?.valueInteger;
  return {
    observationId: obs.id,
    scoreCode,
    ruleSet: { id: method.slice(0, at), version: method.slice(at + 1) },
    total: obs.valueInteger,
    risk,
    level,
    ...optional('monitoringMinutes', sub(response, 'monitoringMinutes')?.valueInteger),
    triggers: subs(response, 'trigger').map((e) => e.valueCode).filter((t): t is Trigger => t === 'total' || t === 'red' || t === 'concern'),
    at: effective,
    ...optional('nextDue', nextDue),
    overdue: now !== undefined && !Number.isNaN(dueMs) && now.getTime() > dueMs,
    status: obs.status,
    provisional: obs.status === 'preliminary',
    concern: sub(response, 'concern')?.valueBoolean === true,
    parts,
    ...optional('spo2Scale', spo2Scale),
    ...(adjusted && adjustedTotal !== undefined
      ? {
          adjusted: {
            total: adjustedTotal,
            ...optional('risk', asBand(sub(adjusted, 'riskBand')?.valueCode)),
            ...optional('level', asLevel(sub(adjusted, 'level')?.valueCode)),
            ...optional('monitoringMinutes', sub(adjusted, 'monitoringMinutes')?.valueInteger),
            ...optional('reason', sub(adjusted, 'reason')?.valueString),
            ...optional('author', sub(adjusted, 'author')?.valueReference?.reference),
            ...optional('expires', sub(adjusted, 'expires')?.valueDateTime),
            parts: subs(adjusted, 'part').flatMap((p) => {
              const parameter = PARAMETER_BY_CODE.get(sub(p, 'parameter')?.valueCode ?? '');
              const score = sub(p, 'score')?.valueInteger;
              return parameter && score !== undefined ? [{ parameter, score }] : [];
            }),
          },
        }
      : {}),
    adjustmentExpired: sub(response, 'adjustmentExpired')?.valueBoolean === true,
    derivedFrom: (obs.derivedFrom ?? []).map((r) => r.reference).filter((r): r is string => !!r),
    basedOn: (obs.basedOn ?? []).map((r) => r.reference).filter((r): r is string => !!r),
  };
}

/** HL7 risk-probability for a Kerne risk band (low-medium and medium are both 'moderate'). */
const RISK_PROBABILITY: Readonly<Record<RiskBand, string>> = { low: 'low', 'low-medium': 'moderate', medium: 'moderate', high: 'high' };

export interface RiskAssessmentInput {
  readonly id: string;
  readonly result: CompleteScore;
  readonly ruleSet: RuleSet;
  /** 'Patient/x'. */
  readonly patient: string;
  readonly encounter?: string;
  /** The score Observation ('Observation/x'): RiskAssessment.basis. */
  readonly scoreObservation: string;
  readonly effective: string;
  /** As the score: status preliminary. */
  readonly provisional?: boolean;
}

/** A RiskAssessment of clinical deterioration: qualitativeRisk = the raw risk band (with HL7 risk-probability), basis = the score Observation, mitigation = the response. */
export function buildRiskAssessment(input: RiskAssessmentInput): RiskAssessment {
  const { result, ruleSet } = input;
  const band = result.raw.riskBand;
  const adjusted = result.adjusted;
  return {
    resourceType: 'RiskAssessment',
    id: input.id,
    status: input.provisional ? 'preliminary' : 'final',
    method: methodOf(ruleSet),
    code: { coding: [{ system: EARLY_WARNING_SYSTEM, code: ruleSet.scoreCode, display: ruleSet.scoreCode }], text: ruleSet.scoreCode },
    subject: { reference: input.patient },
    ...(input.encounter ? { encounter: { reference: input.encounter } } : {}),
    occurrenceDateTime: input.effective,
    basis: [{ reference: input.scoreObservation }],
    prediction: [
      {
        outcome: { coding: [{ system: EARLY_WARNING_SYSTEM, code: EarlyWarningCode.deterioration, display: 'Clinical deterioration' }], text: 'Klinisk forværring' },
        qualitativeRisk: { coding: [riskCoding(ruleSet, band), { system: RISK_PROBABILITY_SYSTEM, code: RISK_PROBABILITY[band] }], text: ruleSet.riskBands[band].label.da },
        rationale: `${ruleSet.scoreCode} ${result.total}${adjusted ? ` (justeret ${adjusted.total}: ${ruleSet.riskBands[adjusted.riskBand].label.da})` : ''}`,
      },
    ],
    mitigation: result.response.action.da,
    extension: [{ url: EarlyWarningExtension.response, extension: [ext('level', { valueCode: result.response.level })] }],
  };
}
