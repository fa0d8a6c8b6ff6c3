/** What a token gets: asked ∩ client registration ∩ what the kind of subject may hold. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { WEB_CLIENT } from './client-store.ts';
import { grantScopes, isScopeSubset } from './grants.ts';

const web = WEB_CLIENT.scopes;

describe('grantScopes', () => {
  it('staff through kerne-web get at most user/*.*, and what they asked', () => {
    assert.deepEqual(grantScopes({ requested: 'openid fhirUser offline_access user/*.* patient/*.read', clientScopes: web, subject: 'user' }), [
      'openid',
      'fhirUser',
      'offline_access',
      'user/*.*',
    ]);
    assert.deepEqual(grantScopes({ requested: 'user/Observation.rs openid', clientScopes: web, subject: 'user' }), ['user/Observation.rs', 'openid']);
    assert.deepEqual(grantScopes({ requested: 'system/*.* profile launch/patient', clientScopes: web, subject: 'user' }), []);
  });

  it('patients get at most patient/*.read', () => {
    assert.deepEqual(grantScopes({ requested: 'openid fhirUser user/*.* patient/*.read', clientScopes: web, subject: 'patient' }), ['openid', 'fhirUser', 'patient/*.read']);
    assert.deepEqual(grantScopes({ requested: 'patient/*.*', clientScopes: ['patient/*.*'], subject: 'patient' }), ['patient/*.read']);
    assert.deepEqual(grantScopes({ requested: 'patient/Observation.cruds', clientScopes: ['patient/*.*'], subject: 'patient' }), ['patient/Observation.rs']);
    assert.deepEqual(grantScopes({ requested: 'launch/patient', clientScopes: ['launch/patient'], subject: 'patient' }), ['launch/patient']);
  });

  it('system clients get what they were registered with, system/ only', () => {
    assert.deepEqual(grantScopes({ requested: 'system/*.*', clientScopes: ['system/*.read'], subject: 'system' }), ['system/*.read']);
    assert.deepEqual(grantScopes({ requested: 'system/Patient.rs', clientScopes: ['system/*.*'], subject: 'system' }), ['system/Patient.rs']);
    assert.deepEqual(grantScopes({ requested: 'user/*.* openid', clientScopes: ['system/*.*', 'user/*.*', 'openid'], subject: 'system' }), []);
  });

  it('drops grants that others already cover', () => {
    const clientScopes = ['system/*.read', 'system/Observation.cruds'];
    assert.deepEqual(grantScopes({ requested: clientScopes, clientScopes, subject: 'system' }), clientScopes);
    assert.deepEqual(grantScopes({ requested: 'system/*.*', clientScopes, subject: 'system' }), ['system/*.read', 'system/Observation.*']);
  });

  it('drops duplicates and unknown scopes', () => {
    assert.deepEqual(grantScopes({ requested: 'user/*.* user/*.* banana user/Foo.x', clientScopes: web, subject: 'user' }), ['user/*.*']);
  });
});

describe('isScopeSubset', () => {
  it('accepts narrower clinical scopes and present other scopes', () => {
    assert.equal(isScopeSubset(['user/Observation.read', 'openid'], ['openid', 'user/*.*']), true);
    assert.equal(isScopeSubset(['user/*.rs'], ['user/*.read']), true);
    assert.equal(isScopeSubset(['user/*.*'], ['user/*.read']), false);
    assert.equal(isScopeSubset(['offline_access'], ['user/*.*']), false);
    assert.equal(isScopeSubset(['user/*.x'], ['user/*.*']), false);
  });
});
