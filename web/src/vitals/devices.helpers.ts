/**
 * Pure helpers of the ward's equipment ("Udstyr" on /app/vitaler/:wardId): a scanned or typed
 * device code made ready for GET /api/vitals/devices?code=, the mobile devices in use and the fixed
 * monitors in the order a nurse reads them, the patient a device is with, and the reason a wrong
 * association is withdrawn for.
 */
import type { DeviceView, PatientRef } from '../../../src/vitals/api-types.ts';

/** The reason for withdrawing a wrong association: at least this many characters (as the server). */
export const WITHDRAW_REASON_MIN = 10;

/**
 * A code as a barcode scanner or a person gives it: control characters (a scanner's CR, tab or
 * group separator) and surrounding space dropped; an EUI-64 with or without dashes, colons or
 * spaces ('0a-1b-2c-…', '0A:1B:2C:…') becomes its 16 upper-case hex digits; anything else (a
 * serial number) stays as typed. '' when nothing is left.
 */
export function normaliseDeviceCode(input: string): string {
  const text = input.replace(/[\u0000-\u001f\u007f]/g, '').trim();
  const compact = text.replace(/[-:.\s]/g, '');
  return /^[0-9a-f]{16}$/i.test(compact) ? compact.toUpperCase() : text;
}

/** True for a code that is an EUI-64 (16 hex digits, separators allowed). */
export const isEui64 = (input: string): boolean => /^[0-9A-F]{16}$/.test(normaliseDeviceCode(input));

/** A device as people name it: its name, else the code on its label, else its id. */
export const deviceLabel = (d: Pick<DeviceView, 'id' | 'name' | 'code'>): string => d.name ?? d.code ?? d.id;

const collator = new Intl.Collator('da', { numeric: true, sensitivity: 'base' });

/** The association in force of a device, if any (active and not past its end). */
export function activeAssociation(d: DeviceView, now: number): DeviceView['association'] | undefined {
  const a = d.association;
  if (!a || a.status !== 'active') return undefined;
  if (a.end && Date.parse(a.end) <= now) return undefined;
  return a;
}

/** The name of the patient a device is with: the server's, else the ward's patient by id; undefined when neither knows. */
export function associatedPatientName(d: DeviceView, patients: readonly PatientRef[]): string | undefined {
  const a = d.association;
  if (!a) return undefined;
  return a.patientName ?? patients.find((p) => p.id === a.patientId)?.name;
}

/** The mobile devices with one of the ward's patients: by patient, then device. */
export function mobileInUse(devices: readonly DeviceView[], now: number): DeviceView[] {
  return devices
    .filter((d) => d.kind === 'mobile' && activeAssociation(d, now) !== undefined)
    .sort((a, b) => collator.compare(a.association?.patientName ?? a.association?.patientId ?? '', b.association?.patientName ?? b.association?.patientId ?? '') || collator.compare(deviceLabel(a), deviceLabel(b)));
}

/** The fixed monitors by bed ('Stue 1, Seng 2' before 'Stue 1, Seng 10'); monitors without a bed last. */
export function fixedByBed(devices: readonly DeviceView[]): DeviceView[] {
  return devices
    .filter((d) => d.kind === 'fixed')
    .sort((a, b) => (a.bed === undefined ? 1 : 0) - (b.bed === undefined ? 1 : 0) || collator.compare(a.bed ?? '', b.bed ?? '') || collator.compare(deviceLabel(a), deviceLabel(b)));
}

/** How many characters the reason still lacks (0 when it is long enough). Surrounding space does not count. */
export const reasonMissing = (reason: string, min = WITHDRAW_REASON_MIN): number => Math.max(0, min - reason.trim().length);

/**
 * The optional end of an association from a datetime-local field: undefined when empty, 'invalid'
 * when it is not a time, 'past' when it is not in the future, else the instant (ISO).
 */
export function associationUntil(value: string, now: number): { readonly until?: string; readonly problem?: 'invalid' | 'past' } {
  if (!value.trim()) return {};
  const d = new Date(value);
  if (Number.isNaN(d.getTime())) return { problem: 'invalid' };
  if (d.getTime() <= now) return { problem: 'past' };
  return { until: d.toISOString() };
}
