/**
 * One IHE PCD-01 (HL7 v2.6 ORU^R01) message from a simulated bedside monitor: the MDS row with the
 * EUI-64, then heart rate, respiratory rate, SpO2, non-invasive blood pressure and temperature as
 * MDC-coded metrics with their own times (OBX-14, with a UTC offset). IHE PCD TF-2 (PCD-01).
 */
import type { SimulatedVitals } from './patient-course.ts';

/** HL7 DTM in UTC with an explicit offset: YYYYMMDDHHMMSS+0000. */
export function hl7Utc(at: Date): string {
  const iso = at.toISOString();
  return `${iso.slice(0, 4)}${iso.slice(5, 7)}${iso.slice(8, 10)}${iso.slice(11, 13)}${iso.slice(14, 16)}${iso.slice(17, 19)}+0000`;
}

export interface MonitorMessageInput {
  readonly eui64: string;
  readonly controlId: string;
  readonly at: Date;
  readonly vitals: SimulatedVitals;
  readonly pointOfCare?: { readonly unit: string; readonly room: string; readonly bed: string };
}

/** The message text, segments ended by CR as on the wire. */
export function monitorMessage(input: MonitorMessageInput): string {
  const ts = hl7Utc(input.at);
  const eq = `${input.eui64}^EUI-64`;
  const v = input.vitals;
  const metric = (n: number, code: string, path: string, value: number, unit: string) =>
    `OBX|${n}|NM|${code}^MDC|${path}|${value}|${unit}^MDC|||||R|||${ts}|||AMEAS|${eq}`;
  const poc = input.pointOfCare;
  return [
    `MSH|^~\\&|KERNE_SIM^${input.eui64}^EUI-64|KERNE_SIM|KERNE|KERNE|${ts}||ORU^R01^ORU_R01|${input.controlId}|P|2.6|||AL|NE||UNICODE UTF-8|||IHE_PCD_001^IHE PCD^1.3.6.1.4.1.19376.1.6.1.1.1^ISO`,
    'PID|||',
    `PV1||I|${poc ? `${poc.unit}^${poc.room}^${poc.bed}` : ''}`,
    `OBR|1|${input.controlId}^KERNE_SIM^${eq}|${input.controlId}^KERNE_SIM^${eq}|182777000^monitoring of patient^SCT|||${ts}`,
    `OBX|1||69798^MDC_DEV_ANALY_SAT_O2_MDS^MDC|1.0.0.0|||||||X|||||||${eq}`,
    metric(2, '147842^MDC_ECG_HEART_RATE', '1.1.1.1', v.heartRate, '264864^MDC_DIM_BEAT_PER_MIN'),
    metric(3, '151562^MDC_RESP_RATE', '1.1.2.1', v.respiratoryRate, '264928^MDC_DIM_RESP_PER_MIN'),
    metric(4, '150456^MDC_PULS_OXIM_SAT_O2', '1.2.1.1', v.spo2, '262688^MDC_DIM_PERCENT'),
    metric(5, '150301^MDC_PRESS_CUFF_SYS', '1.3.1.1', v.systolic, '266016^MDC_DIM_MMHG'),
    metric(6, '150302^MDC_PRESS_CUFF_DIA', '1.3.1.2', v.diastolic, '266016^MDC_DIM_MMHG'),
    metric(7, '150303^MDC_PRESS_CUFF_MEAN', '1.3.1.3', Math.round((v.systolic + 2 * v.diastolic) / 3), '266016^MDC_DIM_MMHG'),
    metric(8, '150364^MDC_TEMP_BODY', '1.4.1.1', v.temperature, '268192^MDC_DIM_DEGC'),
  ].join('\r');
}
