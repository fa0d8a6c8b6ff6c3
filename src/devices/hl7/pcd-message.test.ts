// Tests for PCD-01/PCD-04 interpretation rules on small synthetic messages: rejections, problems, time, device ids, keys.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { interpretDeviceMessage, type InterpretOptions } from './pcd-message.ts';
import type { DeviceReading, InterpretResult } from './pcd-types.ts';

const RECEIVED = new Date('2026-01-24T05:16:00.000Z');
const OPTIONS: InterpretOptions = { senderTimeZone: 'Europe/Copenhagen', receivedAt: RECEIVED };

interface Parts {
  msh?: string;
  pid?: string;
  pv1?: string;
  obr?: string;
  obx?: string[];
}
const MSH = 'MSH|^~\\&|MON^00A037FFFE000001^EUI-64|ICU|||20260124061500+0100||ORU^R01^ORU_R01|C-1|P|2.6|||AL|NE||UNICODE UTF-8|||IHE_PCD_001^IHE PCD^1.3.6.1.4.1.19376.1.6.1.1.1^ISO';
const OBR = 'OBR|1|||182777000^monitoring of patient^SNOMED-CT|||20260124061500+0100';
const MDS = 'OBX|1||69798^MDC_DEV_MON_PHYSIO_MULTI_PARAM_MDS^MDC|1.0.0.0|||||||X|||||||00a037fffe000002^^00a037fffe000002^EUI-64';
const obx = (code: string, path: string, value: string, unit = '', extra: { flags?: string; status?: string; time?: string; method?: string; equipment?: string; type?: string } = {}): string =>
  ['OBX', '2', extra.type ?? 'NM', code, path, value, unit, '', extra.flags ?? '', '', '', extra.status ?? 'R', '', '', extra.time ?? '', '', '', extra.method ?? '', extra.equipment ?? ''].join('|');
const HR = '147842^MDC_ECG_HEART_RATE^MDC';
const BPM = '264864^MDC_DIM_BEAT_PER_MIN^MDC';

function message(parts: Parts = {}): string {
  return [parts.msh ?? MSH, parts.pid ?? 'PID|||0101701234^^^CPR^NNDNK||Jensen^Karen', parts.pv1 ?? 'PV1||I|ITA^12^2', parts.obr ?? OBR, ...(parts.obx ?? [MDS, obx(HR, '1.1.1.1', '72', BPM)])].join('\r');
}

function interpret(text: string, options: Partial<InterpretOptions> = {}): Extract<InterpretResult, { ok: true }> {
  const result = interpretDeviceMessage(text, { ...OPTIONS, ...options });
  assert.ok(result.ok, `expected success, got ${result.ok ? '' : JSON.stringify(result.error)}`);
  return result;
}
function reject(text: string): Extract<InterpretResult, { ok: false }> {
  const result = interpretDeviceMessage(text, OPTIONS);
  assert.equal(result.ok, false, 'expected a rejection');
  return result as Extract<InterpretResult, { ok: false }>;
}
function onlyReading(text: string, options: Partial<InterpretOptions> = {}): DeviceReading {
  const { readings } = interpret(text, options);
  assert.equal(readings.length, 1, 'exactly one reading');
  return readings[0] as DeviceReading;
}

describe('rejections', () => {
  test('unparseable text → AR 100 without header', () => {
    for (const text of ['', 'hello', 'PID|||1', 'MSH', 'MSHabcdefg|x']) {
      const r = reject(text);
      assert.equal(r.error.ackCode, 'AR', `'${text}' AR`);
      assert.equal(r.error.hl7ErrorCode, '100', `'${text}' code 100`);
      assert.equal(r.header, undefined, `'${text}' has no header`);
    }
  });

  test('missing MSH-10 → AR 101 at MSH-10, header kept for the ACK', () => {
    const r = reject(message({ msh: MSH.replace('|C-1|', '||') }));
    assert.equal(r.error.hl7ErrorCode, '101', 'required field missing');
    assert.deepEqual(r.error.location, { segment: 'MSH', sequence: 1, field: 10 }, 'location MSH-10');
    assert.equal(r.header?.messageType, 'ORU^R01', 'header available');
  });

  test('unsupported message types → AR 200 with the exact text', () => {
    for (const type of ['ADT^A01^ADT_A01', 'ORU^R30', 'ACK^R01^ACK', 'QBP^Q22']) {
      const r = reject(message({ msh: MSH.replace('ORU^R01^ORU_R01', type) }));
      const short = type.split('^').slice(0, 2).join('^');
      assert.equal(r.error.hl7ErrorCode, '200', `${type} code`);
      assert.equal(r.error.text, `Unsupported message type ${short}; Kerne accepts ORU^R01 (PCD-01) and ORU^R40 (PCD-04)`, `${type} text`);
    }
  });

  test('version before 2.5 → AR 203; 2.5, 2.5.1, 2.6, 2.8 accepted', () => {
    for (const v of ['2.3', '2.3.1', '2.4', 'x']) assert.equal(reject(message({ msh: MSH.replace('|P|2.6|', `|P|${v}|`) })).error.hl7ErrorCode, '203', `${v} rejected`);
    assert.equal(reject(message({ msh: MSH.replace('|P|2.6|', '|P||') })).error.hl7ErrorCode, '101', 'empty version is a missing field');
    for (const v of ['2.5', '2.5.1', '2.6', '2.8']) assert.equal(interpret(message({ msh: MSH.replace('|P|2.6|', `|P|${v}|`) })).ok, true, `${v} accepted`);
  });

  test('no OBX in an ORU^R01 → AR 101', () => {
    const r = reject(message({ obx: [] }));
    assert.equal(r.error.hl7ErrorCode, '101', 'required segment missing');
    assert.equal(r.error.location?.segment, 'OBX', 'names OBX');
  });

  test('OBX-5 valued with an empty OBX-2 → AR 102 naming that OBX and field 2', () => {
    const bad = 'OBX|3||8417844^MDC_CTXT_GLU_SAMPLELOCATION^MDC|1.0.0.6|8417848^MDC_CTXT_GLU_SAMPLELOCATION_FINGER^MDC||||||R';
    const r = reject(message({ obx: [MDS, obx(HR, '1.1.1.1', '72', BPM), bad] }));
    assert.equal(r.error.ackCode, 'AR', 'rejected');
    assert.equal(r.error.hl7ErrorCode, '102', 'data type error');
    assert.deepEqual(r.error.location, { segment: 'OBX', sequence: 3, field: 2 }, 'third OBX, field 2');
  });

  test('MSH-21 is not validated', () => {
    assert.equal(interpret(message({ msh: MSH.replace('IHE_PCD_001^IHE PCD^1.3.6.1.4.1.19376.1.6.1.1.1^ISO', 'WHATEVER^X^9.9^ISO') })).ok, true, 'odd profile accepted');
  });
});

describe('line endings', () => {
  test('CR, LF, CRLF and trailing blank lines give the same result', () => {
    const cr = interpret(message());
    for (const [name, eol] of [['LF', '\n'], ['CRLF', '\r\n']] as const) {
      const other = interpret(`${message().split('\r').join(eol)}${eol}${eol}`);
      assert.deepEqual(other, cr, `${name} equals CR`);
    }
  });
});

describe('header', () => {
  test('fields', () => {
    const { header } = interpret(message());
    assert.equal(header.sender, '00A037FFFE000001', 'EUI-64 from MSH-3');
    assert.equal(header.senderName, 'MON', 'MSH-3.1');
    assert.equal(header.sendingFacility, 'ICU', 'MSH-4');
    assert.equal(header.controlId, 'C-1', 'MSH-10');
    assert.equal(header.messageType, 'ORU^R01', 'MSH-9');
    assert.equal(header.version, '2.6', 'MSH-12');
    assert.equal(header.acceptAck, 'AL', 'MSH-15');
    assert.equal(header.applicationAck, 'NE', 'MSH-16');
    assert.equal(header.messageTime, '2026-01-24T05:15:00.000Z', 'MSH-7');
    assert.equal(header.charset, 'UNICODE UTF-8', 'MSH-18');
    assert.equal(header.fieldSeparator, '|', 'MSH-1');
    assert.equal(header.encodingChars, '^~\\&', 'MSH-2');
  });
  test('a sender without EUI-64 is MSH-3@MSH-4; empty ACK fields are undefined', () => {
    const { header } = interpret(message({ msh: MSH.replace('MON^00A037FFFE000001^EUI-64|ICU', 'Philips IntelliVue|ITA').replace('|AL|NE|', '|||') }));
    assert.equal(header.sender, 'Philips IntelliVue@ITA', 'text and facility');
    assert.equal(header.acceptAck, undefined, 'MSH-15 empty');
    assert.equal(header.applicationAck, undefined, 'MSH-16 empty');
    const noFacility = interpret(message({ msh: MSH.replace('MON^00A037FFFE000001^EUI-64|ICU', 'GW1|') }));
    assert.equal(noFacility.header.sender, 'GW1', 'no facility');
  });
});

describe('readings', () => {
  test('a mapped heart rate', () => {
    const r = onlyReading(message({ obx: [MDS, obx(HR, '1.1.1.1', '72', BPM, { flags: 'H', method: 'AMEAS' })] }));
    assert.equal(r.concept, 'heartRate', 'concept');
    assert.equal(r.loinc, '8867-4', 'LOINC');
    assert.equal(r.npu, 'NPU21692', 'NPU');
    assert.equal(r.value, 72, 'value');
    assert.equal(r.unit, '/min', 'unit');
    assert.deepEqual(r.original, { value: '72', unit: '264864^MDC_DIM_BEAT_PER_MIN^MDC' }, 'original');
    assert.deepEqual(r.code, { system: 'urn:iso:std:iso:11073:10101', code: '147842', display: 'MDC_ECG_HEART_RATE' }, 'original OBX-3');
    assert.deepEqual(r.abnormalFlags, ['H'], 'abnormal flag kept');
    assert.equal(r.problem, undefined, "'H' is not a problem");
    assert.equal(r.method, 'AMEAS', 'OBX-17');
    assert.equal(r.resultStatus, 'R', 'OBX-11');
    assert.equal(r.path, '1.1.1.1', 'OBX-4');
    assert.match(r.key, /^[0-9a-f]{64}$/, 'sha256 hex key');
  });

  for (const value of ['32767', '-999', '-100', '-99.9']) {
    test(`sentinel ${value}`, () => {
      const r = onlyReading(message({ obx: [obx('150456^MDC_PULS_OXIM_SAT_O2^MDC', '1.2.1.1', value, '262688^MDC_DIM_PERCENT^MDC')] }));
      assert.equal(r.problem?.code, 'sentinel', `${value} is a sentinel`);
      assert.equal(r.concept, 'spo2', 'still mapped, for the reviewer');
    });
  }

  test('MDC_EVT_INOP is a sentinel whatever its value', () => {
    assert.equal(onlyReading(message({ obx: [obx('196660^MDC_EVT_INOP^MDC', '1.2.1.1.3', '1')] })).problem?.code, 'sentinel', 'INOP');
  });

  for (const flag of ['NAV', 'OFF', '<', '>', 'QUES', 'EARLY']) {
    test(`OBX-8 ${flag} is a status flag`, () => {
      const r = onlyReading(message({ obx: [obx(HR, '1.1.1.1', '72', BPM, { flags: `H~${flag}` })] }));
      assert.equal(r.problem?.code, 'status-flag', `${flag}`);
      assert.deepEqual(r.abnormalFlags, ['H', flag], 'all repetitions kept');
    });
  }

  test('OBX-11 X on a measurement is a status flag', () => {
    assert.equal(onlyReading(message({ obx: [obx(HR, '1.1.1.1', '72', BPM, { status: 'X' })] })).problem?.code, 'status-flag', 'X');
  });

  test('implausible values, and configurable ranges', () => {
    const text = message({ obx: [obx(HR, '1.1.1.1', '320', BPM)] });
    const r = onlyReading(text);
    assert.equal(r.problem?.code, 'implausible', 'HR 320 outside 20–300');
    assert.equal(r.value, 320, 'value kept');
    assert.equal(onlyReading(text, { plausibility: { heartRate: { min: 20, max: 350 } } }).problem, undefined, 'neonatal range accepts it');
    assert.equal(onlyReading(message({ obx: [obx('188424^MDC_TEMP_ORAL^MDC', '1.3.1.1', '24.9', '268192^MDC_DIM_DEGC^MDC')] })).problem?.code, 'implausible', 'temperature 24.9');
  });

  test('unmapped numeric rows are readings kept aside', () => {
    const r = onlyReading(message({ obx: [obx('150035^MDC_PRESS_BLD_ART_MEAN^MDC', '1.3.1.1', '92', 'mm[Hg]^mm[Hg]^UCUM')] }));
    assert.equal(r.problem?.code, 'unmapped', 'unmapped');
    assert.equal(r.concept, undefined, 'no concept');
    assert.equal(r.unit, 'mm[Hg]', 'UCUM unit kept');
    assert.equal(r.value, 92, 'value');
  });

  test('a private code with a number that collides with the table is not mapped', () => {
    assert.equal(onlyReading(message({ obx: [obx('147842^SOMETHING^99MNDRY', '1.1.1.1', '72', BPM)] })).concept, undefined, 'only MDC codes map');
  });

  test('not-numeric NM', () => {
    const r = onlyReading(message({ obx: [obx(HR, '1.1.1.1', 'seventy', BPM)] }));
    assert.equal(r.problem?.code, 'not-numeric', 'problem');
    assert.ok(Number.isNaN(r.value), 'NaN value');
    assert.equal(r.original.value, 'seventy', 'text kept');
  });

  test('units: °F converted, missing or incompatible units kept aside', () => {
    const f = onlyReading(message({ obx: [obx('150364^MDC_TEMP_BODY^MDC', '1.3.1.1', '101.3', '266560^MDC_DIM_FAHR^MDC')] }));
    assert.deepEqual([f.value, f.unit, f.original.value], [38.5, 'Cel', '101.3'], '101.3 °F → 38.5 °C');
    assert.equal(onlyReading(message({ obx: [obx('150364^MDC_TEMP_BODY^MDC', '1.3.1.1', '37.2')] })).problem?.code, 'unmapped', 'no unit');
    assert.equal(onlyReading(message({ obx: [obx('150364^MDC_TEMP_BODY^MDC', '1.3.1.1', '37.2', '266016^MDC_DIM_MMHG^MDC')] })).problem?.code, 'unmapped', 'wrong unit');
    assert.equal(onlyReading(message({ obx: [obx('150456^MDC_PULS_OXIM_SAT_O2^MDC', '1.2.1.1', '97', '%^%^UCUM')] })).unit, '%', 'UCUM %');
  });

  test('non-numeric value types and waveforms are skipped with reasons', () => {
    const result = interpret(
      message({
        obx: [
          MDS,
          obx('184326^MDC_ECG_STAT_RHY^MDC', '1.1.1.2', 'Sinus Rhythm', '', { type: 'ST' }),
          obx('131329^MDC_ECG_ELEC_POTL_I^MDC', '1.1.2.1', '1^2^3', '', { type: 'NA' }),
          obx('0^MDC_ATTR_SAMP_RATE^MDC', '1.1.2.1.1', '500', '264640^MDC_DIM_HZ^MDC'),
          obx('67975^MDC_ATTR_TIME_ABS^MDC', '0.0.0.1', '20260124061500', '', { type: 'DTM' }),
        ],
      }),
    );
    assert.equal(result.readings.length, 0, 'nothing charted');
    assert.deepEqual(
      result.skipped.map((s) => s.path),
      ['1.1.1.2', '1.1.2.1', '1.1.2.1.1', '0.0.0.1'],
      'each row accounted for',
    );
    assert.match(result.skipped[1]?.reason ?? '', /waveform/, 'waveform reason');
    assert.match(result.skipped[3]?.reason ?? '', /time-sync/, 'time-sync reason');
    assert.deepEqual(result.devices, [{ id: '00A037FFFE000002', name: 'MDC_DEV_MON_PHYSIO_MULTI_PARAM_MDS', path: '1.0.0.0' }], 'the MDS row is a device');
  });
});

describe('observation time', () => {
  test('OBX-14 over OBR-7 over MSH-7', () => {
    const withObx = onlyReading(message({ obx: [obx(HR, '1.1.1.1', '72', BPM, { time: '20260124061000+0100' })] }));
    assert.deepEqual([withObx.observedAt, withObx.timeSource], ['2026-01-24T05:10:00.000Z', 'OBX-14'], 'OBX-14');
    const withObr = onlyReading(message());
    assert.deepEqual([withObr.observedAt, withObr.timeSource], ['2026-01-24T05:15:00.000Z', 'OBR-7'], 'OBR-7');
    const withMsh = onlyReading(message({ obr: 'OBR|1|||182777000^monitoring of patient^SNOMED-CT' }));
    assert.deepEqual([withMsh.observedAt, withMsh.timeSource], ['2026-01-24T05:15:00.000Z', 'MSH-7'], 'MSH-7');
  });

  test('OBX-14 on a parent device row applies to its metrics', () => {
    const channel = 'OBX|2||150020^MDC_PRESS_BLD_NONINV^MDC|1.0.1|||||||X|||20260124060500+0100';
    const { readings } = interpret(message({ obx: [MDS, channel, obx('150021^MDC_PRESS_BLD_NONINV_SYS^MDC', '1.0.1.1', '120', '266016^MDC_DIM_MMHG^MDC')] }));
    assert.equal(readings[0]?.observedAt, '2026-01-24T05:05:00.000Z', 'channel time');
    assert.deepEqual(readings[0]?.timeFlags, ['time-from-parent'], 'flagged as inherited');
  });

  test('no offset → sender zone, flagged; DST edges flagged', () => {
    const local = onlyReading(message({ obx: [obx(HR, '1.1.1.1', '72', BPM, { time: '20260124061000' })] }));
    assert.equal(local.observedAt, '2026-01-24T05:10:00.000Z', 'Copenhagen winter time');
    assert.deepEqual(local.timeFlags, ['no-offset'], 'no-offset flag');
    const gap = onlyReading(message({ obx: [obx(HR, '1.1.1.1', '72', BPM, { time: '20260329023000' })] }), { receivedAt: new Date('2026-03-29T01:31:00Z') });
    assert.deepEqual(gap.timeFlags, ['no-offset', 'dst-gap'], 'gap');
    const overlap = onlyReading(message({ obx: [obx(HR, '1.1.1.1', '72', BPM, { time: '20261025023000' })] }), { receivedAt: new Date('2026-10-25T01:31:00Z') });
    assert.deepEqual([overlap.observedAt, overlap.timeFlags], ['2026-10-25T00:30:00.000Z', ['no-offset', 'dst-overlap']], 'overlap, earlier instant');
  });

  test('future times are a problem, stale ones only a flag', () => {
    const future = onlyReading(message({ obx: [obx(HR, '1.1.1.1', '72', BPM, { time: '20260124062000+0100' })] }));
    assert.deepEqual(future.timeFlags, ['future'], 'future flag');
    assert.equal(future.problem?.code, 'bad-time', 'kept aside');
    const stale = onlyReading(message({ obx: [obx(HR, '1.1.1.1', '72', BPM, { time: '20260120061000+0100' })] }));
    assert.deepEqual(stale.timeFlags, ['stale'], 'stale flag');
    assert.equal(stale.problem, undefined, 'late data is accepted');
  });

  test('an unparseable OBX-14 falls back to OBR-7 and is a problem', () => {
    const r = onlyReading(message({ obx: [obx(HR, '1.1.1.1', '72', BPM, { time: '2026-01-24 06:10' })] }));
    assert.equal(r.timeSource, 'OBR-7', 'fallback');
    assert.deepEqual(r.timeFlags, ['unparseable-OBX-14'], 'flag');
    assert.equal(r.problem?.code, 'bad-time', 'problem');
  });
});

describe('device ids', () => {
  test('own OBX-18, then the nearest ancestor, then OBR-3, then the sender', () => {
    const own = obx(HR, '1.1.1.1', '72', BPM, { equipment: 'urn:uuid:5F1D3C9A-0000-4000-8000-00000000ABCD^^^' });
    const child = obx('150456^MDC_PULS_OXIM_SAT_O2^MDC', '1.2.1.1', '97', '262688^MDC_DIM_PERCENT^MDC');
    const { readings } = interpret(message({ obx: [MDS, own, child] }));
    assert.equal(readings[0]?.deviceId, '5f1d3c9a-0000-4000-8000-00000000abcd', 'a UUID, lower-case');
    assert.equal(readings[1]?.deviceId, '00A037FFFE000002', 'MDS EUI-64, upper-case');
    const fromObr = onlyReading(message({ obr: 'OBR|1||X1^GW^080019ffff4f6ac0^EUI-64|1^x^MDC|||20260124061500+0100', obx: [child] }));
    assert.equal(fromObr.deviceId, '080019FFFF4F6AC0', 'OBR-3 universal id');
    assert.equal(onlyReading(message({ obx: [child] })).deviceId, '00A037FFFE000001', 'header sender');
  });
});

describe('de-duplication keys', () => {
  test('stable across a re-send under a new MSH-10; different for a different value or time', () => {
    const first = onlyReading(message());
    const resend = onlyReading(message({ msh: MSH.replace('|C-1|', '|C-2|').replace('20260124061500+0100||', '20260124061600+0100||') }));
    assert.equal(resend.key, first.key, 'same reading, new MSH-10 and MSH-7');
    assert.notEqual(onlyReading(message({ obx: [MDS, obx(HR, '1.1.1.1', '73', BPM)] })).key, first.key, 'other value');
    assert.notEqual(onlyReading(message({ obx: [MDS, obx(HR, '1.1.1.1', '72', BPM, { time: '20260124061400+0100' })] })).key, first.key, 'other time');
  });
});

describe('patient and location', () => {
  test('identifiers, name and PV1-3', () => {
    const r = interpret(message());
    assert.deepEqual(r.patient, { identifiers: [{ value: '0101701234', assigner: 'CPR', type: 'NNDNK' }], name: 'Karen Jensen', unknown: false }, 'patient');
    assert.deepEqual(r.location, { unit: 'ITA', room: '12', bed: '2' }, 'location');
  });
  test('unknown patients', () => {
    assert.equal(interpret(message({ pid: 'PID|||Unknown Patient^Unknown Patient' })).patient.unknown, true, "'Unknown Patient'");
    assert.equal(interpret(message({ pid: 'PID|||^^^Hospital^PI' })).patient.unknown, true, 'empty id');
    assert.equal(interpret(message({ pid: `PID|||123^^^H^PI${'|'.repeat(28)}Y` })).patient.unknown, true, 'PID-31 Y');
    const noPid = interpret([MSH, OBR, obx(HR, '1.1.1.1', '72', BPM)].join('\r'));
    assert.deepEqual(noPid.patient, { identifiers: [], unknown: true }, 'no PID');
    assert.equal(noPid.location, undefined, 'no PV1');
  });
});

describe('PCD-04', () => {
  test('ORU^R40 yields alarms and never readings', () => {
    const r40 = message({
      msh: MSH.replace('ORU^R01^ORU_R01', 'ORU^R40^ORU_R40'),
      obr: 'OBR|1||EV-7^MON^00A037FFFE000001^EUI-64|196616^MDC_EVT_ALARM^MDC|||20260124061500+0100',
      obx: [
        MDS,
        'OBX|2|NM|150456^MDC_PULS_OXIM_SAT_O2^MDC|1.2.1.1.1|84|262688^MDC_DIM_PERCENT^MDC|||||F',
        'OBX|3|ST|68481^MDC_ATTR_EVENT_PHASE^MDC|1.2.1.1.2|start||||||F',
        'OBX|4|ST|68482^MDC_ATTR_ALARM_STATE^MDC|1.2.1.1.3|active||||||F',
        'OBX|5|ST|68484^MDC_ATTR_ALARM_PRIORITY^MDC|1.2.1.1.4|PM||||||F',
        'OBX|6|ST|68546^MDC_ATTR_ALERT_TEXT^MDC|1.2.1.1.5|SpO2 Low||||||F',
      ],
    });
    const r = interpret(r40);
    assert.equal(r.kind, 'alarms', 'kind');
    assert.deepEqual(r.readings, [], 'alarms are never vitals');
    assert.equal(r.alarms.length, 1, 'one alarm');
    const alarm = r.alarms[0];
    assert.deepEqual(
      [alarm?.eventId, alarm?.updateId, alarm?.deviceId, alarm?.code.code, alarm?.phase, alarm?.state, alarm?.priority, alarm?.text, alarm?.observedAt],
      ['EV-7', 'EV-7', '00A037FFFE000002', '150456', 'start', 'active', 'PM', 'SpO2 Low', '2026-01-24T05:15:00.000Z'],
      'alarm fields',
    );
  });
});
