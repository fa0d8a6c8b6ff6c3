// HL7 v2 error values for rejected or failed messages: codes from HL7 table 0357 (message error condition codes).
export const HL7_ERROR_CODES = {
  '100': 'Segment sequence error',
  '101': 'Required field missing',
  '102': 'Data type error',
  '103': 'Table value not found',
  '200': 'Unsupported message type',
  '201': 'Unsupported event code',
  '202': 'Unsupported processing id',
  '203': 'Unsupported version id',
  '204': 'Unknown key identifier',
  '205': 'Duplicate key identifier',
  '206': 'Application record locked',
  '207': 'Application internal error',
} as const;
export type Hl7ErrorCode = keyof typeof HL7_ERROR_CODES;

export interface Hl7ErrorLocation {
  readonly segment: string;
  /** Occurrence of the segment in the message, 1-based (the 8th OBX is 8). */
  readonly sequence?: number;
  readonly field?: number;
}

export interface Hl7Error {
  /** AR: do not resend unchanged. AE: processing failed, the sender may retry. */
  readonly ackCode: 'AR' | 'AE';
  readonly hl7ErrorCode: Hl7ErrorCode;
  readonly text: string;
  readonly location?: Hl7ErrorLocation;
}

/** A rejection (AR) with a table-0357 code. */
export function rejectWith(hl7ErrorCode: Hl7ErrorCode, text: string, location?: Hl7ErrorLocation): Hl7Error {
  return { ackCode: 'AR', hl7ErrorCode, text, ...(location ? { location } : {}) };
}

/** A processing error (AE), e.g. storage failed after the message was understood; the sender may retry. */
export function processingError(text: string, hl7ErrorCode: Hl7ErrorCode = '207'): Hl7Error {
  return { ackCode: 'AE', hl7ErrorCode, text };
}
