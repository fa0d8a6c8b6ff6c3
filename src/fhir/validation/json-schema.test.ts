/** The R4 JSON Schema pass: what it catches, where it points, and nested resources by their own type. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { FhirJsonSchema } from './json-schema.ts';

const schema = new FhirJsonSchema();

test('structural problems point at the element', () => {
  const cases: [unknown, string, string][] = [
    [{ resourceType: 'Patient', foo: 1 }, 'Patient.foo', 'structure'],
    [{ resourceType: 'Patient', name: 'Jensen' }, 'Patient.name', 'structure'],
    [{ resourceType: 'Patient', name: [{ given: 'Søren' }] }, 'Patient.name[0].given', 'structure'],
    [{ resourceType: 'Patient', birthDate: '2020-13-01' }, 'Patient.birthDate', 'structure'],
    [{ resourceType: 'Patient', active: 'yes' }, 'Patient.active', 'structure'],
    [{ resourceType: 'Patient', gender: 'robot' }, 'Patient.gender', 'code-invalid'],
    [{ resourceType: 'Observation', status: 'final' }, 'Observation.code', 'required'],
  ];
  for (const [resource, expression, code] of cases) {
    const issues = schema.validate(resource as { resourceType: string });
    assert.equal(issues.length, 1, JSON.stringify(resource));
    assert.deepEqual(issues[0]!.expression, [expression], JSON.stringify(resource));
    assert.equal(issues[0]!.code, code, JSON.stringify(resource));
  }
});

test('contained resources, Bundle entries and Parameters are checked as their own types', () => {
  assert.deepEqual(schema.validate({ resourceType: 'Patient', contained: [{ resourceType: 'Organization', name: 'A' }] } as never), []);
  const contained = schema.validate({ resourceType: 'Patient', contained: [{ resourceType: 'Organization', bogus: true }] } as never);
  assert.deepEqual(contained[0]!.expression, ['Patient.contained[0].bogus']);
  const entry = schema.validate({ resourceType: 'Bundle', type: 'collection', entry: [{ resource: { resourceType: 'Patient' } }, { resource: { resourceType: 'Patient', gender: 5 } }] } as never);
  assert.deepEqual(entry[0]!.expression, ['Bundle.entry[1].resource.gender']);
  const nestedParam = schema.validate({ resourceType: 'Parameters', parameter: [{ name: 'a', part: [{ name: 'b', resource: { resourceType: 'Nope' } }] }] } as never);
  assert.deepEqual(nestedParam[0]!.expression, ['Parameters.parameter[0].part[0].resource.resourceType']);
});

test('valid resources pass', () => {
  assert.deepEqual(
    schema.validate({
      resourceType: 'Observation',
      status: 'final',
      code: { coding: [{ system: 'http://loinc.org', code: '8867-4' }] },
      valueQuantity: { value: 72, unit: '/min' },
      effectiveDateTime: '2024-05-01T10:00:00+02:00',
    } as never),
    [],
  );
});
