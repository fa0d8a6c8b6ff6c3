import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Me } from '../api/types.ts';
import { homePathFor, navigationFor } from './navigation.ts';
import { appPath, chartPath, parseRoute } from './routes.ts';

const user = (...roles: string[]): Me => ({ kind: 'user', display: 'X', memberships: roles.map((role) => ({ role })), scopes: [] });

describe('routes', () => {
  it('maps browser paths below /app to routes', () => {
    assert.equal(appPath('/app'), '/');
    assert.equal(appPath('/app/patients'), '/patients');
    assert.equal(appPath('/fhir/Patient'), undefined);
    assert.deepEqual(parseRoute('/'), { name: 'home' });
    assert.deepEqual(parseRoute('/callback'), { name: 'callback' });
    assert.deepEqual(parseRoute('/patients'), { name: 'patients' });
    assert.deepEqual(parseRoute('/patient/a.b-1'), { name: 'chart', id: 'a.b-1', module: 'overview' });
    assert.deepEqual(parseRoute('/patient/p1/vitals'), { name: 'chart', id: 'p1', module: 'vitals' });
    assert.deepEqual(parseRoute('/patient/p1/nonsense'), { name: 'notFound' });
    assert.deepEqual(parseRoute('/my-log'), { name: 'myLog' });
    assert.deepEqual(parseRoute('/review/break-the-glass'), { name: 'review' });
    assert.deepEqual(parseRoute('/elsewhere'), { name: 'notFound' });
    assert.equal(chartPath('p 1'), '/patient/p%201');
    assert.equal(chartPath('p1', 'board'), '/patient/p1/board');
  });
});

describe('role-aware navigation', () => {
  it('gives clinicians patient search, and the ward manager also the review', () => {
    for (const role of ['laege', 'sygeplejerske', 'sekretaer']) assert.deepEqual(navigationFor(user(role)).map((i) => i.key), ['patients'], role);
    assert.deepEqual(navigationFor(user('afdelingsledelse')).map((i) => i.key), ['patients', 'review']);
    assert.equal(homePathFor(user('laege')), '/patients');
  });

  it('gives patients their own record and their log', () => {
    const me: Me = { kind: 'patient', display: 'P', fhirUser: 'Patient/p9', memberships: [{ role: 'patient' }], scopes: [] };
    assert.deepEqual(navigationFor(me), [
      { key: 'myRecord', path: '/patient/p9' },
      { key: 'myLog', path: '/my-log' },
    ]);
    assert.equal(homePathFor(me), '/patient/p9');
  });

  it('sends porters and administrators to the landing page', () => {
    for (const role of ['portoer', 'administrator']) {
      assert.deepEqual(navigationFor(user(role)).map((i) => i.key), ['home'], role);
      assert.equal(homePathFor(user(role)), null);
    }
  });
});
