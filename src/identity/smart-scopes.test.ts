/** SMART scopes: v1 and v2 parsing, intersection and allows(). @see https://hl7.org/fhir/smart-app-launch/scopes-and-launch-context.html */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { allows, formatScope, intersectGrants, parseScope, parseScopes, type ScopeGrant } from './smart-scopes.ts';

const grant = (scope: string) => {
  const g = parseScope(scope);
  assert.ok(typeof g === 'object', `${scope} parses`);
  return g as ScopeGrant;
};

describe('SMART scopes: parsing', () => {
  it('parses v1 read, write and * scopes', () => {
    assert.deepEqual(grant('patient/Observation.read'), {
      scope: 'patient/Observation.read',
      context: 'patient',
      resourceType: 'Observation',
      read: true,
      write: false,
      permissions: { c: false, r: true, u: false, d: false, s: true },
      version: 1,
    });
    const all = grant('user/*.*');
    assert.equal(all.resourceType, '*');
    assert.ok(all.read && all.write);
    const w = grant('system/*.write');
    assert.deepEqual(w.permissions, { c: true, r: false, u: true, d: true, s: false });
    assert.equal(w.read, false);
    assert.equal(w.write, true);
  });

  it('parses v2 letters and granular restrictions', () => {
    const rs = grant('patient/Observation.rs');
    assert.equal(rs.version, 2);
    assert.deepEqual(rs.permissions, { c: false, r: true, u: false, d: false, s: true });
    assert.equal(rs.read, true);
    const cruds = grant('user/*.cruds');
    assert.ok(cruds.read && cruds.write);
    const c = grant('user/Encounter.c');
    assert.equal(c.read, false);
    assert.equal(c.write, false, 'create alone is not v1 write');
    const q = grant('patient/Observation.rs?category=http://terminology.hl7.org/CodeSystem/observation-category|laboratory');
    assert.equal(q.query, 'category=http://terminology.hl7.org/CodeSystem/observation-category|laboratory');
  });

  it('sorts non-clinical and malformed scopes apart', () => {
    const parsed = parseScopes('openid fhirUser  launch/patient offline_access patient/Observation.x user/*.rc patient/observation.read system/*.read?x=1 user/Patient.rs?');
    assert.deepEqual(parsed.other, ['openid', 'fhirUser', 'launch/patient', 'offline_access']);
    assert.deepEqual(parsed.invalid, ['patient/Observation.x', 'user/*.rc', 'patient/observation.read', 'system/*.read?x=1', 'user/Patient.rs?']);
    assert.equal(parsed.grants.length, 0);
    assert.deepEqual(parseScopes(['user/*.read', 'openid']).grants.map((g) => g.scope), ['user/*.read']);
  });

  it('formats grants in their own version where it can', () => {
    assert.equal(formatScope(grant('patient/*.read')), 'patient/*.read');
    assert.equal(formatScope(grant('user/*.*')), 'user/*.*');
    assert.equal(formatScope(grant('user/*.cruds')), 'user/*.cruds');
    assert.equal(formatScope({ ...grant('user/*.read'), permissions: { c: false, r: true, u: false, d: false, s: false } }), 'user/*.r');
  });
});

describe('SMART scopes: intersection', () => {
  it('narrows type, permissions and keeps the version of the first', () => {
    assert.equal(intersectGrants(grant('user/Observation.read'), grant('user/*.*'))?.scope, 'user/Observation.read');
    assert.equal(intersectGrants(grant('user/*.*'), grant('user/*.read'))?.scope, 'user/*.read');
    assert.equal(intersectGrants(grant('patient/*.*'), grant('patient/*.read'))?.scope, 'patient/*.read');
    assert.equal(intersectGrants(grant('user/*.cruds'), grant('user/*.read'))?.scope, 'user/*.rs');
    assert.equal(intersectGrants(grant('patient/Observation.rs'), grant('patient/*.read'))?.scope, 'patient/Observation.rs');
    assert.equal(intersectGrants(grant('user/*.*'), grant('patient/*.read')), undefined, 'different contexts');
    assert.equal(intersectGrants(grant('user/Observation.read'), grant('user/Patient.read')), undefined, 'different types');
    assert.equal(intersectGrants(grant('user/*.write'), grant('user/*.read')), undefined, 'no common permission');
    assert.equal(intersectGrants(grant('user/Observation.rs?category=vital-signs'), grant('user/*.*'))?.scope, 'user/Observation.rs?category=vital-signs');
  });
});

describe('SMART scopes: allows()', () => {
  it('answers per context, type and operation', () => {
    const scopes = 'openid patient/Observation.read user/Encounter.cu';
    assert.equal(allows(scopes, 'Observation', 'read'), true);
    assert.equal(allows(scopes, 'Observation', 'search'), true);
    assert.equal(allows(scopes, 'patient', 'Observation', 'read'), true);
    assert.equal(allows(scopes, 'user', 'Observation', 'read'), false);
    assert.equal(allows(scopes, 'Observation', 'create'), false);
    assert.equal(allows(scopes, 'Encounter', 'create'), true);
    assert.equal(allows(scopes, 'Encounter', 'update'), true);
    assert.equal(allows(scopes, 'Encounter', 'delete'), false);
    assert.equal(allows(scopes, 'Encounter', 'write'), false, 'write needs c, u and d');
    assert.equal(allows(scopes, 'Encounter', 'read'), false);
    assert.equal(allows(scopes, 'Patient', 'read'), false);
  });

  it('wildcards, lists, parsed input and v1 write', () => {
    assert.equal(allows(['user/*.*'], 'user', 'MedicationRequest', 'delete'), true);
    assert.equal(allows(['system/*.write'], 'system', 'Patient', 'write'), true);
    assert.equal(allows(['system/*.write'], 'system', 'Patient', 'read'), false);
    assert.equal(allows(parseScopes('user/*.rs'), undefined, 'Patient', 'search'), true);
    assert.equal(allows('', 'Patient', 'read'), false);
    assert.equal(allows('openid fhirUser', 'Patient', 'read'), false);
  });

  it('does not count grants with a granular restriction', () => {
    assert.equal(allows('patient/Observation.rs?category=laboratory', 'Observation', 'search'), false);
  });
});
