// Public face of Kerne's pure HL7 v2 device layer: MLLP framing, charsets, DTM time, IHE PCD-01/PCD-04 interpretation and ACKs.
export { MLLP, MllpDecoder, mllpFrame, type MllpDecoderOptions } from './mllp-decoder.ts';
export { decodePayload, encodePayload, encodingForCharset, readRawCharset } from './payload-charset.ts';
export { DEFAULT_CLOCK_LIMITS, clockCheck, formatHl7Time, isValidTimeZone, parseHl7Time, zoneOffsetMinutes, type ClockLimits, type DstAmbiguity, type Hl7Time, type Hl7TimePrecision } from './hl7-time.ts';
export { HL7_ERROR_CODES, processingError, rejectWith, type Hl7Error, type Hl7ErrorCode, type Hl7ErrorLocation } from './hl7-error.ts';
export { ACK_MODES, SUPPORTED_MESSAGE_TYPES, type AckMode, type MessageHeader, type MessageKind, type SupportedMessageType } from './message-header.ts';
export type { CodedValue } from './observation-rows.ts';
export type { TimeSource } from './observation-time.ts';
export type { PatientContext, PatientIdentifier, PointOfCare } from './patient-context.ts';
export {
  READING_PROBLEMS,
  type DescribedDevice,
  type DeviceAlarm,
  type DeviceReading,
  type InterpretResult,
  type ReadingProblem,
  type ReadingProblemCode,
  type SkippedRow,
} from './pcd-types.ts';
export { interpretDeviceMessage, type InterpretOptions } from './pcd-message.ts';
export type { PlausibilityOverrides, PlausibilityRanges } from '../mapping/index.ts';
export { ACK_CODES, ackCodeFor, ackPlan, buildAck, buildRejectWithoutHeader, outcomeOf, type AckCode, type AckKind, type AckOptions, type AckOutcome, type AckPlan, type AckPreference } from './ack.ts';
