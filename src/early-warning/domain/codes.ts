/** The codes other systems use to write early-warning inputs and read its results (vital signs, oxygen, ACVPU, concern, orders, scores, tasks). @see ../../../docs/early-warning-codes.md @see https://hl7.org/fhir/R4/observation-vitalsigns.html */
import { EARLY_WARNING_SYSTEM, EarlyWarningScore } from '../../logistics/model.ts';
import type { CodeableConcept, Observation } from '@medplum/fhirtypes';
import type { Acvpu, Parameter } from './model.ts';

export { EARLY_WARNING_SYSTEM, EarlyWarningScore };

export const LOINC_SYSTEM = 'http://loinc.org';
export const UCUM_SYSTEM = 'http://unitsofmeasure.org';
export const OBSERVATION_CATEGORY_SYSTEM = 'http://terminology.hl7.org/CodeSystem/observation-category';
export const ObservationCategory = { vitalSigns: 'vital-signs', survey: 'survey' } as const;

/** LOINC codes of the FHIR vital-signs profiles (and inhaled oxygen) the engine reads. */
export const Loinc = {
  heartRate: '8867-4',
  respiratoryRate: '9279-1',
  /** Oxygen saturation in arterial blood by pulse oximetry (the FHIR vital-signs SpO2 code). */
  spo2PulseOximetry: '59408-5',
  /** Oxygen saturation in arterial blood (dk-core's SpO2 code). Both are read. */
  spo2: '2708-6',
  systolic: '8480-6',
  diastolic: '8462-4',
  bloodPressurePanel: '85354-9',
  bodyTemperature: '8310-5',
  /** Inhaled oxygen flow rate (L/min): > 0 means supplemental oxygen. */
  inhaledOxygenFlow: '3151-8',
  /** Inhaled oxygen concentration (%): > 21 means supplemental oxygen. */
  inhaledOxygenConcentration: '3150-0',
} as const;

/** Kerne codes in EARLY_WARNING_SYSTEM (beside the score codes NEWS2/TOKS). */
export const EarlyWarningCode = {
  /** Observation, valueBoolean: on supplemental oxygen (true) or air (false). */
  supplementalOxygen: 'supplemental-oxygen',
  /** Observation, valueCodeableConcept in ACVPU_SYSTEM. */
  acvpu: 'acvpu',
  /** Observation, valueBoolean: the nurse is concerned ("bekymring"). */
  nurseConcern: 'nurse-concern',
  /** ServiceRequest: use SpO2 Scale 2 for this patient. */
  spo2Scale2: 'spo2-scale-2',
  /** ServiceRequest: doctor-adjusted thresholds ("justeret NEWS2/TOKS"). */
  adjustedThresholds: 'adjusted-thresholds',
  /** Task: call a doctor on an early-warning trigger. */
  escalation: 'early-warning-escalation',
  /** RiskAssessment.prediction.outcome: clinical deterioration. */
  deterioration: 'deterioration',
} as const;
export type EarlyWarningCode = (typeof EarlyWarningCode)[keyof typeof EarlyWarningCode];

export const ACVPU_SYSTEM = 'https://kerne.dk/fhir/CodeSystem/acvpu';
export const ACVPU_DISPLAY = {
  A: { da: 'Vågen (alert)', en: 'Alert' },
  C: { da: 'Nyopstået konfusion', en: 'New confusion' },
  V: { da: 'Reagerer på tiltale', en: 'Responds to voice' },
  P: { da: 'Reagerer på smerte', en: 'Responds to pain' },
  U: { da: 'Reagerer ikke', en: 'Unresponsive' },
} as const;

/** Risk band codes (Observation.interpretation, RiskAssessment.prediction.qualitativeRisk): the words the ward board reads. */
export const EARLY_WARNING_RISK_SYSTEM = 'https://kerne.dk/fhir/CodeSystem/early-warning-risk';
/** Response levels (score response extension, Task.businessStatus): routine, ward, red, urgent, emergency. */
export const EARLY_WARNING_LEVEL_SYSTEM = 'https://kerne.dk/fhir/CodeSystem/early-warning-level';
/** Sub-score component codes: one per parameter. */
export const EARLY_WARNING_PARAMETER_SYSTEM = 'https://kerne.dk/fhir/CodeSystem/early-warning-parameter';
/** Rule sets, code 'id@version' (Observation.method, RiskAssessment.method). */
export const EARLY_WARNING_RULE_SET_SYSTEM = 'https://kerne.dk/fhir/CodeSystem/early-warning-rule-set';
/** HL7 risk-probability, given beside the Kerne band on RiskAssessment. */
export const RISK_PROBABILITY_SYSTEM = 'http://terminology.hl7.org/CodeSystem/risk-probability';

export const ParameterCode: Readonly<Record<Parameter, string>> = {
  respiratoryRate: 'respiratory-rate',
  spo2: 'spo2',
  supplementalOxygen: 'supplemental-oxygen',
  systolic: 'systolic-blood-pressure',
  heartRate: 'heart-rate',
  consciousness: 'consciousness',
  temperature: 'temperature',
};

const SD = 'https://kerne.dk/fhir/StructureDefinition/';
/** Extensions. */
export const EarlyWarningExtension = {
  /** Score Observation: when the next observation set is due (valueDateTime). */
  nextDue: `${SD}early-warning-next-due`,
  /** Score Observation: the response (complex: level valueCode, monitoringMinutes valueInteger, trigger valueCode*, adjustmentExpired valueBoolean). */
  response: `${SD}early-warning-response`,
  /** Score Observation: the adjusted interpretation beside the raw one (complex: total, riskBand, level, monitoringMinutes). */
  adjusted: `${SD}early-warning-adjusted`,
  /** Score Observation component: the (rounded) input value the sub-score was looked up with (valueDecimal | valueBoolean | valueCode). */
  inputValue: `${SD}early-warning-input-value`,
  /** Score Observation component (SpO2 sub-score): the scale used (valueInteger 1|2). */
  spo2Scale: `${SD}early-warning-spo2-scale`,
  /** ServiceRequest adjusted-thresholds: the overlay (complex: ruleSet, monitoringMinutes, band*). */
  adjustment: `${SD}early-warning-adjustment`,
} as const;

const kerneConcept = (code: EarlyWarningCode, display: string, text: string): CodeableConcept => ({ coding: [{ system: EARLY_WARNING_SYSTEM, code, display }], text });

/** Code and value of the Kerne-coded input Observations, for writers (nurse entry, validation): spread into an Observation. */
export const observationCodeFor = {
  consciousness: (value: Acvpu): Pick<Observation, 'code' | 'valueCodeableConcept'> => ({
    code: kerneConcept(EarlyWarningCode.acvpu, 'Consciousness (ACVPU)', 'Bevidsthed (ACVPU)'),
    valueCodeableConcept: { coding: [{ system: ACVPU_SYSTEM, code: value, display: ACVPU_DISPLAY[value].en }], text: ACVPU_DISPLAY[value].da },
  }),
  supplementalOxygen: (onOxygen: boolean): Pick<Observation, 'code' | 'valueBoolean'> => ({
    code: kerneConcept(EarlyWarningCode.supplementalOxygen, 'Supplemental oxygen', 'Ilttilskud'),
    valueBoolean: onOxygen,
  }),
  concern: (concerned: boolean): Pick<Observation, 'code' | 'valueBoolean'> => ({
    code: kerneConcept(EarlyWarningCode.nurseConcern, 'Nurse concern', 'Sygeplejerskens bekymring'),
    valueBoolean: concerned,
  }),
} as const;
