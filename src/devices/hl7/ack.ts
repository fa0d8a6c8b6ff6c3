// HL7 v2 acknowledgements for device messages: original vs enhanced mode under MSH-15/16 (HL7 table 0155), ACK^R01/ACK^R40 with MSA and ERR (table 0357); devices.md §3.
import { Hl7Context } from '@medplum/core';
import { HL7_ERROR_CODES, type Hl7Error } from './hl7-error.ts';
import { escapeHl7 } from './hl7-fields.ts';
import { formatHl7Time } from './hl7-time.ts';
import { isVersionAtLeast, type AckMode, type MessageHeader } from './message-header.ts';
import { encodingForCharset } from './payload-charset.ts';

export const ACK_CODES = {
  commit: { accepted: 'CA', error: 'CE', rejected: 'CR' },
  application: { accepted: 'AA', error: 'AE', rejected: 'AR' },
} as const;
export type AckKind = keyof typeof ACK_CODES;
export type AckOutcome = keyof (typeof ACK_CODES)['commit'];
export type AckCode = (typeof ACK_CODES)[AckKind][AckOutcome];

/** `standard` sends commit ACKs (CA) as HL7 defines; `application-only` answers with AA instead (Medplum's aaMode). */
export type AckPreference = 'standard' | 'application-only';

export interface AckPlan {
  /** original: both MSH-15 and MSH-16 empty; enhanced otherwise. */
  readonly mode: 'original' | 'enhanced';
  /** Send a commit (accept) ACK: CA / CE / CR. */
  readonly commit: boolean;
  /** Send an application ACK: AA / AE / AR. */
  readonly application: boolean;
}

function conditionHolds(mode: AckMode | undefined, outcome: AckOutcome): boolean {
  switch (mode) {
    case 'AL':
      return true;
    case 'ER':
      return outcome !== 'accepted';
    case 'SU':
      return outcome === 'accepted';
    case 'NE':
    case undefined:
      return false;
  }
}

/**
 * Which ACKs to send for a message with this header and outcome. Original mode: one application ACK.
 * Enhanced mode: a commit ACK when MSH-15 asks for it (AL; ER on error or rejection; SU on success) and an
 * application ACK when MSH-16 does; an empty field in enhanced mode counts as NE. With `application-only`
 * a commit ACK becomes an application ACK (never both).
 */
export function ackPlan(header: Pick<MessageHeader, 'acceptAck' | 'applicationAck'>, senderPreference: AckPreference, outcome: AckOutcome = 'accepted'): AckPlan {
  if (header.acceptAck === undefined && header.applicationAck === undefined) return { mode: 'original', commit: false, application: true };
  const commit = conditionHolds(header.acceptAck, outcome);
  const application = conditionHolds(header.applicationAck, outcome);
  if (senderPreference === 'application-only') return { mode: 'enhanced', commit: false, application: application || commit };
  return { mode: 'enhanced', commit, application };
}

/** CA/CE/CR or AA/AE/AR for an outcome. */
export function ackCodeFor(kind: AckKind, outcome: AckOutcome): AckCode {
  return ACK_CODES[kind][outcome];
}

/** The outcome an error stands for: AR → rejected, AE → error, none → accepted. */
export function outcomeOf(error: Hl7Error | undefined): AckOutcome {
  if (!error) return 'accepted';
  return error.ackCode === 'AR' ? 'rejected' : 'error';
}

export interface AckOptions {
  readonly error?: Hl7Error;
  /** MSH-10 of the ACK itself. */
  readonly controlId: string;
  readonly now: Date;
  /** Kerne's MSH-3; default: the inbound MSH-5. */
  readonly receivingApplication?: string;
}

/** MSH-18 for the ACK: the inbound charset when `encodePayload` can write it, else UTF-8. */
function ackCharset(charset: string | undefined): string {
  if (charset === undefined) return '';
  const encoding = encodingForCharset(charset);
  return encoding === 'utf-8' || encoding === 'latin1' ? charset : 'UNICODE UTF-8';
}

function contextOf(header: Pick<MessageHeader, 'fieldSeparator' | 'encodingChars'>): Hl7Context {
  const [comp = '^', rep = '~', esc = '\\', sub = '&'] = header.encodingChars;
  return new Hl7Context('\r', header.fieldSeparator, comp, rep, esc, sub);
}

/** ERR segment: v2.5+ uses ERR-2 location, ERR-3 code, ERR-4 severity, ERR-8 user message; older versions ERR-1 (ELD). */
function errSegment(error: Hl7Error, version: string, ctx: Hl7Context): string {
  const f = ctx.fieldSeparator;
  const c = ctx.componentSeparator;
  const s = ctx.subcomponentSeparator;
  const label = HL7_ERROR_CODES[error.hl7ErrorCode];
  const loc = error.location;
  const location = loc ? [loc.segment, loc.sequence ?? '', loc.field ?? ''].join(c).replace(new RegExp(`\\${c}+$`), '') : '';
  if (!isVersionAtLeast(version, 2, 5)) {
    const eld = [loc?.segment ?? '', loc?.sequence ?? '', loc?.field ?? '', [error.hl7ErrorCode, escapeHl7(label, ctx), 'HL70357'].join(s)].join(c);
    return ['ERR', eld].join(f);
  }
  const code = [error.hl7ErrorCode, escapeHl7(label, ctx), 'HL70357'].join(c);
  return ['ERR', '', location, code, 'E', '', '', '', escapeHl7(error.text, ctx)].join(f);
}

/** An `ACK^<event>^ACK` message (segments joined with CR) answering `header`, in the sender's version and delimiters. */
export function buildAck(header: MessageHeader, code: AckCode, options: AckOptions): string {
  const ctx = contextOf(header);
  const f = ctx.fieldSeparator;
  const enhanced = header.acceptAck !== undefined || header.applicationAck !== undefined;
  const msh = [
    'MSH',
    header.encodingChars,
    options.receivingApplication !== undefined ? escapeHl7(options.receivingApplication, ctx) : (header.receivingApplication ?? ''),
    header.receivingFacility ?? '',
    header.sendingApplication,
    header.sendingFacility ?? '',
    formatHl7Time(options.now),
    '',
    header.triggerEvent ? ['ACK', header.triggerEvent, 'ACK'].join(ctx.componentSeparator) : 'ACK',
    escapeHl7(options.controlId, ctx),
    header.processingId ?? 'P',
    header.version,
    '',
    '',
    enhanced ? 'NE' : '',
    enhanced ? 'NE' : '',
    '',
    ackCharset(header.charset),
  ];
  const segments = [trimFields(msh, f), ['MSA', code, escapeHl7(header.controlId, ctx)].join(f)];
  if (options.error) segments.push(errSegment(options.error, header.version, ctx));
  return segments.join('\r');
}

/** An AR (error 100) for text that could not be parsed; MSH-10, MSH-3/4 and the version are salvaged when the first line allows. */
export function buildRejectWithoutHeader(text: string, now: Date, controlId = `K${now.getTime()}`): string {
  const firstLine = text.replace(/^[\s\uFEFF\x0b]+/, '').split(/\r\n|\n|\r/)[0] ?? '';
  const sep = firstLine.startsWith('MSH') && firstLine.length > 3 && !/[A-Za-z0-9\s]/.test(firstLine.charAt(3)) ? firstLine.charAt(3) : undefined;
  const parts = sep ? firstLine.split(sep) : [];
  const safe = (i: number): string => (parts[i] ?? '').replace(/[\r\n|^~\\&]/g, '');
  const version = /^\d+\.\d+(\.\d+)?$/.test(safe(11)) ? safe(11) : '2.6';
  const header: MessageHeader = {
    sender: safe(2),
    sendingApplication: safe(2),
    ...(safe(3) ? { sendingFacility: safe(3) } : {}),
    ...(safe(4) ? { receivingApplication: safe(4) } : {}),
    ...(safe(5) ? { receivingFacility: safe(5) } : {}),
    controlId: safe(9),
    messageType: '',
    triggerEvent: '',
    version,
    fieldSeparator: '|',
    encodingChars: '^~\\&',
  };
  return buildAck(header, 'AR', {
    controlId,
    now,
    error: { ackCode: 'AR', hl7ErrorCode: '100', text: 'Message could not be parsed as HL7 v2 (MSH segment missing or malformed)' },
  });
}

const trimFields = (fields: string[], sep: string): string => {
  let end = fields.length;
  while (end > 2 && fields[end - 1] === '') end -= 1;
  return fields.slice(0, end).join(sep);
};
