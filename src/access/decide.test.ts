/** The care-relation rule and its search-filter form, on constructed principals and relations. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { consentDenies } from './care-relations.ts';
import { decidePatientAccess, patientFilter, type PatientAccess } from './decide.ts';
import type { Principal, Role } from './principal.ts';

const user = (role: Role, extra: Partial<Principal> = {}): Principal => ({
  kind: 'user', subject: `u-${role}`, issuer: 'https://kerne', clientId: 'kerne-web', display: role,
  fhirUser: 'Practitioner/p1', memberships: [{ role, unit: 'Organization/med1' }], scopes: ['user/*.*'], sessionId: 's', ...extra,
});
const access = (a: Partial<{ [K in keyof PatientAccess]: PatientAccess[K] }> = {}): PatientAccess => ({
  related: new Set(), relatedSensitive: new Set(), consentBlocked: new Set(), breakTheGlass: new Map(), ...a,
});

describe('decidePatientAccess', () => {
  const nurse = user('sygeplejerske');
  it('allows data outside every record and related patients; denies others with break-the-glass possible', () => {
    const a = access({ related: new Set(['p1']) });
    assert.deepEqual(decidePatientAccess(nurse, a, null, false), { allowed: true, breakTheGlass: false });
    assert.deepEqual(decidePatientAccess(nurse, a, 'p1', false), { allowed: true, breakTheGlass: false });
    assert.deepEqual(decidePatientAccess(nurse, a, 'p2', false), { allowed: false, reason: 'no-care-relation', breakTheGlassPossible: true });
  });
  it('sensitive data needs a psychiatric relation, also for a related somatic clinician', () => {
    const a = access({ related: new Set(['p1']), relatedSensitive: new Set(['p3']) });
    assert.deepEqual(decidePatientAccess(nurse, a, 'p1', true), { allowed: false, reason: 'sensitive-data', breakTheGlassPossible: true });
    assert.equal(decidePatientAccess(nurse, a, 'p3', true).allowed, true);
  });
  it('a consent that denies the organisation blocks even a related clinician, except by break-the-glass', () => {
    const a = access({ related: new Set(['p1']), consentBlocked: new Set(['p1']) });
    assert.deepEqual(decidePatientAccess(nurse, a, 'p1', false), { allowed: false, reason: 'consent-denies', breakTheGlassPossible: true });
    const granted = access({ ...a, breakTheGlass: new Map([['p1', '2030-01-01T00:00:00Z']]) });
    assert.deepEqual(decidePatientAccess(nurse, granted, 'p1', true), { allowed: true, breakTheGlass: true });
  });
  it('porters and administrators cannot break the glass', () => {
    for (const role of ['portoer', 'administrator'] as const) {
      assert.deepEqual(decidePatientAccess(user(role), access(), 'p1', false), { allowed: false, reason: 'no-care-relation', breakTheGlassPossible: false });
    }
  });
  it('a patient sees only their own record; a system client everything', () => {
    const patient: Principal = { ...user('patient'), kind: 'patient', fhirUser: 'Patient/p9', memberships: [{ role: 'patient' }] };
    assert.equal(decidePatientAccess(patient, access(), 'p9', true).allowed, true);
    assert.deepEqual(decidePatientAccess(patient, access(), 'p1', false), { allowed: false, reason: 'other-patient', breakTheGlassPossible: false });
    const system: Principal = { ...user('integration'), kind: 'system', memberships: [{ role: 'integration' }] };
    assert.equal(decidePatientAccess(system, access(), 'p1', true).allowed, true);
  });
});

describe('patientFilter', () => {
  it('matches the rule: break-the-glass and psychiatric relations see everything, somatic relations non-sensitive data, consent blocks', () => {
    const a = access({
      related: new Set(['p1', 'p2', 'p4']),
      relatedSensitive: new Set(['p3']),
      consentBlocked: new Set(['p2', 'p4']),
      breakTheGlass: new Map([['p4', 'x'], ['p5', 'x']]),
    });
    const f = patientFilter(user('laege'), a);
    assert.equal(f.all, false);
    assert.deepEqual([...f.anyData].sort(), ['p3', 'p4', 'p5']);
    assert.deepEqual([...f.nonSensitive].sort(), ['p1']);
    for (const p of ['p1', 'p2', 'p3', 'p4', 'p5', 'p6']) {
      for (const sensitive of [false, true]) {
        const byFilter = f.anyData.includes(p) || (!sensitive && f.nonSensitive.includes(p));
        assert.equal(byFilter, decidePatientAccess(user('laege'), a, p, sensitive).allowed, `${p} sensitive=${sensitive}`);
      }
    }
  });
});

describe('consentDenies', () => {
  it('finds a deny provision naming the organisation, at the top or nested', () => {
    const top = { provision: { type: 'deny', actor: [{ reference: { reference: 'Organization/med1' } }] } };
    const nested = { provision: { type: 'permit', provision: [{ type: 'deny', actor: [{ reference: { reference: 'Organization/hosp' } }] }] } };
    const permit = { provision: { type: 'permit', actor: [{ reference: { reference: 'Organization/med1' } }] } };
    assert.equal(consentDenies(top, ['med1']), true);
    assert.equal(consentDenies(nested, ['med1', 'hosp']), true);
    assert.equal(consentDenies(nested, ['med1']), false);
    assert.equal(consentDenies(permit, ['med1']), false);
  });
});
