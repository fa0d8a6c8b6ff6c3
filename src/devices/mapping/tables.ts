// Loads and checks the device code tables (mdc-vitals.json, mdc-units.json, plausibility.json) once at module load; IEEE 11073-10101 MDC → LOINC/NPU/UCUM.
import { readFileSync } from 'node:fs';

export const VITAL_CONCEPTS = ['heartRate', 'respiratoryRate', 'spo2', 'systolic', 'diastolic', 'meanPressure', 'temperature'] as const;
export type VitalConcept = (typeof VITAL_CONCEPTS)[number];

export interface VitalCode {
  readonly mdc: string;
  readonly mdcRefId: string;
  readonly concept: VitalConcept;
  readonly loinc: string;
  readonly loincDisplay: string;
  /** Extra LOINC codes to add as codings (SpO2: 2708-6 for the FHIR vital-signs slice). */
  readonly alsoLoinc?: readonly string[];
  /** NPU or Danish DNK code, system urn:oid:1.2.208.176.2.1; null when none is in use. */
  readonly npu: string | null;
  /** The UCUM unit Kerne stores this concept in. */
  readonly ucum: string;
  readonly note?: string;
}

export interface UnitCode {
  readonly mdc: string;
  readonly refId: string;
  readonly ucum: string;
}

/** A plausible interval in the concept's stored unit (bounds included). */
export interface PlausibilityRange {
  readonly min: number;
  readonly max: number;
  /** The unit the bounds are in (documentation; always the concept's stored unit). */
  readonly ucum?: string;
}
/** Ranges per concept; a concept left out falls back to DEFAULT_PLAUSIBILITY. */
export type PlausibilityRanges = Readonly<Partial<Record<VitalConcept, PlausibilityRange>>>;

const readJson = (name: string): unknown => JSON.parse(readFileSync(new URL(name, import.meta.url), 'utf8'));

const isString = (v: unknown): v is string => typeof v === 'string' && v.length > 0;
const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
export const isVitalConcept = (v: unknown): v is VitalConcept => (VITAL_CONCEPTS as readonly unknown[]).includes(v);

const fail = (file: string, detail: string): never => {
  throw new Error(`${file}: ${detail}`);
};

function checkVitals(raw: unknown): readonly VitalCode[] {
  if (!Array.isArray(raw)) return fail('mdc-vitals.json', 'expected an array');
  return Object.freeze(
    raw.map((row: unknown, i): VitalCode => {
      if (!isRecord(row)) return fail('mdc-vitals.json', `row ${i} is not an object`);
      const { mdc, mdcRefId, concept, loinc, loincDisplay, npu, ucum, alsoLoinc, note } = row;
      if (!isString(mdc) || !/^\d+$/.test(mdc)) return fail('mdc-vitals.json', `row ${i}: mdc must be digits`);
      if (!isString(mdcRefId) || !isString(loinc) || !isString(loincDisplay) || !isString(ucum)) return fail('mdc-vitals.json', `row ${i}: missing text`);
      if (!isVitalConcept(concept)) return fail('mdc-vitals.json', `row ${i}: unknown concept ${String(concept)}`);
      if (npu !== null && !isString(npu)) return fail('mdc-vitals.json', `row ${i}: npu must be a code or null`);
      if (alsoLoinc !== undefined && !(Array.isArray(alsoLoinc) && alsoLoinc.every(isString))) return fail('mdc-vitals.json', `row ${i}: alsoLoinc`);
      return Object.freeze({ mdc, mdcRefId, concept, loinc, loincDisplay, npu, ucum, ...(alsoLoinc ? { alsoLoinc: Object.freeze([...alsoLoinc]) } : {}), ...(isString(note) ? { note } : {}) });
    }),
  );
}

function checkUnits(raw: unknown): readonly UnitCode[] {
  if (!Array.isArray(raw)) return fail('mdc-units.json', 'expected an array');
  return Object.freeze(
    raw.map((row: unknown, i): UnitCode => {
      if (!isRecord(row) || !isString(row.mdc) || !isString(row.refId) || !isString(row.ucum)) return fail('mdc-units.json', `row ${i} is malformed`);
      return Object.freeze({ mdc: row.mdc, refId: row.refId, ucum: row.ucum });
    }),
  );
}

function checkPlausibility(raw: unknown): Readonly<Record<VitalConcept, PlausibilityRange>> {
  if (!isRecord(raw)) return fail('plausibility.json', 'expected an object');
  const entries = VITAL_CONCEPTS.map((concept) => {
    const range = raw[concept];
    if (!isRecord(range) || typeof range.min !== 'number' || typeof range.max !== 'number' || !isString(range.ucum) || range.min > range.max) {
      return fail('plausibility.json', `${concept}: expected { min <= max, ucum }`);
    }
    return [concept, Object.freeze({ min: range.min, max: range.max, ucum: range.ucum })] as const;
  });
  return Object.freeze(Object.fromEntries(entries) as Record<VitalConcept, PlausibilityRange>);
}

export const VITAL_CODES: readonly VitalCode[] = checkVitals(readJson('./mdc-vitals.json'));
export const UNIT_CODES: readonly UnitCode[] = checkUnits(readJson('./mdc-units.json'));
/** Adult defaults (plausibility.json). */
export const DEFAULT_PLAUSIBILITY: Readonly<Record<VitalConcept, PlausibilityRange>> = checkPlausibility(readJson('./plausibility.json'));
