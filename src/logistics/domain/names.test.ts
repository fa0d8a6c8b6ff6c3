/** Display names, initials, age and CPR. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ageAt, boardPatient, cprOf, displayName, fullName, initials } from './names.ts';
import { patient } from './test-fixtures.ts';

describe('names', () => {
  it('builds a full name from text or given and family', () => {
    assert.equal(fullName(patient('p', ['Anna', 'Marie'], 'Jensen')), 'Anna Marie Jensen', 'given + family');
    assert.equal(fullName({ resourceType: 'Patient', name: [{ text: 'Søren Ølgaard' }] }), 'Søren Ølgaard', 'text wins');
    assert.equal(
      fullName({ resourceType: 'Patient', name: [{ use: 'old', text: 'Gammelt Navn' }, { use: 'official', given: ['Ny'], family: 'Navn' }] }),
      'Ny Navn', 'official name over old');
    assert.equal(fullName({ resourceType: 'Patient' }), undefined, 'no name');
    assert.equal(displayName({ resourceType: 'Patient' }), '', 'displayName is always a string');
  });
  it('makes initials', () => {
    assert.equal(initials('Anna Marie Jensen'), 'A.M.J.', 'three names');
    assert.equal(initials('hans-erik  østergaard'), 'H.E.Ø.', 'hyphen and Danish letters, upper-cased');
    assert.equal(initials(undefined), '', 'nothing');
  });
  it('computes age in whole years on the Danish calendar day', () => {
    const now = new Date('2025-03-09T23:30:00Z'); // 10 March 00:30 in Denmark
    assert.equal(ageAt('1950-03-10', now), 75, 'birthday today in Denmark (still 9 March in UTC)');
    assert.equal(ageAt('1950-03-11', now), 74, 'birthday tomorrow');
    assert.equal(ageAt('1950', now), 75, 'year only: taken as 1 January');
    assert.equal(ageAt('2030-01-01', now), undefined, 'born in the future');
    assert.equal(ageAt(undefined, now), undefined, 'no birth date');
  });
  it('reads and formats CPR', () => {
    assert.equal(cprOf(patient('p', ['A'], 'B', undefined, '1003501234')), '100350-1234', 'formatted');
    assert.equal(cprOf(patient('p', ['A'], 'B', undefined, '100350-1234')), '100350-1234', 'already formatted');
    assert.equal(cprOf(patient('p', ['A'], 'B')), undefined, 'no CPR');
  });
  it('shows initials and no CPR on public screens', () => {
    const p = patient('p1', ['Anna', 'Marie'], 'Jensen', '1950-03-10', '1003501234');
    const now = new Date('2025-03-10T10:00:00Z');
    assert.deepEqual(boardPatient(p, 'full', now), { id: 'p1', name: 'Anna Marie Jensen', cpr: '100350-1234', age: 75, sex: 'female' }, 'staff screen');
    assert.deepEqual(boardPatient(p, 'initials', now), { id: 'p1', name: 'A.M.J.', age: 75, sex: 'female' }, 'public screen');
  });
});
