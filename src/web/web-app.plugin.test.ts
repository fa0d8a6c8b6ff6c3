import assert from 'node:assert/strict';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import Fastify, { type FastifyInstance } from 'fastify';
import { ensureWebAppBuilt, isUpToDate } from './build-web-app.ts';
import { WEB_DIST } from './paths.ts';
import { webAppPlugin } from './web-app.plugin.ts';

const INDEX = '<!doctype html><html lang="da"><head><script type="module" src="/app/assets/index-abc.js"></script></head><body><div id="root"></div></body></html>';

async function serve(distDir: string): Promise<FastifyInstance> {
  const app = Fastify({ logger: false });
  await app.register(webAppPlugin, { distDir });
  app.get('/fhir/metadata', async () => ({ resourceType: 'CapabilityStatement' }));
  return app;
}

describe('webAppPlugin: the web app at /app/', () => {
  let dir: string;
  let app: FastifyInstance;

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'kerne-web-'));
    await mkdir(join(dir, 'assets'));
    await writeFile(join(dir, 'index.html'), INDEX);
    await writeFile(join(dir, 'assets', 'index-abc.js'), 'console.log("kerne")');
    await writeFile(join(dir, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
    app = await serve(dir);
  });

  after(async () => {
    await app.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('redirects / and /app to /app/', async () => {
    for (const url of ['/', '/app']) {
      const res = await app.inject({ url });
      assert.equal(res.statusCode, 302, url);
      assert.equal(res.headers.location, '/app/');
    }
    assert.equal((await app.inject({ url: '/app?x=1' })).headers.location, '/app/?x=1');
  });

  it('serves index.html, not cached, at /app/ and for every client route', async () => {
    for (const url of ['/app/', '/app/patients', '/app/patient/abc/vitals', '/app/callback?code=x&state=y', '/app/my-log']) {
      const res = await app.inject({ url });
      assert.equal(res.statusCode, 200, url);
      assert.equal(res.body, INDEX, url);
      assert.match(String(res.headers['content-type']), /^text\/html/);
      assert.equal(res.headers['cache-control'], 'no-cache');
    }
    // A FHIR id may contain dots: a page request still gets the app.
    const dotted = await app.inject({ url: '/app/patient/a.b', headers: { accept: 'text/html,application/xhtml+xml' } });
    assert.equal(dotted.body, INDEX);
    assert.equal((await app.inject({ method: 'HEAD', url: '/app/patients' })).statusCode, 200);
  });

  it('serves the hashed assets with a long cache lifetime, other files revalidated', async () => {
    const js = await app.inject({ url: '/app/assets/index-abc.js' });
    assert.equal(js.statusCode, 200);
    assert.equal(js.body, 'console.log("kerne")');
    assert.match(String(js.headers['content-type']), /javascript/);
    assert.equal(js.headers['cache-control'], 'public, max-age=31536000, immutable');
    const icon = await app.inject({ url: '/app/favicon.svg' });
    assert.equal(icon.statusCode, 200);
    assert.equal(icon.headers['cache-control'], 'no-cache');
  });

  it('answers a missing asset, a missing file and other methods with 404, and never leaves the build folder', async () => {
    for (const url of ['/app/assets/missing.js', '/app/assets/missing', '/app/robots.txt', '/app/%2e%2e/package.json', '/app/..%2f..%2fpackage.json']) {
      const res = await app.inject({ url });
      assert.ok(res.statusCode === 404 || res.statusCode === 403, `${url}: ${res.statusCode}`);
      assert.doesNotMatch(res.body, /"name": "kerne"/);
    }
    const post = await app.inject({ method: 'POST', url: '/app/patients' });
    assert.equal(post.statusCode, 404);
    assert.equal(post.json().resourceType, 'OperationOutcome');
  });

  it('leaves the rest of the server alone', async () => {
    assert.equal((await app.inject({ url: '/fhir/metadata' })).json().resourceType, 'CapabilityStatement');
  });

  it('says how to build the app when there is no build', async () => {
    const empty = await serve(join(dir, 'does-not-exist'));
    try {
      for (const url of ['/app/', '/app/patients']) {
        const res = await empty.inject({ url });
        assert.equal(res.statusCode, 503, url);
        assert.match(String(res.headers['content-type']), /^text\/html/);
        assert.match(res.body, /npm run build:web/);
      }
    } finally {
      await empty.close();
    }
  });
});

describe('ensureWebAppBuilt', () => {
  it('builds web/dist with Vite when it is missing or stale, and then it is up to date', async () => {
    await ensureWebAppBuilt();
    assert.equal(await isUpToDate(), true);
    const html = await readFile(join(WEB_DIST, 'index.html'), 'utf8');
    assert.match(html, /<script type="module" crossorigin src="\/app\/assets\/index-[\w-]+\.js"><\/script>/);
    assert.equal((await ensureWebAppBuilt()).built, false, 'an up-to-date build is not rebuilt');
  });
});
