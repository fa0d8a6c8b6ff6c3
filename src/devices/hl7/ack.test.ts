// Tests for ACK planning under MSH-15/16 (HL7 table 0155) and ACK building (MSA, ERR with table 0357, swapped applications).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { Hl7Message } from '@medplum/core';
import { ackCodeFor, ackPlan, buildAck, buildRejectWithoutHeader, outcomeOf, type AckOutcome } from './ack.ts';
import { rejectWith } from './hl7-error.ts';
import type { AckMode, MessageHeader } from './message-header.ts';
import { interpretDeviceMessage } from './pcd-message.ts';

const NOW = new Date('2026-01-24T05:16:00.000Z');
const OUTCOMES: readonly AckOutcome[] = ['accepted', 'error', 'rejected'];

/** Whether a field value asks for an ACK, per outcome [accepted, error, rejected] (table 0155; empty = NE in enhanced mode). */
const ASKS: Record<string, readonly [boolean, boolean, boolean]> = {
  '': [false, false, false],
  AL: [true, true, true],
  NE: [false, false, false],
  ER: [false, true, true],
  SU: [true, false, false],
};

const headerWith = (acceptAck: string, applicationAck: string): Pick<MessageHeader, 'acceptAck' | 'applicationAck'> => ({
  ...(acceptAck ? { acceptAck: acceptAck as AckMode } : {}),
  ...(applicationAck ? { applicationAck: applicationAck as AckMode } : {}),
});

describe('ackPlan: every cell of MSH-15 × MSH-16 × outcome', () => {
  for (const accept of Object.keys(ASKS)) {
    for (const application of Object.keys(ASKS)) {
      test(`MSH-15 '${accept}' × MSH-16 '${application}'`, () => {
        OUTCOMES.forEach((outcome, i) => {
          const header = headerWith(accept, application);
          const standard = ackPlan(header, 'standard', outcome);
          const appOnly = ackPlan(header, 'application-only', outcome);
          if (accept === '' && application === '') {
            assert.deepEqual(standard, { mode: 'original', commit: false, application: true }, `original mode, ${outcome}`);
            assert.deepEqual(appOnly, { mode: 'original', commit: false, application: true }, `original mode (application-only), ${outcome}`);
            return;
          }
          const commit = ASKS[accept]?.[i] ?? false;
          const app = ASKS[application]?.[i] ?? false;
          assert.deepEqual(standard, { mode: 'enhanced', commit, application: app }, `standard, ${outcome}`);
          assert.deepEqual(appOnly, { mode: 'enhanced', commit: false, application: commit || app }, `application-only, ${outcome}`);
        });
      });
    }
  }

  test('the named cases from devices.md §3', () => {
    assert.deepEqual(ackPlan(headerWith('NE', 'NE'), 'standard'), { mode: 'enhanced', commit: false, application: false }, 'NE/NE: nothing');
    assert.deepEqual(ackPlan(headerWith('AL', 'NE'), 'standard'), { mode: 'enhanced', commit: true, application: false }, 'AL/NE: accept ACK only (Mindray, B. Braun)');
    assert.deepEqual(ackPlan(headerWith('NE', 'AL'), 'standard'), { mode: 'enhanced', commit: false, application: true }, 'NE/AL: application ACK only (IHE 2009)');
    assert.deepEqual(ackPlan(headerWith('AL', 'AL'), 'standard'), { mode: 'enhanced', commit: true, application: true }, 'AL/AL: both');
    assert.deepEqual(ackPlan(headerWith('AL', 'NE'), 'application-only'), { mode: 'enhanced', commit: false, application: true }, 'aaMode: AA instead of CA');
    assert.deepEqual(ackPlan(headerWith('AL', 'AL'), 'application-only'), { mode: 'enhanced', commit: false, application: true }, 'aaMode never sends two');
  });
});

describe('ackCodeFor and outcomeOf', () => {
  test('codes', () => {
    assert.deepEqual(OUTCOMES.map((o) => ackCodeFor('commit', o)), ['CA', 'CE', 'CR'], 'commit codes');
    assert.deepEqual(OUTCOMES.map((o) => ackCodeFor('application', o)), ['AA', 'AE', 'AR'], 'application codes');
  });
  test('outcomes', () => {
    assert.equal(outcomeOf(undefined), 'accepted', 'no error');
    assert.equal(outcomeOf(rejectWith('200', 'x')), 'rejected', 'AR');
    assert.equal(outcomeOf({ ackCode: 'AE', hl7ErrorCode: '207', text: 'db down' }), 'error', 'AE');
  });
});

const ORU = [
  'MSH|^~\\&|AcmeInc^ACDE48234567ABCD^EUI-64|WARD|KERNE|RH|20260124061500+0100||ORU^R01^ORU_R01|MSG-1|P|2.6|||AL|NE||UNICODE UTF-8',
  'PID|||123^^^RH^PI',
  'OBR|1|||182777000^monitoring of patient^SNOMED-CT|||20260124061500+0100',
  'OBX|1|NM|150456^MDC_PULS_OXIM_SAT_O2^MDC|1.0.1.1|97|262688^MDC_DIM_PERCENT^MDC|||||R',
].join('\r');

function headerOf(text: string): MessageHeader {
  const result = interpretDeviceMessage(text, { senderTimeZone: 'Europe/Copenhagen', receivedAt: NOW });
  assert.ok(result.header, 'the message has a header');
  return result.header;
}

describe('buildAck', () => {
  test('CA for a PCD-01 message: swapped applications, version, MSA-2 = inbound MSH-10', () => {
    const ack = buildAck(headerOf(ORU), 'CA', { controlId: 'K1', now: NOW });
    const segments = ack.split('\r');
    assert.equal(segments.length, 2, 'MSH and MSA, no ERR');
    assert.equal(segments[0], 'MSH|^~\\&|KERNE|RH|AcmeInc^ACDE48234567ABCD^EUI-64|WARD|20260124051600+0000||ACK^R01^ACK|K1|P|2.6|||NE|NE||UNICODE UTF-8', 'MSH');
    assert.equal(segments[1], 'MSA|CA|MSG-1', 'MSA');
    const parsed = Hl7Message.parse(ack);
    assert.equal(parsed.getSegment('MSA')?.getField(2).toString(), 'MSG-1', 'medplum reads MSA-2 back');
  });

  test('receivingApplication overrides MSH-3 of the ACK', () => {
    const ack = buildAck(headerOf(ORU), 'AA', { controlId: 'K2', now: NOW, receivingApplication: 'Kerne^Device^Inbox' });
    assert.ok(ack.startsWith('MSH|^~\\&|Kerne\\S\\Device\\S\\Inbox|RH|AcmeInc'), 'escaped as one component');
  });

  test('ACK^R40 for a PCD-04 message', () => {
    const r40 = ORU.replace('ORU^R01^ORU_R01', 'ORU^R40^ORU_R40');
    assert.match(buildAck(headerOf(r40), 'CA', { controlId: 'K3', now: NOW }), /\|ACK\^R40\^ACK\|K3\|/, 'ACK^R40^ACK');
  });

  test('ERR for a rejection: location, table-0357 code and text, severity, user message', () => {
    const invalid = `${ORU}\rOBX|2||8417844^MDC_CTXT_GLU_SAMPLELOCATION^MDC|1.0.0.6|8417848^FINGER^MDC||||||R`;
    const result = interpretDeviceMessage(invalid, { senderTimeZone: 'UTC', receivedAt: NOW });
    assert.equal(result.ok, false, 'rejected');
    if (result.ok || !result.header) return;
    const ack = buildAck(result.header, ackCodeFor('commit', outcomeOf(result.error)), { controlId: 'K4', now: NOW, error: result.error });
    const [, msa, err] = ack.split('\r');
    assert.equal(msa, 'MSA|CR|MSG-1', 'commit reject');
    assert.ok(err, 'an ERR segment');
    const fields = (err ?? '').split('|');
    assert.equal(fields[0], 'ERR', 'segment name');
    assert.equal(fields[1], '', 'ERR-1 unused in v2.5+');
    assert.equal(fields[2], 'OBX^2^2', 'ERR-2 location SEG^seq^field');
    assert.equal(fields[3], '102^Data type error^HL70357', 'ERR-3 table 0357');
    assert.equal(fields[4], 'E', 'ERR-4 severity');
    assert.match(fields[8] ?? '', /OBX-2 \(value type\) is empty in OBX 2/, 'ERR-8 user message');
  });

  test('error text with delimiters is escaped', () => {
    const ack = buildAck(headerOf(ORU), 'AE', { controlId: 'K5', now: NOW, error: { ackCode: 'AE', hl7ErrorCode: '207', text: 'a|b^c~d\\e&f\rg' } });
    const err = ack.split('\r')[2] ?? '';
    assert.equal(err.split('|')[8], 'a\\F\\b\\S\\c\\R\\d\\E\\e\\T\\f g', 'escaped, CR replaced');
    assert.equal(err.split('|')[2], '', 'no location');
  });

  test('original mode: no MSH-15/16 in the ACK; an unsupported type keeps its event', () => {
    const rgv = ORU.replace('ORU^R01^ORU_R01', 'RGV^O15^RGV_O15').replace('|||AL|NE||', '|||||');
    const result = interpretDeviceMessage(rgv, { senderTimeZone: 'UTC', receivedAt: NOW });
    assert.equal(result.ok, false, 'rejected');
    if (result.ok || !result.header) return;
    const plan = ackPlan(result.header, 'standard', outcomeOf(result.error));
    assert.deepEqual(plan, { mode: 'original', commit: false, application: true }, 'one application ACK');
    const ack = buildAck(result.header, 'AR', { controlId: 'K6', now: NOW, error: result.error });
    const msh = (ack.split('\r')[0] ?? '').split('|');
    assert.equal(msh[8], 'ACK^O15^ACK', 'MSH-9');
    assert.equal(msh[14], undefined, 'MSH-15 empty (trailing fields trimmed)');
    assert.ok(ack.includes('\rERR||MSH^1^9|200^Unsupported message type^HL70357|E||||Unsupported message type RGV\\S\\O15'), 'ERR 200 with escaped type');
  });

  test('a v2.3 sender gets ERR-1 (ELD) and its own version', () => {
    const old = ORU.replace('|P|2.6|', '|P|2.3.1|');
    const result = interpretDeviceMessage(old, { senderTimeZone: 'UTC', receivedAt: NOW });
    assert.equal(result.ok, false, 'rejected');
    if (result.ok || !result.header) return;
    assert.equal(result.error.hl7ErrorCode, '203', 'unsupported version');
    const ack = buildAck(result.header, 'CR', { controlId: 'K7', now: NOW, error: result.error });
    assert.match(ack.split('\r')[0] ?? '', /\|K7\|P\|2\.3\.1\|/, 'version echoed');
    assert.equal(ack.split('\r')[2], 'ERR|MSH^1^12^203&Unsupported version id&HL70357', 'ERR-1 ELD');
  });

  test('charset: 8859/1 is echoed, charsets encodePayload cannot write become UTF-8', () => {
    const latin = ORU.replace('UNICODE UTF-8', '8859/1');
    assert.match(buildAck(headerOf(latin), 'CA', { controlId: 'K8', now: NOW }).split('\r')[0] ?? '', /\|8859\/1$/, '8859/1 echoed');
    const polish = ORU.replace('UNICODE UTF-8', '8859/2');
    assert.match(buildAck(headerOf(polish), 'CA', { controlId: 'K9', now: NOW }).split('\r')[0] ?? '', /\|UNICODE UTF-8$/, '8859/2 answered in UTF-8');
  });
});

describe('buildRejectWithoutHeader', () => {
  test('garbage gets AR with error 100 and an empty MSA-2', () => {
    const ack = buildRejectWithoutHeader('this is not hl7', NOW, 'K10');
    const [msh, msa, err] = ack.split('\r');
    assert.equal(msh, 'MSH|^~\\&|||||20260124051600+0000||ACK|K10|P|2.6', 'minimal MSH');
    assert.equal(msa, 'MSA|AR|', 'MSA-2 unknown');
    assert.match(err ?? '', /^ERR\|\|\|100\^Segment sequence error\^HL70357\|E\|\|\|\|/, 'ERR 100');
  });
  test('a damaged message still yields its MSH-10, applications and version when the first line allows', () => {
    const ack = buildRejectWithoutHeader('\x0bMSH|^~\\&|DEV|WARD|KERNE||2026||ORU^R01|ABC-9|P|2.5.1', NOW, 'K11');
    const [msh, msa] = ack.split('\r');
    assert.equal(msh, 'MSH|^~\\&|KERNE||DEV|WARD|20260124051600+0000||ACK|K11|P|2.5.1', 'salvaged fields swapped');
    assert.equal(msa, 'MSA|AR|ABC-9', 'MSA-2 salvaged');
  });
  test('default control id derives from now', () => {
    assert.match(buildRejectWithoutHeader('', NOW), /\|ACK\|K1769231760000\|/, 'K + epoch ms');
  });
});
