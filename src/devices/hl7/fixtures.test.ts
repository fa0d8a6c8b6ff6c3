// Every example message in /work/shared/standards/hl7v2-devices/*.hl7 (IHE PCD-01/03/04, Continua WAN, vendor samples) with its expected outcome.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, test } from 'node:test';
import { ackCodeFor, ackPlan, buildAck, outcomeOf } from './ack.ts';
import { decodePayload } from './mllp-decoder.ts';
import { interpretDeviceMessage } from './pcd-message.ts';
import type { DeviceAlarm, DeviceReading, InterpretResult } from './pcd-types.ts';

const FOLDER = new URL('../../../../shared/standards/hl7v2-devices/', import.meta.url);
const TZ = 'Europe/Copenhagen';

type Ok = Extract<InterpretResult, { ok: true }>;
type Rejected = Extract<InterpretResult, { ok: false }>;

function load(name: string, receivedAt: string): InterpretResult {
  const bytes = readFileSync(new URL(name, FOLDER));
  return interpretDeviceMessage(decodePayload(bytes), { senderTimeZone: TZ, receivedAt: new Date(receivedAt) });
}
function accepted(name: string, receivedAt: string): Ok {
  const result = load(name, receivedAt);
  assert.ok(result.ok, `${name} should be accepted, got ${result.ok ? '' : JSON.stringify(result.error)}`);
  return result;
}
function rejected(name: string): Rejected {
  const result = load(name, '2026-01-24T05:16:00Z');
  assert.equal(result.ok, false, `${name} should be rejected`);
  return result as Rejected;
}
/** The MSA-1 codes Kerne would send, in order (standard preference). */
function ackCodes(result: InterpretResult): string[] {
  assert.ok(result.header, 'a header to answer');
  const error = result.ok ? undefined : result.error;
  const plan = ackPlan(result.header, 'standard', outcomeOf(error));
  const codes = [...(plan.commit ? [ackCodeFor('commit', outcomeOf(error))] : []), ...(plan.application ? [ackCodeFor('application', outcomeOf(error))] : [])];
  return codes.map((code) => {
    const ack = buildAck(result.header as NonNullable<typeof result.header>, code, { controlId: 'K', now: new Date('2026-01-24T05:16:00Z'), ...(error ? { error } : {}) });
    return (ack.split('\r')[1] ?? '').split('|').slice(1, 3).join('|');
  });
}
const byConcept = (readings: readonly DeviceReading[]): Record<string, [number, string, string | undefined]> =>
  Object.fromEntries(readings.filter((r) => r.concept).map((r) => [r.concept, [r.value, r.unit, r.loinc]]));
const charted = (readings: readonly DeviceReading[]): DeviceReading[] => readings.filter((r) => !r.problem);

/** One check per fixture file; the test below fails when a file has none. */
const EXPECTATIONS: Record<string, () => void> = {
  'ipf-pcd01-nibp-request.hl7': () => {
    const r = accepted('ipf-pcd01-nibp-request.hl7', '2009-08-13T04:58:00Z');
    assert.equal(r.kind, 'observations', 'PCD-01');
    assert.deepEqual(
      byConcept(r.readings),
      { systolic: [120, 'mm[Hg]', '8480-6'], diastolic: [80, 'mm[Hg]', '8462-4'], meanPressure: [100, 'mm[Hg]', '8478-0'] },
      'NIBP systolic/diastolic/mean',
    );
    assert.equal(charted(r.readings).length, 3, 'all three charted');
    for (const reading of r.readings) {
      assert.equal(reading.deviceId, '0123456789ABCDEF', `${reading.path}: device from the MDS row's OBX-18`);
      assert.equal(reading.observedAt, '2009-08-13T04:57:15.000Z', `${reading.path}: +0500 applied`);
      assert.equal(reading.code.system, 'urn:iso:std:iso:11073:10101', `${reading.path}: original MDC code kept`);
    }
    assert.deepEqual(r.readings.map((x) => x.code.code), ['150021', '150022', '150023'], 'MDC_PRESS_BLD_NONINV_*');
    assert.deepEqual(r.devices.map((d) => d.path), ['1', '1.0.1'], 'MDS and channel rows are devices');
    assert.equal(r.header.sender, 'ACDE48234567ABCD', 'sender EUI-64');
    assert.deepEqual(r.patient.identifiers, [{ value: '789567', assigner: 'Imaginary Hospital', type: 'PI' }], 'PID-3');
    assert.deepEqual(ackCodes(r), ['AA|MSGID1234'], 'NE/AL → one AA');
  },

  'ipf-pcd01-gateway-multiparam.hl7': () => {
    const r = accepted('ipf-pcd01-gateway-multiparam.hl7', '2008-12-11T13:46:00Z');
    assert.equal(r.header.charset, '8859/1', 'MSH-18');
    assert.equal(r.header.sender, '080019FFFF4F6AC0', 'gateway EUI-64');
    const heart = r.readings.filter((x) => x.concept === 'heartRate');
    assert.deepEqual(heart.map((x) => x.code.code), ['147842', '149522'], 'ECG heart rate and invasive pulse rate');
    for (const x of heart) {
      assert.deepEqual([x.value, x.unit, x.loinc, x.npu], [60, '/min', '8867-4', 'NPU21692'], `${x.code.code}: 60 /min, LOINC 8867-4`);
      assert.equal(x.problem, undefined, `${x.code.code} charted`);
    }
    for (const x of r.readings) {
      assert.equal(x.observedAt, '2008-12-11T13:45:00.000Z', `${x.path}: OBR-7 read in Europe/Copenhagen (CET)`);
      assert.equal(x.timeSource, 'OBR-7', `${x.path}: time from OBR-7`);
      assert.deepEqual(x.timeFlags, ['no-offset'], `${x.path}: no-offset flagged`);
      assert.equal(x.deviceId, '080019FFFF4F6AC0', `${x.path}: device from OBR-3`);
    }
    const unmapped = r.readings.filter((x) => x.problem?.code === 'unmapped');
    assert.deepEqual(unmapped.map((x) => x.code.code), ['148065', '150035', '150033', '150034', '150047', '150045', '150046'], 'VPC count, arterial and PA pressures kept aside');
    assert.ok(unmapped.every((x) => x.unit === '/min' || x.unit === 'mm[Hg]'), 'UCUM units from OBX-6');
    assert.deepEqual(r.location, { unit: '3 WEST ICU', room: '3001', bed: '1' }, 'PV1-3');
    assert.equal(r.patient.unknown, false, 'known patient');
    assert.equal(r.patient.name, 'ALBERT BROOKS', 'PID-5');
    assert.equal(r.header.messageTime, '2008-12-11T13:45:00.000Z', 'MSH-7 without offset');
    assert.deepEqual(ackCodes(r), ['AA|12d15a9:11df9e61347:-7fee:30456965'], 'NE/AL → AA');
  },

  'ipf-pcd01-ack-AA.hl7': () => {
    const r = rejected('ipf-pcd01-ack-AA.hl7');
    assert.deepEqual([r.error.ackCode, r.error.hl7ErrorCode], ['AR', '200'], 'an ACK is not a device message');
    assert.match(r.error.text, /^Unsupported message type ACK\^R01;/, 'names the type');
  },

  'ipf-pcd01-ack-wrong-version.hl7': () => {
    const r = rejected('ipf-pcd01-ack-wrong-version.hl7');
    assert.deepEqual([r.error.ackCode, r.error.hl7ErrorCode], ['AR', '200'], 'the type is checked before the version');
    assert.equal(r.header?.version, '2.5', 'version read');
    assert.deepEqual(ackCodes(r), ['AR|AMSGID1234'], 'original mode → AR');
  },

  'ipf-continua-wan-bp.hl7': () => {
    const r = accepted('ipf-continua-wan-bp.hl7', '2009-08-13T09:58:00Z');
    assert.deepEqual(
      byConcept(r.readings),
      { systolic: [120, 'mm[Hg]', '8480-6'], diastolic: [80, 'mm[Hg]', '8462-4'], meanPressure: [100, 'mm[Hg]', '8478-0'] },
      'compound NIBP',
    );
    assert.equal(charted(r.readings).length, 3, 'all charted');
    for (const x of r.readings) {
      assert.equal(x.observedAt, '2009-08-13T09:57:15.000Z', `${x.path}: channel OBX-14`);
      assert.ok(x.timeFlags.includes('device-time-unsynchronised'), `${x.path}: MDC_TIME_SYNC_NONE noted`);
    }
    assert.deepEqual(r.skipped.map((s) => s.path), ['0.0.0.1', '1.0.0.1'], 'time-sync and MDC_ATTR_TIME_ABS rows skipped');
    assert.ok(r.skipped.every((s) => s.reason.startsWith('time-sync')), 'time-sync reason');
  },

  'ipf-continua-wan-thermometer.hl7': () => {
    const r = accepted('ipf-continua-wan-thermometer.hl7', '2009-07-15T07:08:00Z');
    assert.equal(r.readings.length, 1, 'one reading');
    const t = r.readings[0] as DeviceReading;
    assert.deepEqual([t.concept, t.value, t.unit, t.loinc, t.npu], ['temperature', 37, 'Cel', '8310-5', 'NPU08676'], '98.6 °F → 37.0 °C');
    assert.deepEqual(t.original, { value: '98.6', unit: '266560^MDC_DIM_FAHR^MDC' }, 'raw °F kept');
    assert.equal(t.code.code, '188424', 'MDC_TEMP_ORAL kept');
    assert.equal(t.problem, undefined, 'charted');
    assert.equal(t.observedAt, '2009-07-15T07:07:07.000Z', 'OBX-14');
  },

  'ipf-continua-wan-scale.hl7': () => {
    const r = accepted('ipf-continua-wan-scale.hl7', '2009-08-15T07:08:00Z');
    assert.deepEqual(
      r.readings.map((x) => [x.path, x.code.code, x.value, x.unit]),
      [
        ['1.0.0.2', '188736', 80, 'kg'],
        ['1.0.0.3', '188740', 180, 'cm'],
        ['1.0.0.4', '188752', 24.7, 'kg/m2'],
        ['2.0.0.2', '188736', 80, 'kg'],
        ['2.0.0.3', '188740', 180, 'cm'],
        ['2.0.0.4', '188752', 24.7, 'kg/m2'],
      ],
      'both OBR groups read',
    );
    assert.ok(r.readings.every((x) => x.problem?.code === 'unmapped'), 'weight, height, BMI are not in the vital table: kept aside');
    assert.deepEqual(r.devices.map((d) => d.path), ['1', '2'], 'one scale MDS per group');
    assert.equal(r.skipped.length, 4, 'two time-sync rows per group');
  },

  'ipf-continua-wan-glucose-invalid.hl7': () => {
    const r = rejected('ipf-continua-wan-glucose-invalid.hl7');
    assert.deepEqual([r.error.ackCode, r.error.hl7ErrorCode], ['AR', '102'], 'data type error');
    assert.deepEqual(r.error.location, { segment: 'OBX', sequence: 8, field: 2 }, 'the first OBX with an empty OBX-2 and a value');
    assert.deepEqual(ackCodes(r), ['AR|MSGID1234'], 'NE/AL → application AR');
  },

  'bbraun-pcd04-syringe-holder-open-1-start.hl7': () => {
    const r = accepted('bbraun-pcd04-syringe-holder-open-1-start.hl7', '2022-05-11T15:24:06Z');
    assert.equal(r.kind, 'alarms', 'PCD-04');
    assert.deepEqual(r.readings, [], 'alarms are never vitals');
    assert.equal(r.alarms.length, 1, 'one alarm');
    const a = r.alarms[0] as DeviceAlarm;
    assert.equal(a.eventId, '2449_638d1301-d13e-11ec-846b-c0ee400d168f_11_0', 'root event = OBR-3 (no parent)');
    assert.equal(a.updateId, a.eventId, 'the first update is the event');
    assert.deepEqual([a.code.code, a.kind?.code], ['197218', '196616'], 'barrel capture fault, an MDC_EVT_ALARM');
    assert.deepEqual([a.phase, a.state, a.inactivationState, a.priority, a.alertType, a.text], ['start', 'active', 'enabled', 'PH', 'ST', 'Syringe Holder Open'], 'PCD-04 attributes');
    assert.equal(a.deviceId, '0012210000000000', 'pump MDS OBX-18');
    assert.equal(a.observedAt, '2022-05-11T15:24:02.000Z', 'event OBX-14');
    assert.equal(r.patient.unknown, true, "'Unknown Patient'");
    assert.deepEqual(r.patient.identifiers, [], 'no identifiers');
    assert.equal(r.header.sender, '0012211839000001', 'sender EUI-64');
    assert.deepEqual(ackCodes(r), ['CA|6378787944520857841'], 'AL/NE → CA');
  },

  'bbraun-pcd04-syringe-holder-open-3-minimized.hl7': () => {
    const start = accepted('bbraun-pcd04-syringe-holder-open-1-start.hl7', '2022-05-11T15:24:06Z');
    const r = accepted('bbraun-pcd04-syringe-holder-open-3-minimized.hl7', '2022-05-11T15:24:36Z');
    assert.deepEqual(r.readings, [], 'no readings');
    const a = r.alarms[0] as DeviceAlarm;
    const first = start.alarms[0] as DeviceAlarm;
    assert.equal(a.eventId, '2449_638d1301-d13e-11ec-846b-c0ee400d168f_11_0', 'eventId from the OBR-29 parent');
    assert.equal(a.updateId, '2449_638d1301-d13e-11ec-846b-c0ee400d168f_11_1', 'updateId from OBR-3');
    assert.deepEqual([a.phase, a.state, a.inactivationState], ['update', 'active', 'audio-paused'], 'audio paused update');
    assert.equal(r.patient.unknown, true, 'unknown patient');
    assert.equal(a.eventId, first.eventId, 'same alert event as the start message');
    assert.notEqual(a.updateId, first.updateId, 'but a different update');
    assert.notEqual(a.key, first.key, 'different alarm keys');
    assert.notEqual(r.header.controlId, start.header.controlId, 'different MSH-10');
    assert.notEqual(a.observedAt, first.observedAt, 'different times');
  },

  'bbraun-pcd03-rgv-o15-infusion-order.hl7': () => {
    const r = rejected('bbraun-pcd03-rgv-o15-infusion-order.hl7');
    assert.deepEqual([r.error.ackCode, r.error.hl7ErrorCode], ['AR', '200'], 'PCD-03 is not accepted');
    assert.equal(r.error.text, 'Unsupported message type RGV^O15; Kerne accepts ORU^R01 (PCD-01) and ORU^R40 (PCD-04)', 'text');
    assert.deepEqual(ackCodes(r), ['CR|6380549765111509821', 'AR|6380549765111509821'], 'AL/AL → CR and AR');
  },

  'mindray-pcd01-waveform-ecg-pleth.hl7': () => {
    const r = accepted('mindray-pcd01-waveform-ecg-pleth.hl7', '2026-01-24T05:15:41Z');
    assert.equal(r.header.messageTime, '2026-01-24T05:15:40.000Z', 'MSH-7 with 3 digits of ms and +0800');
    assert.equal(r.header.sender, '00A037000000', 'Mindray OUI');
    assert.deepEqual(charted(r.readings), [], 'no charted reading');
    assert.deepEqual(r.readings.map((x) => [x.path, x.problem?.code]), [['1.7.6.131329.3', 'sentinel'], ['1.3.1.150452.3', 'sentinel']], 'INOP 32767 rows kept aside');
    assert.deepEqual(
      r.skipped.map((s) => s.path),
      ['1.7.6.131329', '1.7.6.131329.1', '1.7.6.131329.2', '1.3.1.150452', '1.3.1.150452.1', '1.3.1.150452.2'],
      'waveforms and their sample-rate/resolution rows skipped',
    );
    assert.match(r.skipped[0]?.reason ?? '', /waveform \(NA array/, 'waveform reason');
    for (const x of r.readings) {
      assert.equal(x.deviceId, '00A037000000', `${x.path}: device from the waveform row's OBX-18`);
      assert.equal(x.observedAt, '2026-01-24T05:15:39.000Z', `${x.path}: OBR-7`);
    }
    assert.deepEqual(r.location, { unit: 'HDU', room: '507', bed: '3' }, 'PV1-3');
    assert.equal(r.patient.unknown, true, 'no patient id');
    assert.deepEqual(ackCodes(r), ['CA|1227'], 'AL/NE → CA');
  },
};

describe('HL7 v2 device fixtures', () => {
  const present = existsSync(fileURLToPath(FOLDER));

  test('every fixture file has an expectation', (t) => {
    if (!present) return t.skip(`fixture folder ${fileURLToPath(FOLDER)} is absent`);
    const files = readdirSync(FOLDER).filter((f) => f.endsWith('.hl7')).sort();
    assert.deepEqual(files, Object.keys(EXPECTATIONS).sort(), 'fixture files and expectations match one to one');
  });

  for (const [name, check] of Object.entries(EXPECTATIONS)) {
    test(name, (t) => {
      if (!present) return t.skip(`fixture folder ${fileURLToPath(FOLDER)} is absent`);
      check();
    });
  }

  test('the fixtures as LF, CRLF and CR give the same results', (t) => {
    if (!present) return t.skip(`fixture folder ${fileURLToPath(FOLDER)} is absent`);
    for (const name of Object.keys(EXPECTATIONS)) {
      const text = decodePayload(readFileSync(new URL(name, FOLDER)));
      const results = ['\r', '\n', '\r\n'].map((eol) =>
        interpretDeviceMessage(text.split(/\r\n|\n|\r/).join(eol), { senderTimeZone: TZ, receivedAt: new Date('2026-01-24T05:16:00Z') }),
      );
      assert.deepEqual(results[1], results[0], `${name}: LF = CR`);
      assert.deepEqual(results[2], results[0], `${name}: CRLF = CR`);
    }
  });
});
