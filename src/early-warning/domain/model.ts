/** The early-warning engine's vocabulary: parameters, ACVPU, response levels, risk bands, inputs and results. @see shared/reference/early-warning.md §1–§2, §5 */
import type { Band, RuleSet } from './rule-set-schema.ts';

/** The scored parameters, in the order of the NEWS2 chart (and of an Observation's components). */
export const Parameter = {
  respiratoryRate: 'respiratoryRate',
  spo2: 'spo2',
  supplementalOxygen: 'supplementalOxygen',
  systolic: 'systolic',
  heartRate: 'heartRate',
  consciousness: 'consciousness',
  temperature: 'temperature',
} as const;
export type Parameter = (typeof Parameter)[keyof typeof Parameter];
export const PARAMETERS = Object.values(Parameter) as readonly Parameter[];
export const isParameter = (value: unknown): value is Parameter => (PARAMETERS as readonly unknown[]).includes(value);

/** ACVPU: Alert, new Confusion, responds to Voice, to Pain, Unresponsive. */
export const Acvpu = { alert: 'A', confusion: 'C', voice: 'V', pain: 'P', unresponsive: 'U' } as const;
export type Acvpu = (typeof Acvpu)[keyof typeof Acvpu];

/** Response levels, least to most urgent: routine < ward (RN assesses) < red (single 3) < urgent (≥5) < emergency (≥7). */
export const Level = { routine: 'routine', ward: 'ward', red: 'red', urgent: 'urgent', emergency: 'emergency' } as const;
export type Level = (typeof Level)[keyof typeof Level];
export const LEVELS = Object.values(Level) as readonly Level[];
/** The levels that call a doctor (an escalation Task). */
export type EscalationLevel = typeof Level.red | typeof Level.urgent | typeof Level.emergency;
export const ESCALATION_LEVELS: readonly EscalationLevel[] = [Level.red, Level.urgent, Level.emergency];
export const isEscalationLevel = (level: unknown): level is EscalationLevel => (ESCALATION_LEVELS as readonly unknown[]).includes(level);

/** Risk bands: the words the ward board reads from Observation.interpretation (NEWS2 Chart 3). A rule set gives each its colour and label. */
export const RiskBand = { low: 'low', lowMedium: 'low-medium', medium: 'medium', high: 'high' } as const;
export type RiskBand = (typeof RiskBand)[keyof typeof RiskBand];
export const RISK_BANDS = Object.values(RiskBand) as readonly RiskBand[];

/** Task.priority of an escalation, least to most urgent (FHIR request-priority). */
export type TaskPriority = 'urgent' | 'asap' | 'stat';
export const TASK_PRIORITIES: readonly TaskPriority[] = ['urgent', 'asap', 'stat'];

export interface Label {
  readonly da: string;
  readonly en: string;
}
export interface Colour {
  readonly name: string;
  readonly hex: string;
}

/** Raw inputs, in the rule set's units (°C, mmHg, /min, %). A missing input is absent, never 0. */
export interface VitalInputs {
  readonly respiratoryRate?: number;
  readonly spo2?: number;
  readonly supplementalOxygen?: boolean;
  readonly systolic?: number;
  readonly heartRate?: number;
  readonly consciousness?: Acvpu;
  readonly temperature?: number;
}

/** A doctor-ordered per-patient overlay ("justeret NEWS2/TOKS"): replaced bands for chosen parameters and/or a monitoring interval. */
export interface Adjustment {
  /** Bands replacing the rule set's for a parameter (for SpO2: the scale in use). Each list must cover the parameter's accepted range. */
  readonly parameters?: Partial<Record<Parameter, readonly Band[]>>;
  /** Minimum observation interval. It always shortens; it lengthens only while the adjusted score does not escalate. */
  readonly monitoringMinutes?: number;
  readonly reason: string;
  /** 'Practitioner/x' (or 'PractitionerRole/x'). */
  readonly author: string;
  readonly authoredOn: string;
  readonly expires: string;
  /** The rule-set id the bands were written for (e.g. 'news2'); when set, ignored with another rule set. */
  readonly ruleSet?: string;
}

export interface ScoreOptions {
  /** SpO2 scale (NEWS2): 1 unless a clinician ordered 2. */
  readonly spo2Scale?: 1 | 2;
  /** Whether a Scale 2 order is in force (ServiceRequest spo2-scale-2); Scale 2 without one is refused. */
  readonly scale2Ordered?: boolean;
  readonly adjustment?: Adjustment;
  /** The nurse's concern ("bekymring"): raises the response, never lowers it. */
  readonly concern?: boolean;
  readonly now: Date;
}

export interface Part {
  readonly parameter: Parameter;
  /** The input as given (°C for temperature). */
  readonly value: number | boolean | string;
  /** The value the band lookup used (half-up to the parameter's decimals). */
  readonly rounded: number | boolean | string;
  readonly score: number;
}

/** What a total means under a rule set (raw) or under a doctor's adjustment. */
export interface Interpretation {
  readonly total: number;
  readonly anyRed: boolean;
  readonly riskBand: RiskBand;
  readonly level: Level;
  readonly monitoringMinutes: number;
  readonly colour: Colour;
  readonly label: Label;
}

export interface AdjustedInterpretation extends Interpretation {
  readonly parts: readonly Part[];
  readonly adjustment: Adjustment;
}

export const Trigger = { total: 'total', red: 'red', concern: 'concern' } as const;
export type Trigger = (typeof Trigger)[keyof typeof Trigger];

/** What to do now: max(by total, red, concern) over the raw or (when in force) adjusted interpretation. */
export interface Response {
  readonly level: Level;
  readonly monitoringMinutes: number;
  /** What set the level: every trigger whose level equals the final one (total and red from the raw or adjusted interpretation, per `basis`). */
  readonly triggers: readonly Trigger[];
  /** 'adjusted' when a doctor's adjustment was in force. */
  readonly basis: 'raw' | 'adjusted';
  readonly escalate: boolean;
  readonly priority?: TaskPriority;
  readonly respondWithinMinutes?: number;
  readonly action: Label;
}

export interface RuleSetRef {
  readonly id: string;
  readonly version: string;
  readonly scoreCode: RuleSet['scoreCode'];
  readonly status: RuleSet['status'];
  readonly clinicalUse: boolean;
}

export const AdjustmentIgnored = { expired: 'expired', otherRuleSet: 'other-rule-set', invalid: 'invalid' } as const;
export type AdjustmentIgnored = (typeof AdjustmentIgnored)[keyof typeof AdjustmentIgnored];

export interface CompleteScore {
  readonly status: 'complete';
  readonly ruleSet: RuleSetRef;
  readonly total: number;
  readonly parts: readonly Part[];
  readonly anyRed: boolean;
  readonly spo2Scale?: 1 | 2;
  readonly concern: boolean;
  readonly raw: Interpretation;
  readonly adjusted?: AdjustedInterpretation;
  /** An adjustment was given but has expired: ignored, and flagged for the user. */
  readonly adjustmentExpired?: true;
  /** Why a given adjustment was not applied (expired, written for another rule set, or invalid bands). */
  readonly adjustmentIgnored?: { readonly reason: AdjustmentIgnored; readonly detail: string };
  readonly response: Response;
}

export interface IncompleteScore {
  readonly status: 'incomplete';
  readonly missing: readonly Parameter[];
}

export const RefusalReason = {
  scale2WithoutOrder: 'EWS_SCALE2_WITHOUT_ORDER',
  scaleNotInRuleSet: 'EWS_SCALE_NOT_IN_RULE_SET',
  consciousnessNotAcvpu: 'EWS_CONSCIOUSNESS_NOT_ACVPU',
  valueInvalid: 'EWS_VALUE_INVALID',
  valueOutOfRange: 'EWS_VALUE_OUT_OF_RANGE',
  noBand: 'EWS_NO_BAND',
} as const;
export type RefusalReason = (typeof RefusalReason)[keyof typeof RefusalReason];

export interface RefusedScore {
  readonly status: 'refused';
  readonly reason: RefusalReason;
  readonly parameter?: Parameter;
  readonly detail: string;
}

export type ScoreResult = CompleteScore | IncompleteScore | RefusedScore;
