// R4 base validation (https://hl7.org/fhir/R4/validation.html): structure, cardinality, types, unknown elements, resourceType.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Resource } from '@medplum/fhirtypes';
import { FhirError } from '../../errors/index.ts';
import { createValidator } from './index.ts';

const validator = createValidator();

/** The FhirError a validation throws (fails the test when it does not throw). */
function rejection(resource: unknown): FhirError {
  try {
    validator.validate(resource as Resource);
  } catch (err) {
    assert.ok(err instanceof FhirError, `expected FhirError, got ${String(err)}`);
    return err;
  }
  assert.fail(`expected ${JSON.stringify(resource)} to be rejected`);
}
const expressions = (e: FhirError) => e.outcome.issue?.flatMap((i) => i.expression ?? []) ?? [];

describe('base validation', () => {
  test('a valid Patient and Observation pass', () => {
    validator.validate({ resourceType: 'Patient', gender: 'female', birthDate: '1980-02-29', name: [{ family: 'Jensen' }] });
    validator.validate({ resourceType: 'Observation', status: 'final', code: { text: 'puls' }, effectiveDateTime: '2024-05-01T10:00:00+02:00' });
  });

  test('non-object bodies are rejected with 400', () => {
    for (const body of [null, 'Patient', 42, [{ resourceType: 'Patient' }]]) {
      const e = rejection(body);
      assert.equal(e.status, 400);
      assert.deepEqual(expressions(e), ['resourceType']);
    }
  });

  test('unknown or missing resourceType → 400 at resourceType', () => {
    for (const body of [{ resourceType: 'Patientt' }, { id: 'x' }, { resourceType: 7 }]) {
      const e = rejection(body);
      assert.equal(e.status, 400);
      assert.deepEqual(expressions(e), ['resourceType']);
    }
  });

  test('an unknown element is rejected', () => {
    const e = rejection({ resourceType: 'Patient', favouriteColour: 'blue' });
    assert.equal(e.status, 400);
    assert.deepEqual(expressions(e), ['Patient.favouriteColour']);
  });

  test('malformed dates are rejected', () => {
    assert.deepEqual(expressions(rejection({ resourceType: 'Patient', birthDate: '1980-13-01' })), ['Patient.birthDate']);
    assert.deepEqual(expressions(rejection({ resourceType: 'Patient', birthDate: '01-02-1980' })), ['Patient.birthDate']);
    const obs = { resourceType: 'Observation', status: 'final', code: { text: 'x' }, effectiveDateTime: '2024-05-01 10:00' };
    assert.equal(rejection(obs).status, 400);
  });

  test('cardinality: missing required element, array for a single value', () => {
    const missing = rejection({ resourceType: 'Observation', status: 'final' });
    assert.deepEqual(expressions(missing), ['Observation.code']);
    const many = rejection({ resourceType: 'Patient', gender: ['male', 'female'] });
    assert.equal(many.status, 400);
  });

  test('wrong JSON type for a primitive', () => {
    assert.equal(rejection({ resourceType: 'Patient', active: 'yes' }).status, 400);
  });
});
