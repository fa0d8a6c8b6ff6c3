// Public face of the device code mapping: MDC → concept/LOINC/NPU, MDC/UCUM units, unit normalisation and plausibility (devices.md §4–5).
export { CODE_SYSTEMS, HL7_CODING_SYSTEMS, type CodeSystemName } from './codes.ts';
export {
  DEFAULT_PLAUSIBILITY,
  UNIT_CODES,
  VITAL_CODES,
  VITAL_CONCEPTS,
  isVitalConcept,
  type PlausibilityRange,
  type PlausibilityRanges,
  type UnitCode,
  type VitalCode,
  type VitalConcept,
} from './tables.ts';
export { lookupMdc } from './vital-codes.ts';
export { lookupConceptUnit } from './concept-units.ts';
export { lookupUnit, normaliseUnit, ucumWithoutAnnotations, type NormalisedValue } from './units.ts';
export { isPlausible, mergePlausibility, plausibilityFor, type PlausibilityOverrides } from './plausibility.ts';
