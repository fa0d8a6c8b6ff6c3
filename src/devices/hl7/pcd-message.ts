// Interprets one IHE PCD-01 (ORU^R01, observations) or PCD-04 (ORU^R40, alarms) HL7 v2 message into Kerne values, or an HL7 table-0357 rejection.
import { Hl7Message } from '@medplum/core';
import type { PlausibilityRanges } from '../mapping/index.ts';
import { readAlarms } from './device-alarms.ts';
import { readReadings } from './device-readings.ts';
import { rejectWith } from './hl7-error.ts';
import type { ClockLimits } from './hl7-time.ts';
import { checkHeader, messageKindOf, readHeader } from './message-header.ts';
import { checkObservationRows } from './message-checks.ts';
import { looksLikeHl7, normaliseSegments } from './message-text.ts';
import { readObrGroups } from './observation-rows.ts';
import { readPatient, readPointOfCare } from './patient-context.ts';
import type { InterpretResult } from './pcd-types.ts';

export interface InterpretOptions {
  /** IANA zone for timestamps without a UTC offset, e.g. `Europe/Copenhagen` (per sender). */
  readonly senderTimeZone: string;
  /** When the message arrived (for 'future' / 'stale' clock checks). */
  readonly receivedAt: Date;
  readonly plausibility?: PlausibilityRanges;
  readonly clockLimits?: ClockLimits;
}

/**
 * Parses and interprets a device message. Pure: the same text and options give the same result.
 * Throws only for a configuration error (an unknown `senderTimeZone`).
 */
export function interpretDeviceMessage(text: string, options: InterpretOptions): InterpretResult {
  const normalised = normaliseSegments(text);
  if (!looksLikeHl7(normalised)) {
    return { ok: false, error: rejectWith('100', 'Not an HL7 v2 message: it must start with an MSH segment and its delimiters', { segment: 'MSH', sequence: 1 }) };
  }
  let message: Hl7Message;
  try {
    message = Hl7Message.parse(normalised);
  } catch (e) {
    return { ok: false, error: rejectWith('100', `HL7 v2 message could not be parsed: ${e instanceof Error ? e.message : String(e)}`) };
  }
  const header = readHeader(message, options.senderTimeZone);
  const headerError = checkHeader(header);
  if (headerError) return { ok: false, header, error: headerError };
  const kind = messageKindOf(header.messageType) ?? 'observations';

  const groups = readObrGroups(message);
  const contentError = checkObservationRows(groups, header.messageType);
  if (contentError) return { ok: false, header, error: contentError };

  const patient = readPatient(message.getSegment('PID'));
  const location = readPointOfCare(message.getSegment('PV1'));
  const base = { ok: true as const, header, kind, patient, ...(location ? { location } : {}) };
  if (kind === 'alarms') {
    const { alarms, devices, skipped } = readAlarms(groups, header, options);
    return { ...base, readings: [], alarms, devices, skipped };
  }
  const { readings, devices, skipped } = readReadings(groups, header, options);
  return { ...base, readings, alarms: [], devices, skipped };
}
