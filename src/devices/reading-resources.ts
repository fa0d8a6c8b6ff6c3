/**
 * The FHIR resources a device message becomes (pure): the Device, each reading as a vital-signs
 * Observation (LOINC first, the original MDC code and the Danish code kept as further codings), and
 * an alarm as a Communication. @see https://hl7.org/fhir/R4/vitalsigns.html
 * @see https://build.fhir.org/ig/HL7/uv-pocd/mappingv2.html
 */
import type { CodeableConcept, Coding, Communication, Device, Extension, Observation } from '@medplum/fhirtypes';
import type { DeviceAlarm, DeviceReading } from './hl7/index.ts';
import { lookupMdc } from './mapping/index.ts';
import type { Binding } from './device-binding.ts';
import {
  ALARM_CATEGORY, ALARM_EVENT_SYSTEM, DEVICE_ASSOCIATION_EXTENSION, DEVICE_READING_SYSTEM, DEVICE_SENDER_SYSTEM, EUI64_SYSTEM, READING_FLAG_EXTENSION,
  VITAL_SOURCE_SYSTEM, VitalSource,
} from './device-model.ts';

const LOINC = 'http://loinc.org';
const UCUM = 'http://unitsofmeasure.org';
const NPU = 'urn:oid:1.2.208.176.2.1';
/** Observation.category of every vital sign (the FHIR vital-signs profile's). */
export const vitalSignsCategory = (): CodeableConcept => ({
  coding: [{ system: 'http://terminology.hl7.org/CodeSystem/observation-category', code: 'vital-signs', display: 'Vital Signs' }],
});

/** A Device for an identifier seen on the wire (EUI-64 or sender text). */
export function buildDevice(id: string, identifier: string, name: string | undefined): Device {
  const isEui64 = /^[0-9A-F]{16}$/.test(identifier);
  return {
    resourceType: 'Device',
    id,
    status: 'active',
    identifier: [{ system: isEui64 ? EUI64_SYSTEM : DEVICE_SENDER_SYSTEM, value: identifier }],
    ...(name ? { deviceName: [{ name, type: 'manufacturer-name' as const }] } : {}),
  };
}

/** The codings of a mapped reading: LOINC, then the device's MDC code, then the Danish (NPU/DNK) code. */
export function readingCodings(reading: DeviceReading): Coding[] {
  const row = lookupMdc(reading.code.code);
  const codings: Coding[] = [];
  if (reading.loinc) codings.push({ system: LOINC, code: reading.loinc, ...(row?.loincDisplay ? { display: row.loincDisplay } : {}) });
  codings.push({ system: reading.code.system, code: reading.code.code, ...(reading.code.display ? { display: reading.code.display } : {}) });
  if (reading.npu) codings.push({ system: NPU, code: reading.npu });
  return codings;
}

export interface ReadingContext {
  readonly id: string;
  readonly deviceId: string;
  readonly binding: Binding & { readonly patientId: string };
  readonly receivedAt: Date;
  readonly status: 'preliminary' | 'final';
}

/** A device reading as an Observation of the bound patient. */
export function buildReadingObservation(reading: DeviceReading, context: ReadingContext): Observation {
  const extension: Extension[] = [
    ...reading.timeFlags.map((flag) => ({ url: READING_FLAG_EXTENSION, valueCode: flag })),
    ...(context.binding.associationId ? [{ url: DEVICE_ASSOCIATION_EXTENSION, valueReference: { reference: `DeviceUseStatement/${context.binding.associationId}` } }] : []),
  ];
  const row = lookupMdc(reading.code.code);
  return {
    resourceType: 'Observation',
    id: context.id,
    meta: { tag: [{ system: VITAL_SOURCE_SYSTEM, code: VitalSource.device }] },
    ...(extension.length ? { extension } : {}),
    identifier: [{ system: DEVICE_READING_SYSTEM, value: reading.key }],
    status: context.status,
    category: [vitalSignsCategory()],
    code: { coding: readingCodings(reading), ...(row?.loincDisplay ? { text: row.loincDisplay } : {}) },
    subject: { reference: `Patient/${context.binding.patientId}` },
    ...(context.binding.encounterId ? { encounter: { reference: `Encounter/${context.binding.encounterId}` } } : {}),
    effectiveDateTime: reading.observedAt,
    issued: context.receivedAt.toISOString(),
    valueQuantity: { value: reading.value, unit: reading.unit, system: UCUM, code: reading.unit },
    device: { reference: `Device/${context.deviceId}` },
    ...(reading.method ? { method: { text: reading.method } } : {}),
  };
}

/** An alarm (PCD-04) as a Communication to the ward: in progress while the alert is active. */
export function buildAlarmCommunication(alarm: DeviceAlarm, context: { id: string; deviceId: string; patientId?: string; receivedAt: Date }): Communication {
  const ended = /end|inactive|off/i.test(`${alarm.phase ?? ''} ${alarm.state ?? ''}`);
  const text = alarm.text ?? alarm.code.display ?? alarm.code.code;
  return {
    resourceType: 'Communication',
    id: context.id,
    identifier: [{ system: ALARM_EVENT_SYSTEM, value: `${alarm.deviceId}|${alarm.eventId}` }],
    status: ended ? 'completed' : 'in-progress',
    category: [{ coding: [{ ...ALARM_CATEGORY }] }],
    priority: /high|^h|^ph/i.test(alarm.priority ?? '') ? 'stat' : /med|^m|^pm/i.test(alarm.priority ?? '') ? 'urgent' : 'routine',
    ...(context.patientId ? { subject: { reference: `Patient/${context.patientId}` } } : {}),
    about: [{ reference: `Device/${context.deviceId}` }],
    sent: alarm.observedAt,
    received: context.receivedAt.toISOString(),
    payload: [{ contentString: text }],
    extension: [
      { url: 'https://kerne.dk/fhir/StructureDefinition/device-alarm', extension: [
        ...(alarm.phase ? [{ url: 'phase', valueString: alarm.phase }] : []),
        ...(alarm.state ? [{ url: 'state', valueString: alarm.state }] : []),
        ...(alarm.priority ? [{ url: 'priority', valueString: alarm.priority }] : []),
        { url: 'code', valueCoding: { system: alarm.code.system, code: alarm.code.code, ...(alarm.code.display ? { display: alarm.code.display } : {}) } },
        { url: 'update', valueString: alarm.updateId },
      ] },
    ],
  };
}
