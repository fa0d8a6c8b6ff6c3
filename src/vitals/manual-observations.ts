/**
 * Vital signs entered by a nurse, as FHIR vital-signs Observations (final, performer = the nurse):
 * each value once, in the codes of docs/early-warning-codes.md. Blood pressure is the 85354-9 panel
 * with systolic and diastolic components. @see https://hl7.org/fhir/R4/vitalsigns.html
 */
import type { Observation, Practitioner, Reference } from '@medplum/fhirtypes';
import { vitalSignsCategory, VITAL_SOURCE_SYSTEM, VitalSource } from '../devices/index.ts';
import { observationCodeFor } from '../early-warning/domain/index.ts';
import type { ManualVitals } from './api-types.ts';
import { LOINC_SYSTEM, PARAMETER_LOINC } from './parameter-labels.ts';

const UCUM = 'http://unitsofmeasure.org';

export interface ManualContext {
  readonly patientId: string;
  readonly encounterId?: string;
  readonly performer?: Reference<Practitioner>;
  readonly at: string;
  readonly issued: string;
}

/** The Observations of one manual entry (nothing for absent values). */
export function manualObservations(input: ManualVitals, context: ManualContext): Observation[] {
  const base = (): Omit<Observation, 'code'> => ({
    resourceType: 'Observation',
    meta: { tag: [{ system: VITAL_SOURCE_SYSTEM, code: VitalSource.manual }] },
    status: 'final',
    category: [vitalSignsCategory()],
    subject: { reference: `Patient/${context.patientId}` },
    ...(context.encounterId ? { encounter: { reference: `Encounter/${context.encounterId}` } } : {}),
    effectiveDateTime: context.at,
    issued: context.issued,
    ...(context.performer ? { performer: [context.performer] } : {}),
  });
  const quantity = (parameter: keyof typeof PARAMETER_LOINC, value: number): Observation => {
    const loinc = PARAMETER_LOINC[parameter];
    return { ...base(), code: { coding: [{ system: LOINC_SYSTEM, code: loinc.code, display: loinc.display }], text: loinc.display }, valueQuantity: { value, unit: loinc.unit, system: UCUM, code: loinc.unit } };
  };
  const out: Observation[] = [];
  if (input.heartRate !== undefined) out.push(quantity('heartRate', input.heartRate));
  if (input.respiratoryRate !== undefined) out.push(quantity('respiratoryRate', input.respiratoryRate));
  if (input.spo2 !== undefined) out.push(quantity('spo2', input.spo2));
  if (input.temperature !== undefined) out.push(quantity('temperature', input.temperature));
  if (input.systolic !== undefined && input.diastolic !== undefined) {
    const component = (parameter: 'systolic' | 'diastolic', value: number) => {
      const loinc = PARAMETER_LOINC[parameter];
      return { code: { coding: [{ system: LOINC_SYSTEM, code: loinc.code, display: loinc.display }] }, valueQuantity: { value, unit: 'mm[Hg]', system: UCUM, code: 'mm[Hg]' } };
    };
    out.push({
      ...base(),
      code: { coding: [{ system: LOINC_SYSTEM, code: '85354-9', display: 'Blood pressure panel with all children optional' }], text: 'Blodtryk' },
      component: [component('systolic', input.systolic), component('diastolic', input.diastolic)],
    });
  }
  if (input.consciousness !== undefined) out.push({ ...base(), ...observationCodeFor.consciousness(input.consciousness) });
  if (input.supplementalOxygen !== undefined) out.push({ ...base(), ...observationCodeFor.supplementalOxygen(input.supplementalOxygen) });
  if (input.concern) out.push({ ...base(), ...observationCodeFor.concern(true) });
  return out;
}
