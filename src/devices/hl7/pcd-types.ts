// Result types of interpreting an IHE PCD-01 (ORU^R01) or PCD-04 (ORU^R40) device message.
import type { Hl7Error } from './hl7-error.ts';
import type { MessageHeader, MessageKind } from './message-header.ts';
import type { CodedValue } from './observation-rows.ts';
import type { TimeSource } from './observation-time.ts';
import type { PatientContext, PointOfCare } from './patient-context.ts';

export const READING_PROBLEMS = ['sentinel', 'status-flag', 'implausible', 'unmapped', 'not-numeric', 'bad-time'] as const;
export type ReadingProblemCode = (typeof READING_PROBLEMS)[number];

export interface ReadingProblem {
  readonly code: ReadingProblemCode;
  readonly text: string;
}

export interface DeviceReading {
  /** OBX-18 (EUI-64 upper-case hex, or a UUID), else the nearest device id up the OBX-4 tree, OBR-3, or the header sender. */
  readonly deviceId: string;
  /** OBX-4. */
  readonly path: string;
  /** OBX-3 as sent (system as a URI where known). */
  readonly code: CodedValue;
  /** Internal concept (`heartRate` …) when the MDC code is in mapping/mdc-vitals.json. */
  readonly concept?: string;
  readonly loinc?: string;
  readonly npu?: string;
  /** Normalised value (°C, mm[Hg], %); NaN only when problem.code is 'not-numeric' (original.value holds the text). */
  readonly value: number;
  /** UCUM after normalisation ('' when the device sent none). */
  readonly unit: string;
  readonly original: { readonly value: string; readonly unit?: string };
  /** ISO-8601 UTC. */
  readonly observedAt: string;
  readonly timeSource: TimeSource;
  readonly timeFlags: string[];
  /** OBX-17. */
  readonly method?: string;
  /** OBX-8 repetitions. */
  readonly abnormalFlags: string[];
  /** OBX-11. */
  readonly resultStatus?: string;
  /** Set → keep aside for review, never chart. */
  readonly problem?: ReadingProblem;
  /** SHA-256 hex of deviceId|code|path|observedAt|original value: stable across re-sends under a new MSH-10. */
  readonly key: string;
}

export interface DeviceAlarm {
  /** The root alert event: OBR-29 parent when present, else OBR-3 (entity id). */
  readonly eventId: string;
  /** OBR-3 (entity id) of this message's OBR: one per update. */
  readonly updateId: string;
  readonly deviceId: string;
  /** The alert: OBX-5 of the event row when coded (197218 MDC_EVT_SYRINGE_BARREL_CAPTURE_FAULT), else its OBX-3. */
  readonly code: CodedValue;
  /** OBX-3 of the event row (196616 MDC_EVT_ALARM). */
  readonly kind?: CodedValue;
  /** OBX-4 of the event row. */
  readonly path: string;
  readonly text?: string;
  /** start | continue | update | end … (MDC_ATTR_EVENT_PHASE). */
  readonly phase?: string;
  /** active | inactive … (MDC_ATTR_ALARM_STATE). */
  readonly state?: string;
  /** enabled | audio-paused … (MDC_ATTR_ALARM_INACTIVATION_STATE). */
  readonly inactivationState?: string;
  /** PH | PM | PL | PN (MDC_ATTR_ALARM_PRIORITY). */
  readonly priority?: string;
  /** SP | ST | SA … (MDC_ATTR_ALERT_TYPE). */
  readonly alertType?: string;
  /** MDC_ATTR_ALERT_SOURCE. */
  readonly source?: CodedValue;
  readonly observedAt: string;
  readonly timeSource: TimeSource;
  readonly timeFlags: string[];
  /** SHA-256 hex of deviceId|eventId|updateId|phase|state|observedAt. */
  readonly key: string;
}

export interface DescribedDevice {
  /** The device id this row resolves to (its OBX-18, or inherited). */
  readonly id: string;
  /** OBX-3 text, e.g. MDC_DEV_SPEC_PROFILE_BP. */
  readonly name?: string;
  readonly path: string;
}

export interface SkippedRow {
  readonly path: string;
  readonly reason: string;
}

export type InterpretResult =
  | {
      readonly ok: true;
      readonly header: MessageHeader;
      readonly kind: MessageKind;
      readonly patient: PatientContext;
      readonly location?: PointOfCare;
      readonly readings: DeviceReading[];
      readonly alarms: DeviceAlarm[];
      readonly devices: DescribedDevice[];
      readonly skipped: SkippedRow[];
    }
  | { readonly ok: false; readonly header?: MessageHeader; readonly error: Hl7Error };
