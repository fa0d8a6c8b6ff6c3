import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Me } from '../api/types.ts';
import { homePathFor, navigationFor } from './navigation.ts';
import { appPath, boardScreenOf, chartPath, isTaskGroup, parseRoute, tasksPath, wardBoardPath, wardVitalsPath } from './routes.ts';

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
    assert.deepEqual(parseRoute('/tavle'), { name: 'wards' });
    assert.deepEqual(parseRoute('/tavle/w%201'), { name: 'wardBoard', wardId: 'w 1' });
    assert.deepEqual(parseRoute('/tavle/w1/x'), { name: 'notFound' });
    assert.deepEqual(parseRoute('/senge'), { name: 'beds' });
    assert.deepEqual(parseRoute('/akut'), { name: 'ed' });
    assert.deepEqual(parseRoute('/opgaver'), { name: 'tasks' });
    assert.deepEqual(parseRoute('/vitaler'), { name: 'vitalsWards' }, 'the vitals ward picker');
    assert.deepEqual(parseRoute('/vitaler/w%201'), { name: 'wardVitals', wardId: 'w 1' }, 'a ward’s vitals, decoded');
    assert.deepEqual(parseRoute('/vitaler/w1/x'), { name: 'notFound' }, 'nothing below a ward’s vitals');
    assert.deepEqual(parseRoute('/eskalering'), { name: 'escalations' }, 'the doctors’ escalations');
    assert.equal(wardVitalsPath('w 1'), '/vitaler/w%201', 'a ward’s vitals path is encoded');
    assert.equal(chartPath('p 1'), '/patient/p%201');
    assert.equal(chartPath('p1', 'board'), '/patient/p1/board');
  });
});

describe('ward board presentations', () => {
  it('reads and writes the Danish query parameters', () => {
    assert.deepEqual(boardScreenOf(''), { screen: 'list', isPublic: false });
    assert.deepEqual(boardScreenOf('?skaerm=vaeg'), { screen: 'wall', isPublic: false });
    assert.deepEqual(boardScreenOf('?skaerm=vaeg&offentlig=1'), { screen: 'wall', isPublic: true });
    assert.deepEqual(boardScreenOf('?skaerm=telefon&offentlig=1'), { screen: 'phone', isPublic: false }, 'public only applies to the wall');
    assert.deepEqual(boardScreenOf('?skaerm=nonsense'), { screen: 'list', isPublic: false });
    assert.equal(wardBoardPath('w1'), '/tavle/w1');
    assert.equal(wardBoardPath('w 1', 'wall', true), '/tavle/w%201?skaerm=vaeg&offentlig=1');
    assert.equal(wardBoardPath('w1', 'phone', true), '/tavle/w1?skaerm=telefon');
    assert.equal(tasksPath(), '/opgaver');
    assert.equal(tasksPath('rengoering'), '/opgaver?gruppe=rengoering');
    assert.equal(isTaskGroup('laborant'), true);
    assert.equal(isTaskGroup('laege'), false);
  });
});

describe('role-aware navigation', () => {
  it('gives clinicians patient search and the logistics screens, and the ward manager also the review', () => {
    const clinical = ['patients', 'boards', 'beds', 'ed'];
    assert.deepEqual(navigationFor(user('sekretaer')).map((i) => i.key), clinical, 'sekretaer');
    assert.deepEqual(navigationFor(user('sygeplejerske')).map((i) => i.key), [...clinical, 'vitals'], 'nurses validate vital signs');
    assert.deepEqual(navigationFor(user('laege')).map((i) => i.key), [...clinical, 'vitals', 'escalations'], 'doctors also get the escalations');
    assert.deepEqual(navigationFor(user('afdelingsledelse')).map((i) => i.key), [...clinical, 'review']);
    assert.deepEqual(navigationFor(user('sygeplejerske')).map((i) => i.path), ['/patients', '/tavle', '/senge', '/akut', '/vitaler']);
    assert.deepEqual(navigationFor(user('laege')).map((i) => i.path).slice(-2), ['/vitaler', '/eskalering'], 'the doctor’s vitals paths');
    assert.equal(homePathFor(user('laege')), '/patients');
  });

  it('gives porters their tasks, and lands them there', () => {
    assert.deepEqual(navigationFor(user('portoer')), [{ key: 'tasks', path: '/opgaver' }]);
    assert.equal(homePathFor(user('portoer')), '/opgaver');
  });

  it('gives patients their own record and their log', () => {
    const me: Me = { kind: 'patient', display: 'P', fhirUser: 'Patient/p9', memberships: [{ role: 'patient' }], scopes: [] };
    assert.deepEqual(navigationFor(me), [
      { key: 'myRecord', path: '/patient/p9' },
      { key: 'myLog', path: '/my-log' },
    ]);
    assert.equal(homePathFor(me), '/patient/p9');
  });

  it('sends administrators to the landing page', () => {
    assert.deepEqual(navigationFor(user('administrator')).map((i) => i.key), ['home']);
    assert.equal(homePathFor(user('administrator')), null);
  });
});
