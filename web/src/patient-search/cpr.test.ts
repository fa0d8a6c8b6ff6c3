import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { birthYearOf, checkCpr, classifyPatientQuery, formatCpr, patientSearchBody } from './cpr.ts';

describe('CPR numbers typed into the search field', () => {
  it('accepts DDMMYY-SSSS and DDMMYYSSSS without the modulus-11 check', () => {
    // 070255-1234 fails modulus 11 (weighted sum 143+... is not divisible by 11), as the demo numbers do.
    assert.deepEqual(checkCpr('070255-1234'), { ok: true, cpr: '0702551234' });
    assert.deepEqual(checkCpr('0702551234'), { ok: true, cpr: '0702551234' });
  });

  it('rejects a wrong shape and an impossible date', () => {
    for (const bad of ['12345', '070255-123', '070255--1234', '07025512345', 'abcdef-1234']) assert.deepEqual(checkCpr(bad), { ok: false, problem: 'format' }, bad);
    for (const bad of ['310499-1234', '000155-1234', '011355-1234', '320155-1234']) assert.deepEqual(checkCpr(bad), { ok: false, problem: 'date' }, bad);
  });

  it('knows leap years from the century the 7th digit gives', () => {
    assert.equal(checkCpr('290200-4123').ok, true); // 2000 (7th digit 4, YY ≤ 36): a leap year
    assert.equal(checkCpr('290200-1123').ok, false); // 1900: not a leap year
    assert.equal(checkCpr('290296-1123').ok, true); // 1996
    assert.equal(birthYearOf(58, 5), 1858);
    assert.equal(birthYearOf(36, 9), 2036);
    assert.equal(birthYearOf(37, 9), 1937);
  });

  it('decides by pattern between a name and a CPR number', () => {
    assert.deepEqual(classifyPatientQuery('  Karen   Jensen '), { kind: 'name', name: 'Karen Jensen' });
    assert.deepEqual(classifyPatientQuery('070255 1234'), { kind: 'cpr', cpr: '0702551234' });
    assert.deepEqual(classifyPatientQuery('0702'), { kind: 'invalid', problem: 'cpr-format' });
    assert.deepEqual(classifyPatientQuery('999999-9999'), { kind: 'invalid', problem: 'cpr-date' });
    assert.deepEqual(classifyPatientQuery(''), { kind: 'invalid', problem: 'empty' });
    assert.deepEqual(classifyPatientQuery('K'), { kind: 'invalid', problem: 'too-short' });
    assert.deepEqual(classifyPatientQuery('Åse 2'), { kind: 'name', name: 'Åse 2' });
  });

  it('builds the form body of the POST search (identifier with the CPR system)', () => {
    assert.equal(patientSearchBody({ kind: 'cpr', cpr: '0702551234' }).toString(), 'identifier=urn%3Aoid%3A1.2.208.176.1.2%7C0702551234&_count=50');
    assert.equal(patientSearchBody({ kind: 'name', name: 'Jensen' }, 10).toString(), 'name=Jensen&_count=10');
    assert.equal(formatCpr('0702551234'), '070255-1234');
  });
});
