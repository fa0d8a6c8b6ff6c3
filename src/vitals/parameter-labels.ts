/** The vital-sign parameters by LOINC code, with Danish and English labels (for views; the codes are in docs/early-warning-codes.md). */
import type { Observation } from '@medplum/fhirtypes';
import type { VitalParameter } from './api-types.ts';

export const LOINC_SYSTEM = 'http://loinc.org';

export const PARAMETER_BY_LOINC: Readonly<Record<string, VitalParameter>> = {
  '8867-4': 'heartRate',
  '9279-1': 'respiratoryRate',
  '59408-5': 'spo2',
  '2708-6': 'spo2',
  '8480-6': 'systolic',
  '8462-4': 'diastolic',
  '8478-0': 'meanPressure',
  '8310-5': 'temperature',
  '29463-7': 'bodyWeight',
  '8302-2': 'bodyHeight',
};

export const PARAMETER_LOINC: Readonly<Record<VitalParameter, { code: string; display: string; unit: string }>> = {
  heartRate: { code: '8867-4', display: 'Heart rate', unit: '/min' },
  respiratoryRate: { code: '9279-1', display: 'Respiratory rate', unit: '/min' },
  spo2: { code: '59408-5', display: 'Oxygen saturation in Arterial blood by Pulse oximetry', unit: '%' },
  systolic: { code: '8480-6', display: 'Systolic blood pressure', unit: 'mm[Hg]' },
  diastolic: { code: '8462-4', display: 'Diastolic blood pressure', unit: 'mm[Hg]' },
  meanPressure: { code: '8478-0', display: 'Mean blood pressure', unit: 'mm[Hg]' },
  temperature: { code: '8310-5', display: 'Body temperature', unit: 'Cel' },
  bodyWeight: { code: '29463-7', display: 'Body weight', unit: 'kg' },
  bodyHeight: { code: '8302-2', display: 'Body height', unit: 'cm' },
};

export const PARAMETER_LABEL: Readonly<Record<VitalParameter, { da: string; en: string }>> = {
  heartRate: { da: 'Puls', en: 'Pulse' },
  respiratoryRate: { da: 'Respirationsfrekvens', en: 'Respiratory rate' },
  spo2: { da: 'Saturation (SpO₂)', en: 'Saturation (SpO₂)' },
  systolic: { da: 'Systolisk BT', en: 'Systolic BP' },
  diastolic: { da: 'Diastolisk BT', en: 'Diastolic BP' },
  meanPressure: { da: 'Middel-BT', en: 'Mean BP' },
  temperature: { da: 'Temperatur', en: 'Temperature' },
  bodyWeight: { da: 'Vægt', en: 'Weight' },
  bodyHeight: { da: 'Højde', en: 'Height' },
};

/** The parameter an Observation records (by its LOINC coding). */
export function parameterOf(obs: Pick<Observation, 'code'>): VitalParameter | undefined {
  for (const c of obs.code?.coding ?? []) if (c.system === LOINC_SYSTEM && c.code && PARAMETER_BY_LOINC[c.code]) return PARAMETER_BY_LOINC[c.code];
  return undefined;
}
