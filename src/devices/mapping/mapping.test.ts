// Tests for the device code tables: every mapped MDC code, unit lookup, °F → °C and other conversions, plausibility overrides.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  CODE_SYSTEMS,
  DEFAULT_PLAUSIBILITY,
  VITAL_CODES,
  VITAL_CONCEPTS,
  isPlausible,
  lookupConceptUnit,
  lookupMdc,
  lookupUnit,
  mergePlausibility,
  normaliseUnit,
} from './index.ts';

/** concept → [MDC codes, LOINC, NPU/DNK or null, UCUM] as the brief and devices.md §4 list them. */
const EXPECTED = {
  heartRate: [['147842', '149530', '149514', '149522'], '8867-4', 'NPU21692', '/min'],
  respiratoryRate: [['151562', '151578', '151594', '151658'], '9279-1', null, '/min'],
  spo2: [['150456', '150324'], '59408-5', 'NPU27280', '%'],
  systolic: [['150301', '150021'], '8480-6', 'DNK05472', 'mm[Hg]'],
  diastolic: [['150302', '150022'], '8462-4', 'DNK05473', 'mm[Hg]'],
  meanPressure: [['150303', '150023'], '8478-0', null, 'mm[Hg]'],
  temperature: [['150344', '150364', '188424', '150392', '188452', '188496'], '8310-5', 'NPU08676', 'Cel'],
} as const;

describe('lookupMdc', () => {
  for (const [concept, [codes, loinc, npu, ucum]] of Object.entries(EXPECTED)) {
    for (const code of codes) {
      test(`${code} → ${concept}`, () => {
        const row = lookupMdc(code);
        assert.ok(row, `${code} is mapped`);
        assert.equal(row.concept, concept, `${code} concept`);
        assert.equal(row.loinc, loinc, `${code} LOINC`);
        assert.equal(row.npu, npu, `${code} NPU/DNK code`);
        assert.equal(row.ucum, ucum, `${code} unit`);
        assert.equal(row.mdc, code, `${code}: the original code is kept`);
        assert.match(row.mdcRefId, /^MDC_/, `${code} has a reference id`);
        assert.ok(row.loincDisplay.length > 0, `${code} has a LOINC display`);
      });
    }
  }

  test('the table holds exactly the listed codes', () => {
    const listed = Object.values(EXPECTED).flatMap(([codes]) => [...codes]).sort();
    assert.deepEqual(VITAL_CODES.map((r) => r.mdc).sort(), listed, 'no extra or missing rows');
    assert.equal(new Set(listed).size, listed.length, 'no duplicates');
  });

  test('SpO2 also carries 2708-6', () => {
    assert.deepEqual(lookupMdc('150456')?.alsoLoinc, ['2708-6'], 'pulse oximetry SpO2');
    assert.deepEqual(lookupMdc('150324')?.alsoLoinc, ['2708-6'], 'arterial SaO2');
  });

  test('by reference id, trimmed; unknown codes are undefined', () => {
    assert.equal(lookupMdc('MDC_PULS_OXIM_SAT_O2')?.mdc, '150456', 'reference id');
    assert.equal(lookupMdc(' 150456 ')?.concept, 'spo2', 'whitespace');
    assert.equal(lookupMdc('150035'), undefined, 'arterial mean (invasive) is not a vital here');
    assert.equal(lookupMdc(''), undefined, 'empty');
  });

  test('every concept has one stored unit', () => {
    for (const concept of VITAL_CONCEPTS) assert.equal(lookupConceptUnit(concept), EXPECTED[concept][3], `${concept} unit`);
  });
});

describe('code systems', () => {
  test('URIs', () => {
    assert.equal(CODE_SYSTEMS.loinc, 'http://loinc.org', 'LOINC');
    assert.equal(CODE_SYSTEMS.ucum, 'http://unitsofmeasure.org', 'UCUM');
    assert.equal(CODE_SYSTEMS.mdc, 'urn:iso:std:iso:11073:10101', 'MDC');
    assert.equal(CODE_SYSTEMS.npu, 'urn:oid:1.2.208.176.2.1', 'NPU');
  });
});

describe('lookupUnit', () => {
  const cases: [string, string][] = [
    ['266016', 'mm[Hg]'],
    ['264864', '/min'],
    ['264928', '/min'],
    ['262688', '%'],
    ['268192', 'Cel'],
    ['266560', '[degF]'],
    ['268739', 'kPa'],
    ['MDC_DIM_MMHG', 'mm[Hg]'],
    ['mm[Hg]', 'mm[Hg]'],
    ['Cel', 'Cel'],
  ];
  for (const [input, ucum] of cases) test(`${input} → ${ucum}`, () => assert.equal(lookupUnit(input)?.ucum, ucum, `${input} unit`));
  test('unknown units', () => {
    assert.equal(lookupUnit('999999'), undefined, 'unknown MDC code');
    assert.equal(lookupUnit('furlong'), undefined, 'unknown text');
  });
});

describe('normaliseUnit', () => {
  test('°F → °C rounded to 0.1 with the raw value kept', () => {
    assert.deepEqual(normaliseUnit(98.6, '[degF]', 'temperature'), { value: 37, ucum: 'Cel', raw: { value: 98.6, ucum: '[degF]' } }, '98.6 °F');
    assert.equal(normaliseUnit(100.4, '[degF]', 'temperature')?.value, 38, '100.4 °F');
    assert.equal(normaliseUnit(97.3, '[degF]', 'temperature')?.value, 36.3, '97.3 °F = 36.28 °C');
  });
  test('values already in the stored unit are untouched (no rounding)', () => {
    assert.deepEqual(normaliseUnit(37.25, 'Cel', 'temperature'), { value: 37.25, ucum: 'Cel' }, 'Cel');
    assert.deepEqual(normaliseUnit(72, '{beats}/min', 'heartRate'), { value: 72, ucum: '/min' }, 'UCUM annotation ignored');
    assert.deepEqual(normaliseUnit(120, 'mmHg', 'systolic'), { value: 120, ucum: 'mm[Hg]' }, 'mmHg spelling accepted');
    assert.deepEqual(normaliseUnit(98.6, '°F', 'temperature')?.value, 37, '°F spelling accepted');
  });
  test('kPa → mm[Hg], fraction → %', () => {
    assert.equal(normaliseUnit(16, 'kPa', 'systolic')?.value, 120, '16 kPa ≈ 120 mm[Hg]');
    assert.equal(normaliseUnit(0.97, '1', 'spo2')?.value, 97, 'fraction to %');
  });
  test('incompatible units give undefined', () => {
    assert.equal(normaliseUnit(37, 'mm[Hg]', 'temperature'), undefined, 'pressure is not a temperature');
    assert.equal(normaliseUnit(97, 'Cel', 'spo2'), undefined, 'temperature is not a saturation');
  });
});

describe('plausibility', () => {
  test('defaults as specified (adult)', () => {
    const expected = { heartRate: [20, 300], respiratoryRate: [2, 80], spo2: [50, 100], systolic: [40, 300], diastolic: [15, 200], meanPressure: [20, 250], temperature: [25, 45] };
    for (const [concept, [min, max]] of Object.entries(expected)) {
      const range = DEFAULT_PLAUSIBILITY[concept as keyof typeof expected];
      assert.equal(range.min, min, `${concept} min`);
      assert.equal(range.max, max, `${concept} max`);
    }
  });
  test('bounds are inclusive', () => {
    assert.equal(isPlausible(20, 'heartRate'), true, 'lower bound');
    assert.equal(isPlausible(300, 'heartRate'), true, 'upper bound');
    assert.equal(isPlausible(19.9, 'heartRate'), false, 'below');
    assert.equal(isPlausible(100.1, 'spo2'), false, 'above 100 %');
  });
  test('overrides merge per concept and leave the rest', () => {
    const paediatric = mergePlausibility({ heartRate: { max: 350 }, respiratoryRate: { min: 10, max: 120 } });
    assert.deepEqual([paediatric.heartRate.min, paediatric.heartRate.max], [20, 350], 'only max changed');
    assert.deepEqual([paediatric.respiratoryRate.min, paediatric.respiratoryRate.max], [10, 120], 'both changed');
    assert.deepEqual(paediatric.spo2, DEFAULT_PLAUSIBILITY.spo2, 'untouched concept kept');
    assert.equal(isPlausible(320, 'heartRate', paediatric), true, 'override applies');
    assert.equal(isPlausible(320, 'heartRate'), false, 'defaults unchanged');
    assert.equal(DEFAULT_PLAUSIBILITY.heartRate.max, 300, 'defaults not mutated');
  });
  test('a partial table falls back to the defaults', () => {
    assert.equal(isPlausible(99, 'spo2', { heartRate: { min: 1, max: 2 } }), true, 'spo2 from defaults');
    assert.equal(isPlausible(60, 'heartRate', { heartRate: { min: 1, max: 2 } }), false, 'heartRate from the table');
  });
  test('bad overrides are refused', () => {
    assert.throws(() => mergePlausibility({ heartRate: { min: 200, max: 100 } }), RangeError, 'min above max');
    assert.throws(() => mergePlausibility({ heartrate: { min: 1 } }), RangeError, 'unknown concept (typo)');
  });
});
