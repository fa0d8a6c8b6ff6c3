/** The compiled FHIRPath fast path gives what @medplum/core's general evaluator gives. */
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { evalFhirPathTyped, toTypedValue } from '@medplum/core';
import type { Resource } from '@medplum/fhirtypes';
import { loadFhirDefinitions } from '../definitions/index.ts';
import { compileFastPath } from './fast-path.ts';
import { paramsOf } from './search-params.ts';

loadFhirDefinitions();
const SYNTHEA = fileURLToPath(new URL('../../../../shared/data/synthea-r4/', import.meta.url));

const summary = (values: { type: string; value: unknown }[]) => JSON.stringify(values.map((v) => [v.type, v.value]));

function compareAll(resource: Resource): number {
  let compared = 0;
  for (const p of paramsOf(resource.resourceType).list) {
    if (!p.fast) continue;
    // @medplum/core 4.5.2 ignores the type in `.as(X)` (Condition.onset.as(Age) yields a dateTime); tested below instead.
    if (p.definition.expression?.includes('.as(')) continue;
    const fast = summary(p.fast(resource as unknown as Record<string, unknown>));
    const general = summary(evalFhirPathTyped(p.atom, [toTypedValue(resource)]));
    assert.equal(fast, general, `${resource.resourceType} ${p.code}: ${p.definition.expression}`);
    compared++;
  }
  return compared;
}

test('same values as the general evaluator on constructed resources', () => {
  const resources: Resource[] = [
    {
      resourceType: 'Observation',
      status: 'final',
      code: { coding: [{ system: 'http://loinc.org', code: '8867-4', display: 'Heart rate' }], text: 'Puls' },
      subject: { reference: 'Patient/p1' },
      encounter: { reference: 'http://example.org/fhir/Encounter/e1' },
      performer: [{ reference: 'Practitioner/d1' }, { reference: 'Organization/o1' }],
      effectivePeriod: { start: '2024-01-01T10:00:00Z', end: '2024-01-01T11:00:00Z' },
      valueQuantity: { value: 72, unit: '/min', system: 'http://unitsofmeasure.org', code: '/min' },
      component: [{ code: { text: 'x' }, valueCodeableConcept: { coding: [{ code: 'a' }] } }],
      meta: { tag: [{ system: 'urn:t', code: 'demo' }], profile: ['http://hl7.org/fhir/StructureDefinition/vitalsigns'] },
    },
    {
      resourceType: 'Patient',
      name: [{ family: 'Sørensen', given: ['Åse', 'Marie'] }],
      telecom: [{ system: 'phone', value: '+4512345678' }, { system: 'email', value: 'a@b.dk' }],
      address: [{ city: 'Århus', postalCode: '8000', line: ['Nørregade 1'] }],
      generalPractitioner: [{ reference: 'Practitioner/gp' }],
      birthDate: '1950-02-03',
      deceasedBoolean: false,
    },
    { resourceType: 'Questionnaire', status: 'active', item: [{ linkId: '1', type: 'group', item: [{ linkId: '1.1', type: 'string', code: [{ code: 'nested' }] }] }] },
  ];
  for (const r of resources) assert.ok(compareAll(r) > 5);
});

test('same values as the general evaluator on Synthea resources', { skip: !existsSync(SYNTHEA) && 'no ../shared' }, () => {
  let compared = 0;
  for (const file of readdirSync(SYNTHEA).filter((f) => f.endsWith('.json')).slice(0, 6)) {
    const bundle = JSON.parse(readFileSync(SYNTHEA + file, 'utf8')) as { entry: { resource: Resource }[] };
    for (const e of bundle.entry) compared += compareAll(e.resource);
  }
  assert.ok(compared > 10_000, `compared ${compared}`);
});

test('as(X) keeps only the named type of a choice element', () => {
  const onset = compileFastPath('Condition.onset.as(Age) | Condition.onset.as(Range)', 'Condition')!;
  assert.deepEqual(onset({ resourceType: 'Condition', onsetDateTime: '2001-03-29' }), []);
  assert.deepEqual(onset({ resourceType: 'Condition', onsetAge: { value: 3 } }), [{ type: 'Age', value: { value: 3 } }]);
  const valueText = compileFastPath('(Observation.value as CodeableConcept).text', 'Observation')!;
  assert.deepEqual(valueText({ resourceType: 'Observation', valueCodeableConcept: { text: 'positiv' } }), [{ type: 'string', value: 'positiv' }]);
});

test('expressions beyond the fast path fall back', () => {
  assert.equal(compileFastPath('Patient.deceased.exists() and Patient.deceased != false', 'Patient'), undefined);
  assert.equal(compileFastPath('Bundle.entry[0].resource', 'Bundle'), undefined);
  assert.equal(compileFastPath('Observation.nonexistent', 'Observation'), undefined);
});
