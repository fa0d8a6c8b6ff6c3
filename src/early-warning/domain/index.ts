/** Early-warning scores, the pure domain: rule sets as validated data, the scoring engine, input selection, codes, and FHIR builders for scores, risk assessments, escalations and orders. No I/O beyond loading the shipped rule-set files. @see shared/reference/early-warning.md @see ../../../docs/early-warning-codes.md */
export {
  Acvpu, AdjustmentIgnored, ESCALATION_LEVELS, isEscalationLevel, isParameter, Level, LEVELS, Parameter, PARAMETERS, RefusalReason, RISK_BANDS, RiskBand,
  TASK_PRIORITIES, Trigger,
  type AdjustedInterpretation, type Adjustment, type Colour, type CompleteScore, type EscalationLevel, type IncompleteScore, type Interpretation, type Label,
  type Part, type RefusedScore, type Response, type RuleSetRef, type ScoreOptions, type ScoreResult, type TaskPriority, type VitalInputs,
} from './model.ts';
export {
  isClinicallyUsable, maxTotal, parseRuleSet, ruleSetKey, RuleSetSchema,
  type Band, type BooleanBand, type BooleanParameter, type CodedBand, type CodedParameter, type NumericBand, type NumericParameter, type RuleSet,
} from './rule-set-schema.ts';
export { loadRuleSet, NEWS2_RCP_2017, RULE_SETS, TOKS_KERNE_ILLUSTRATIVE_1 } from './rule-set-files.ts';
export { fahrenheitToCelsius, roundHalfUp } from './rounding.ts';
export { interpretTotal, levelRank, maxLevel } from './interpret.ts';
export { adjustmentProblems, adjustmentState, isAdjustmentExpired, type AdjustmentState } from './adjustment.ts';
export { scoreVitals } from './score.ts';
export { selectVitalSet, type InputName, type SelectOptions, type VitalSet } from './select-vitals.ts';
export {
  ACVPU_DISPLAY, ACVPU_SYSTEM, EARLY_WARNING_LEVEL_SYSTEM, EARLY_WARNING_PARAMETER_SYSTEM, EARLY_WARNING_RISK_SYSTEM, EARLY_WARNING_RULE_SET_SYSTEM,
  EARLY_WARNING_SYSTEM, EarlyWarningCode, EarlyWarningExtension, EarlyWarningScore, Loinc, LOINC_SYSTEM, OBSERVATION_CATEGORY_SYSTEM, ObservationCategory,
  observationCodeFor, ParameterCode, RISK_PROBABILITY_SYSTEM, UCUM_SYSTEM,
} from './codes.ts';
export {
  buildRiskAssessment, buildScoreObservation, inputReferences, readScoreObservation, scoreCodeOf,
  type RiskAssessmentInput, type ScoreObservationInput, type ScoreSummary,
} from './fhir-builders.ts';
export {
  acknowledgeEscalation, buildEscalationTask, escalationFor, EscalationErrorCode, isEscalationError, isEscalationTask, levelOfTask,
  OPEN_ESCALATION_STATUSES, readEscalationTask, shouldCreateEscalation,
  type Escalation, type EscalationError, type EscalationSummary, type EscalationTaskInput,
} from './escalation.ts';
export {
  buildAdjustmentOrder, buildScale2Order, currentAdjustment, hasScale2Order, isScale2OrderInForce, readAdjustmentOrder, readScale2Order,
  type OrderTarget, type Scale2Order,
} from './orders.ts';
