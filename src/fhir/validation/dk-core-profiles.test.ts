// HL7 Denmark DK-core 3.7.0 profiles (http://hl7.dk/fhir/core/): official Patient examples, and broken copies → 422.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { before, describe, test } from 'node:test';
import type { Patient, Resource } from '@medplum/fhirtypes';
import type { Validator } from './index.ts';
import { SKIP_SHARED, STANDARDS, jsonFiles, problems, validatorWith } from './shared-standards.test-support.ts';

const DK_PATIENT = 'http://hl7.dk/fhir/core/StructureDefinition/dk-core-patient';

describe('DK-core 3.7.0', { skip: SKIP_SHARED }, () => {
  let validator: Validator;
  let aage: Patient;
  before(async () => {
    validator = await validatorWith([join(STANDARDS, 'dk-core/profiles/3.7.0')]);
    aage = jsonFiles(join(STANDARDS, 'dk-core/examples/patients-3.7.0')).find((x) => x.file === 'Patient-Aage.json')!.resource as Patient;
  });
  const broken = (change: (p: Patient) => void): Patient => {
    const copy = structuredClone(aage);
    change(copy);
    return copy;
  };
  const rejected = (r: Resource, expression: string, text: RegExp) => {
    const p = problems(validator, r);
    assert.equal(p.status, 422, `expected 422, got ${p.status}: ${p.lines.join('; ')}`);
    assert.ok(p.lines.some((l) => l.startsWith(`${expression}: `) && text.test(l)), p.lines.join('\n'));
  };

  test('the profile is loaded', () => assert.ok(validator.hasProfile(`${DK_PATIENT}|3.7.0`)));

  test('every official Patient example that claims dk-core-patient validates', () => {
    const examples = jsonFiles(join(STANDARDS, 'dk-core/examples/patients-3.7.0')).filter((x) => x.resource.meta?.profile?.includes(DK_PATIENT));
    assert.ok(examples.length >= 30);
    const failing = examples.map((x) => ({ file: x.file, p: problems(validator, x.resource) })).filter((x) => x.p.lines.length);
    assert.deepEqual(failing.map((f) => `${f.file}: ${f.p.lines.join('; ')}`), []);
  });

  test('CPR slice: malformed value (constraint cpr of dk-core-cpr-identifier)', () => {
    rejected(broken((p) => (p.identifier![0]!.value = '3113001234')), 'Patient.identifier[0].value', /cpr/);
    rejected(broken((p) => (p.identifier![0]!.value = '12345')), 'Patient.identifier[0].value', /cpr/);
  });

  test('CPR slice: at most one CPR identifier', () => {
    rejected(broken((p) => p.identifier!.push({ ...p.identifier![0]! })), 'Patient.identifier', /slice 'cpr'.*0\.\.1.*found 2/);
  });

  test('missing required element: identifier (1..*), official name family (slice name:official)', () => {
    rejected(broken((p) => delete p.identifier), 'Patient.identifier', /required/i);
    rejected(broken((p) => delete p.name![0]!.family), 'Patient.name[0].family', /expected 1\.\.1/);
  });

  test('an identifier in another system is not taken for a CPR number', () => {
    const ok = broken((p) => p.identifier!.push({ system: 'https://example.org/hospital-mrn', value: 'not-a-cpr' }));
    assert.deepEqual(problems(validator, ok).lines, []);
  });

  test('extension slice by url: municipality code is checked against its required ValueSet', () => {
    const url = 'http://hl7.dk/fhir/core/StructureDefinition/dk-core-municipalityCodes';
    const withCode = (code: string) =>
      broken((p) => (p.address = [{ city: 'Aarhus', extension: [{ url, valueCodeableConcept: { coding: [{ system: 'http://hl7.dk/fhir/core/CodeSystem/dk-core-municipality-codes', code }] } }] }]));
    assert.deepEqual(problems(validator, withCode('0751')).lines, []);
    rejected(withCode('999'), 'Patient.address[0].extension[0].valueCodeableConcept.coding[0].code', /not in the required ValueSet/);
  });

  test('a resource claiming an unknown profile is accepted (only base validation applies)', () => {
    const other = broken((p) => (p.meta = { profile: ['http://example.org/StructureDefinition/not-installed'] }));
    other.identifier![0]!.value = '12345';
    assert.deepEqual(problems(validator, other).lines, []);
  });
});
