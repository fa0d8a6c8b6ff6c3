// Required terminology bindings on R4 base elements (https://hl7.org/fhir/R4/terminologies.html#required).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Resource } from '@medplum/fhirtypes';
import { FhirError } from '../../errors/index.ts';
import { createValidator } from './index.ts';

const validator = createValidator();

function issue(resource: unknown) {
  try {
    validator.validate(resource as Resource);
  } catch (err) {
    assert.ok(err instanceof FhirError);
    assert.equal(err.status, 400);
    return err.outcome.issue![0]!;
  }
  assert.fail('expected a rejection');
}

describe('required bindings', () => {
  test('code: Patient.gender robot', () => {
    const i = issue({ resourceType: 'Patient', gender: 'robot' });
    assert.equal(i.code, 'code-invalid');
    assert.deepEqual(i.expression, ['Patient.gender']);
    assert.match(i.details!.text!, /'robot'.*administrative-gender/);
  });

  test('code: Observation.status bogus', () => {
    const i = issue({ resourceType: 'Observation', status: 'bogus', code: { text: 'x' } });
    assert.deepEqual(i.expression, ['Observation.status']);
  });

  test('code in a backbone element and in a data type', () => {
    assert.deepEqual(issue({ resourceType: 'Patient', telecom: [{ system: 'pager', value: '1' }, { system: 'telepathy', value: '2' }] }).expression, [
      'Patient.telecom[1].system',
    ]);
    assert.deepEqual(issue({ resourceType: 'Patient', link: [{ other: { reference: 'Patient/1' }, type: 'twin' }] }).expression, ['Patient.link[0].type']);
  });

  test('CodeableConcept: at least one coding from the ValueSet', () => {
    const cs = 'http://terminology.hl7.org/CodeSystem/condition-clinical';
    const base = { resourceType: 'Condition', subject: { reference: 'Patient/1' } };
    validator.validate({ ...base, clinicalStatus: { coding: [{ system: 'http://example.org/local', code: 'x' }, { system: cs, code: 'active' }] } } as Resource);
    validator.validate({ ...base, clinicalStatus: { text: 'active, no coding' } } as Resource);
    const i = issue({ ...base, clinicalStatus: { coding: [{ system: cs, code: 'sleeping' }] } });
    assert.deepEqual(i.expression, ['Condition.clinicalStatus.coding[0].code']);
    // The right code in a wrong system is not in the ValueSet either.
    assert.ok(issue({ ...base, clinicalStatus: { coding: [{ system: 'http://snomed.info/sct', code: 'active' }] } }));
  });

  test('bindings inside contained and Bundle entry resources', () => {
    const i = issue({ resourceType: 'Bundle', type: 'collection', entry: [{ resource: { resourceType: 'Patient', gender: 'robot' } }] });
    assert.deepEqual(i.expression, ['Bundle.entry[0].resource.gender']);
    assert.ok(issue({ resourceType: 'Bundle', type: 'nonsense' }));
  });

  test('ValueSets that cannot be expanded are not checked (mime types, languages)', () => {
    validator.validate({ resourceType: 'Binary', contentType: 'application/x-made-up' } as Resource);
    validator.validate({ resourceType: 'Patient', language: 'xx-YY' } as Resource);
  });

  test('can be switched off (for codings; plain codes stay checked by the R4 JSON Schema)', () => {
    const condition = {
      resourceType: 'Condition',
      subject: { reference: 'Patient/1' },
      clinicalStatus: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/condition-clinical', code: 'bogus' }] },
    };
    assert.throws(() => validator.validate(condition as unknown as Resource), FhirError);
    createValidator({ requiredBindings: false }).validate(condition as unknown as Resource);
  });
});
