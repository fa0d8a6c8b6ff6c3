// Tests for tolerant HL7 DTM parsing, Europe/Copenhagen daylight saving edges, and clock checks.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { clockCheck, formatHl7Time, isValidTimeZone, parseHl7Time, zoneOffsetMinutes } from './hl7-time.ts';

const CPH = 'Europe/Copenhagen';

describe('parseHl7Time with an offset', () => {
  test('full second precision with +0000, +0500 and -0600', () => {
    assert.deepEqual(parseHl7Time('20220511152405+0000', CPH), { instant: '2022-05-11T15:24:05.000Z', hadOffset: true, precision: 'second' }, '+0000');
    assert.equal(parseHl7Time('20090813095715+0500', CPH)?.instant, '2009-08-13T04:57:15.000Z', '+0500 is subtracted');
    assert.equal(parseHl7Time('20221201132051-0600', CPH)?.instant, '2022-12-01T19:20:51.000Z', '-0600 is added');
    assert.equal(parseHl7Time('20260124131540+0530', CPH)?.instant, '2026-01-24T07:45:40.000Z', 'half-hour offsets');
  });

  test("Mindray's 17 digits: milliseconds without a decimal point", () => {
    const t = parseHl7Time('20260124131540000+0800', CPH);
    assert.deepEqual(t, { instant: '2026-01-24T05:15:40.000Z', hadOffset: true, precision: 'millisecond' }, 'Mindray MSH-7');
    assert.equal(parseHl7Time('20260124131539123+0800', CPH)?.instant, '2026-01-24T05:15:39.123Z', 'the three digits are milliseconds');
    assert.equal(parseHl7Time('20260124131540123', CPH)?.instant, '2026-01-24T12:15:40.123Z', '17 digits without offset, read in Copenhagen (CET)');
  });

  test('fractional seconds with a decimal point', () => {
    assert.equal(parseHl7Time('20260124131540.5+0000', CPH)?.instant, '2026-01-24T13:15:40.500Z', 'one digit');
    assert.equal(parseHl7Time('20260124131540.1234+0000', CPH)?.instant, '2026-01-24T13:15:40.123Z', 'four digits truncate to ms');
    assert.equal(parseHl7Time('20260124131540.1234+0000', CPH)?.precision, 'millisecond', 'precision');
  });

  test('reduced precision', () => {
    assert.deepEqual(parseHl7Time('2026', CPH), { instant: '2025-12-31T23:00:00.000Z', hadOffset: false, precision: 'year' }, 'year, local midnight in CET');
    assert.equal(parseHl7Time('202607', CPH)?.instant, '2026-06-30T22:00:00.000Z', 'month, local midnight in CEST');
    assert.equal(parseHl7Time('20260124', CPH)?.precision, 'day', 'day');
    assert.equal(parseHl7Time('2026012413', CPH)?.precision, 'hour', 'hour');
    assert.equal(parseHl7Time('202601241315+0100', CPH)?.instant, '2026-01-24T12:15:00.000Z', 'minute with offset');
    assert.equal(parseHl7Time('202601241315+0100', CPH)?.precision, 'minute', 'minute precision');
    assert.equal(parseHl7Time('20260124+0000', CPH)?.instant, '2026-01-24T00:00:00.000Z', 'date with offset');
  });
});

describe('parseHl7Time without an offset (sender time zone)', () => {
  test('winter and summer time in Copenhagen', () => {
    assert.deepEqual(parseHl7Time('20081211144500', CPH), { instant: '2008-12-11T13:45:00.000Z', hadOffset: false, precision: 'second' }, 'CET is UTC+1');
    assert.equal(parseHl7Time('20260715120000', CPH)?.instant, '2026-07-15T10:00:00.000Z', 'CEST is UTC+2');
    assert.equal(parseHl7Time('20260715120000', 'UTC')?.instant, '2026-07-15T12:00:00.000Z', 'another zone');
  });

  test('2026-03-29 02:30 lies in the spring-forward gap: shifted forward by the gap', () => {
    const t = parseHl7Time('20260329023000', CPH);
    assert.deepEqual(t, { instant: '2026-03-29T01:30:00.000Z', hadOffset: false, precision: 'second', ambiguous: 'dst-gap' }, '02:30 → 03:30 CEST');
  });

  test('the minutes around the spring gap are unambiguous', () => {
    assert.deepEqual(parseHl7Time('20260329015959', CPH), { instant: '2026-03-29T00:59:59.000Z', hadOffset: false, precision: 'second' }, 'last CET second');
    assert.deepEqual(parseHl7Time('20260329030000', CPH), { instant: '2026-03-29T01:00:00.000Z', hadOffset: false, precision: 'second' }, 'first CEST second');
    assert.equal(parseHl7Time('20260329020000', CPH)?.ambiguous, 'dst-gap', '02:00 itself does not exist');
  });

  test('2026-10-25 02:30 occurs twice: the earlier instant is chosen', () => {
    const t = parseHl7Time('20261025023000', CPH);
    assert.deepEqual(t, { instant: '2026-10-25T00:30:00.000Z', hadOffset: false, precision: 'second', ambiguous: 'dst-overlap' }, 'earlier = CEST');
  });

  test('the minutes around the autumn overlap are unambiguous', () => {
    assert.deepEqual(parseHl7Time('20261025015959', CPH), { instant: '2026-10-24T23:59:59.000Z', hadOffset: false, precision: 'second' }, 'before the overlap');
    assert.deepEqual(parseHl7Time('20261025030000', CPH), { instant: '2026-10-25T02:00:00.000Z', hadOffset: false, precision: 'second' }, 'after the overlap');
    assert.equal(parseHl7Time('20261025020000', CPH)?.ambiguous, 'dst-overlap', '02:00 occurs twice');
  });

  test('an explicit offset is never ambiguous, even inside the gap', () => {
    assert.deepEqual(parseHl7Time('20260329023000+0100', CPH), { instant: '2026-03-29T01:30:00.000Z', hadOffset: true, precision: 'second' }, 'offset wins');
  });

  test('an unknown zone is a configuration error', () => {
    assert.throws(() => parseHl7Time('20260124131540', 'Mars/Olympus'), RangeError, 'throws RangeError');
    assert.equal(isValidTimeZone('Mars/Olympus'), false, 'isValidTimeZone says no');
    assert.equal(isValidTimeZone(CPH), true, 'Copenhagen is known');
  });

  test('zoneOffsetMinutes', () => {
    assert.equal(zoneOffsetMinutes(Date.parse('2026-01-01T00:00:00Z'), CPH), 60, 'winter');
    assert.equal(zoneOffsetMinutes(Date.parse('2026-07-01T00:00:00Z'), CPH), 120, 'summer');
  });
});

describe('parseHl7Time rejects invalid text', () => {
  const invalid = [
    '',
    'abc',
    '2026012',
    '20260124131540x',
    '20260124131540+08',
    '20260124131540+0800Z',
    '2026012413154000',
    '20261324',
    '20260230',
    '20260124251540',
    '20260124136040',
    '20260124131561',
    '20260124131540+2500',
    '20260124131540+0160',
    '0099',
    '20260124131540.',
    '2026-01-24T13:15:40Z',
  ];
  for (const text of invalid) {
    test(`'${text}'`, () => assert.equal(parseHl7Time(text, CPH), undefined, `'${text}' is not a DTM`));
  }
  test('surrounding whitespace is tolerated', () => {
    assert.equal(parseHl7Time(' 20260124131540+0000 ', CPH)?.instant, '2026-01-24T13:15:40.000Z', 'trimmed');
  });
  test('29 February only in leap years', () => {
    assert.ok(parseHl7Time('20280229', CPH), '2028 is a leap year');
    assert.equal(parseHl7Time('20260229', CPH), undefined, '2026 is not');
  });
});

describe('clockCheck', () => {
  const received = new Date('2026-01-24T12:00:00.000Z');
  test('within limits', () => {
    assert.equal(clockCheck('2026-01-24T12:00:00.000Z', received), undefined, 'same instant');
    assert.equal(clockCheck('2026-01-24T12:02:00.000Z', received), undefined, 'exactly 120 s ahead is fine');
    assert.equal(clockCheck('2026-01-23T12:00:00.000Z', received), undefined, 'exactly 24 h old is fine');
  });
  test('future and stale', () => {
    assert.equal(clockCheck('2026-01-24T12:02:00.001Z', received), 'future', 'just over 120 s ahead');
    assert.equal(clockCheck('2026-01-23T11:59:59.999Z', received), 'stale', 'just over 24 h old');
  });
  test('custom limits', () => {
    assert.equal(clockCheck('2026-01-24T12:00:11.000Z', received, { futureSeconds: 10, pastHours: 1 }), 'future', '10 s limit');
    assert.equal(clockCheck('2026-01-24T10:59:00.000Z', received, { futureSeconds: 10, pastHours: 1 }), 'stale', '1 h limit');
  });
  test('an unparseable instant is not judged', () => {
    assert.equal(clockCheck('not a time', received), undefined, 'undefined');
  });
});

test('formatHl7Time writes UTC with +0000', () => {
  assert.equal(formatHl7Time(new Date('2026-01-24T05:15:40.123Z')), '20260124051540+0000', 'DTM to the second');
});
