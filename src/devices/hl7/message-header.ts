// Reads the MSH segment into Kerne's MessageHeader (HL7 v2.6 §2.14.9 MSH; IHE PCD TF-2 MSH profile); checks MSH-9/10/12 for PCD-01/PCD-04.
import type { Hl7Message, Hl7Segment } from '@medplum/core';
import { euiFromHd } from './equipment-id.ts';
import { rejectWith, type Hl7Error } from './hl7-error.ts';
import { component, fieldText } from './hl7-fields.ts';
import { parseHl7Time } from './hl7-time.ts';

/** HL7 table 0155, accept/application acknowledgment conditions. */
export const ACK_MODES = ['AL', 'NE', 'ER', 'SU'] as const;
export type AckMode = (typeof ACK_MODES)[number];

/** The message types Kerne's device inbox accepts, and what they carry. */
export const SUPPORTED_MESSAGE_TYPES = {
  'ORU^R01': 'observations', // IHE PCD-01 Communicate PCD Data
  'ORU^R40': 'alarms', // IHE PCD-04 Report Alert
} as const;
export type SupportedMessageType = keyof typeof SUPPORTED_MESSAGE_TYPES;
export type MessageKind = (typeof SUPPORTED_MESSAGE_TYPES)[SupportedMessageType];

export interface MessageHeader {
  /** For `NAME^EUI64^EUI-64` the EUI-64 (upper-case hex), else the text of MSH-3 (+ '@' + MSH-4 when present). */
  readonly sender: string;
  /** MSH-3.1, e.g. `AcmeInc`. */
  readonly senderName?: string;
  /** Raw MSH-3, echoed as MSH-5 of the ACK. */
  readonly sendingApplication: string;
  /** Raw MSH-4. */
  readonly sendingFacility?: string;
  /** Raw MSH-5 / MSH-6, swapped into MSH-3 / MSH-4 of the ACK. */
  readonly receivingApplication?: string;
  readonly receivingFacility?: string;
  /** MSH-10. */
  readonly controlId: string;
  /** MSH-9.1^MSH-9.2, e.g. `ORU^R01`. */
  readonly messageType: string;
  /** MSH-9.2, e.g. `R01`. */
  readonly triggerEvent: string;
  /** MSH-12.1. */
  readonly version: string;
  /** MSH-11.1. */
  readonly processingId?: string;
  /** MSH-15 and MSH-16; undefined when empty (or not a table-0155 value). */
  readonly acceptAck?: AckMode;
  readonly applicationAck?: AckMode;
  /** MSH-7 as ISO-8601 UTC, when it parses. */
  readonly messageTime?: string;
  /** MSH-7 as sent (the last fallback for observation times). */
  readonly rawMessageTime?: string;
  /** MSH-18.1, e.g. `UNICODE UTF-8`, `8859/1`. */
  readonly charset?: string;
  /** MSH-21 as sent; not validated (vendors vary the OID). */
  readonly profile?: string;
  /** MSH-1 and MSH-2, echoed in the ACK. */
  readonly fieldSeparator: string;
  readonly encodingChars: string;
}

const asAckMode = (text: string): AckMode | undefined => (ACK_MODES as readonly string[]).find((m) => m === text.trim().toUpperCase()) as AckMode | undefined;
const optional = (text: string): string | undefined => (text === '' ? undefined : text);

/** The MessageHeader of a parsed message (never fails; absent fields are empty). */
export function readHeader(message: Hl7Message, senderTimeZone: string): MessageHeader {
  const msh: Hl7Segment = message.header;
  const msh3 = fieldText(msh, 3);
  const msh4 = fieldText(msh, 4);
  const hd = [1, 2, 3].map((c) => component(msh, 3, c));
  const eui = euiFromHd(hd);
  const sender = eui ?? (msh4 === '' ? msh3 : `${msh3}@${msh4}`);
  const code = component(msh, 9, 1);
  const event = component(msh, 9, 2);
  const time = parseHl7Time(component(msh, 7, 1), senderTimeZone);
  const header: MessageHeader = {
    sender,
    sendingApplication: msh3,
    controlId: fieldText(msh, 10).trim(),
    messageType: event === '' ? code : `${code}^${event}`,
    triggerEvent: event,
    version: component(msh, 12, 1).trim(),
    fieldSeparator: msh.context.fieldSeparator,
    encodingChars: msh.context.getMsh2(),
  };
  const extra = {
    senderName: optional(hd[0] ?? ''),
    sendingFacility: optional(msh4),
    receivingApplication: optional(fieldText(msh, 5)),
    receivingFacility: optional(fieldText(msh, 6)),
    processingId: optional(component(msh, 11, 1)),
    acceptAck: asAckMode(fieldText(msh, 15)),
    applicationAck: asAckMode(fieldText(msh, 16)),
    messageTime: time?.instant,
    rawMessageTime: optional(component(msh, 7, 1).trim()),
    charset: optional(component(msh, 18, 1).trim()),
    profile: optional(fieldText(msh, 21)),
  };
  return { ...header, ...(Object.fromEntries(Object.entries(extra).filter(([, v]) => v !== undefined)) as Partial<MessageHeader>) };
}

/** `2.6` → [2, 6, 0]; undefined when MSH-12 is not a version number. */
export function parseVersion(version: string): [number, number, number] | undefined {
  const m = /^(\d+)\.(\d+)(?:\.(\d+))?/.exec(version);
  return m ? [Number(m[1]), Number(m[2]), Number(m[3] ?? 0)] : undefined;
}

/** True when `version` is at least major.minor. */
export function isVersionAtLeast(version: string, major: number, minor: number): boolean {
  const v = parseVersion(version);
  return v !== undefined && (v[0] > major || (v[0] === major && v[1] >= minor));
}

/** Which kind of content a supported message type carries; undefined for any other type. */
export function messageKindOf(messageType: string): MessageKind | undefined {
  return Object.hasOwn(SUPPORTED_MESSAGE_TYPES, messageType) ? SUPPORTED_MESSAGE_TYPES[messageType as SupportedMessageType] : undefined;
}

/** Header checks in the order an ACK needs them: MSH-10, MSH-9 (type), MSH-12 (version ≥ 2.5). */
export function checkHeader(header: MessageHeader): Hl7Error | undefined {
  if (header.controlId === '') return rejectWith('101', 'MSH-10 (message control id) is empty', { segment: 'MSH', sequence: 1, field: 10 });
  if (header.messageType === '') return rejectWith('101', 'MSH-9 (message type) is empty', { segment: 'MSH', sequence: 1, field: 9 });
  if (messageKindOf(header.messageType) === undefined) {
    return rejectWith('200', `Unsupported message type ${header.messageType}; Kerne accepts ORU^R01 (PCD-01) and ORU^R40 (PCD-04)`, { segment: 'MSH', sequence: 1, field: 9 });
  }
  if (header.version === '') return rejectWith('101', 'MSH-12 (version id) is empty', { segment: 'MSH', sequence: 1, field: 12 });
  if (!isVersionAtLeast(header.version, 2, 5)) {
    return rejectWith('203', `Unsupported version ${header.version}; IHE PCD requires HL7 v2.5 or later (v2.6)`, { segment: 'MSH', sequence: 1, field: 12 });
  }
  return undefined;
}
