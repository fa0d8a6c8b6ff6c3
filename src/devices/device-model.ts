/**
 * How device data sits in the record: Device resources (EUI-64 identity), the association of a
 * mobile device with a patient (DeviceUseStatement), device readings (Observation, preliminary until
 * a nurse validates them), and alarms (Communication, never charted as vitals).
 * @see https://build.fhir.org/ig/HL7/uv-pocd/ (Point-of-Care Device IG: EUI-64 identifiers)
 */

/** Device.identifier system for an IEEE EUI-64 (the Point-of-Care Device IG's). */
export const EUI64_SYSTEM = 'urn:oid:1.2.840.10004.1.1.1.0.0.1.0.0.1.2680';
/** Device.identifier for senders identified otherwise (MSH-3 text, a gateway's UUID). */
export const DEVICE_SENDER_SYSTEM = 'https://kerne.dk/fhir/NamingSystem/device-sender';

/** Observation.identifier of a device reading: its de-duplication key (device, code, path, time, value). */
export const DEVICE_READING_SYSTEM = 'https://kerne.dk/fhir/NamingSystem/device-reading';
/** Observation.extension: the DeviceUseStatement (mobile association) a reading was filed under. */
export const DEVICE_ASSOCIATION_EXTENSION = 'https://kerne.dk/fhir/StructureDefinition/device-association';
/** Observation.extension (valueCode, repeating): time and quality flags of a device reading ('no-offset', 'future', …). */
export const READING_FLAG_EXTENSION = 'https://kerne.dk/fhir/StructureDefinition/device-reading-flag';
/** Observation.meta.tag: how a vital sign entered the record. */
export const VITAL_SOURCE_SYSTEM = 'https://kerne.dk/fhir/CodeSystem/vital-source';
export const VitalSource = { device: 'device', manual: 'manual' } as const;

/** Location.extension (valueBoolean) on a ward: device readings are final without a nurse's validation (e.g. intensive care). */
export const AUTO_FINALISE_EXTENSION = 'https://kerne.dk/fhir/StructureDefinition/device-auto-finalise';

/** Communication.category of a device alarm (IHE PCD-04). */
export const ALARM_CATEGORY = { system: 'https://kerne.dk/fhir/CodeSystem/communication-category', code: 'device-alarm', display: 'Udstyrsalarm' } as const;
/** Communication.identifier of an alarm: the device and the root alert event (OBR-3 / OBR-29). */
export const ALARM_EVENT_SYSTEM = 'https://kerne.dk/fhir/NamingSystem/device-alarm-event';

/** Every device reading's Observation id starts with this. */
export const DEVICE_READING_ID_PREFIX = 'dr-';
/** A FHIR id from a hex key: readings and alarms get ids derived from their de-duplication keys. */
export const readingId = (key: string): string => `${DEVICE_READING_ID_PREFIX}${key.slice(0, 48)}`;
/** Whether an Observation id is a device reading's (the ingest tells the engine about those itself). */
export const isDeviceReadingId = (id: string): boolean => id.startsWith(DEVICE_READING_ID_PREFIX);
export const alarmId = (key: string): string => `da-${key.slice(0, 48)}`;
/** The Device id of a device identifier: readable for EUI-64s, hashed otherwise. */
export function deviceIdOf(identifier: string, hash: (s: string) => string): string {
  return /^[0-9A-F]{16}$/.test(identifier) ? `eui64-${identifier.toLowerCase()}` : `dev-${hash(identifier).slice(0, 40)}`;
}
