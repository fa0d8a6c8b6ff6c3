import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ageInYears, hasNoCareRelation, idFromReference, patientCpr, patientName } from './patient.helpers.ts';

describe('patient helpers', () => {
  it('shows the official name, given names first', () => {
    assert.equal(patientName({ name: [{ use: 'usual', given: ['Kaj'] }, { use: 'official', family: 'Jensen', given: ['Karen', 'Marie'] }] }), 'Karen Marie Jensen');
    assert.equal(patientName({ name: [{ text: 'Ole Hansen' }] }), 'Ole Hansen');
    assert.equal(patientName({}), '');
  });

  it('formats the CPR identifier as DDMMYY-SSSS', () => {
    assert.equal(patientCpr({ identifier: [{ system: 'urn:other', value: 'x' }, { system: 'urn:oid:1.2.208.176.1.2', value: '0702551234' }] }), '070255-1234');
    assert.equal(patientCpr({ identifier: [{ system: 'urn:oid:1.2.208.176.1.2', value: '070255-1234' }] }), '070255-1234');
    assert.equal(patientCpr({}), undefined);
  });

  it('counts whole years, the birthday included', () => {
    const today = new Date(2025, 1, 7); // 7 February 2025
    assert.equal(ageInYears('1955-02-07', today), 70);
    assert.equal(ageInYears('1955-02-08', today), 69);
    assert.equal(ageInYears('1955', today), 70);
    assert.equal(ageInYears(undefined, today), undefined);
    assert.equal(ageInYears('2030-01-01', today), undefined);
  });

  it('recognises the reduced patient without a care relation', () => {
    assert.equal(hasNoCareRelation({ meta: { tag: [{ system: 'https://kerne.dk/fhir/CodeSystem/access', code: 'no-care-relation' }] } }), true);
    assert.equal(hasNoCareRelation({ meta: { tag: [{ system: 'urn:kerne:demo', code: 'synthetic' }] } }), false);
    assert.equal(hasNoCareRelation({}), false);
    assert.equal(idFromReference('Patient/abc', 'Patient'), 'abc');
    assert.equal(idFromReference('Practitioner/abc', 'Patient'), undefined);
  });
});
