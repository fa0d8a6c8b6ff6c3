/**
 * HTTP hygiene of the server itself (no store needed): security headers and CSP, HSTS only on TLS,
 * CORS only for configured origins, CPR numbers refused in /fhir URLs and kept out of every log
 * line, credentials headers redacted, HTTPS from certificate files.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { loadConfig } from '../config/index.ts';
import { createHttpServer } from './http-server.ts';

function server(config: Record<string, unknown> = {}, lines: string[] = []): FastifyInstance {
  const http = createHttpServer(loadConfig({ logLevel: 'info', ...config }, {}), { logStream: { write: (line) => lines.push(line) } });
  http.route({ method: ['GET', 'POST'], url: '/fhir/*', handler: async () => ({ ok: true }) });
  http.get('/boom/*', async (req) => {
    req.log.info(`looking up ${req.url}`);
    req.log.info({ headers: req.headers }, 'headers');
    throw new Error(`no patient with CPR ${req.url.split('/').pop()}`);
  });
  return http;
}

describe('security headers', () => {
  it('sets a same-origin CSP, frame and referrer rules, and no HSTS without TLS', async () => {
    const http = server();
    const res = await http.inject({ url: '/healthz', headers: { host: 'kerne.example:8080' } });
    const csp = String(res.headers['content-security-policy']);
    for (const d of ["default-src 'self'", "script-src 'self'", "style-src 'self' 'unsafe-inline'", "frame-ancestors 'none'", "object-src 'none'"]) assert.ok(csp.includes(d), d);
    assert.match(csp, /connect-src 'self' ws:\/\/kerne\.example:8080 wss:\/\/kerne\.example:8080/);
    assert.doesNotMatch(csp, /upgrade-insecure-requests/);
    assert.equal(res.headers['x-frame-options'], 'DENY');
    assert.equal(res.headers['x-content-type-options'], 'nosniff');
    assert.equal(res.headers['referrer-policy'], 'no-referrer');
    assert.equal(res.headers['strict-transport-security'], undefined);
    const odd = await http.inject({ url: '/healthz', headers: { host: 'evil"; script-src *' } });
    assert.doesNotMatch(String(odd.headers['content-security-policy']), /evil/);
    await http.close();
  });

  it('answers CORS only for the configured origins', async () => {
    const closed = server();
    const none = await closed.inject({ url: '/fhir/Patient', headers: { origin: 'https://app.example' } });
    assert.equal(none.headers['access-control-allow-origin'], undefined);
    await closed.close();

    const open = server({ corsOrigins: 'https://app.example, https://other.example' });
    const allowed = await open.inject({ url: '/fhir/Patient', headers: { origin: 'https://app.example' } });
    assert.equal(allowed.headers['access-control-allow-origin'], 'https://app.example');
    assert.match(String(allowed.headers['access-control-expose-headers']), /Location/);
    const preflight = await open.inject({
      method: 'OPTIONS',
      url: '/fhir/Patient',
      headers: { origin: 'https://other.example', 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization,content-type' },
    });
    assert.equal(preflight.statusCode, 204);
    assert.equal(preflight.headers['access-control-allow-origin'], 'https://other.example');
    const denied = await open.inject({ url: '/fhir/Patient', headers: { origin: 'https://evil.example' } });
    assert.equal(denied.headers['access-control-allow-origin'], undefined);
    await open.close();
  });
});

describe('CPR numbers', () => {
  it('are refused in /fhir query strings with directions to POST _search', async () => {
    const http = server();
    for (const url of [
      '/fhir/Patient?identifier=urn:oid:1.2.208.176.1.2|0101011234',
      '/fhir/Patient?identifier=urn%3Aoid%3A1.2.208.176.1.2%7C010101-1234',
      '/fhir/Observation?subject.identifier=010101%2D1234&_count=10',
    ]) {
      const res = await http.inject({ url });
      assert.equal(res.statusCode, 400, url);
      const outcome = JSON.parse(res.body);
      assert.equal(outcome.resourceType, 'OperationOutcome');
      assert.match(outcome.issue[0].details.text, /POST \/fhir\/(Patient|Observation)\/_search/);
    }
    const post = await http.inject({ method: 'POST', url: '/fhir/Patient/_search?identifier=0101011234' });
    assert.equal(post.statusCode, 400, 'any method');
    assert.equal((await http.inject({ url: '/fhir/Patient?_id=ab123456-7890-4abc-9def-123456789012' })).statusCode, 200);
    assert.equal((await http.inject({ url: '/fhir/Patient?birthdate=1990-01-01' })).statusCode, 200);
    assert.equal((await http.inject({ url: '/other?cpr=0101011234' })).statusCode, 404, 'only /fhir is guarded');
    await http.close();
  });

  it('never reach a log line; neither do Authorization and Cookie headers', async () => {
    const lines: string[] = [];
    const http = server({}, lines);
    const res = await http.inject({ url: '/boom/0101011234?q=010101-1234', headers: { authorization: 'Bearer secret-token', cookie: 'kerne_sso=secret-cookie' } });
    assert.equal(res.statusCode, 500);
    assert.doesNotMatch(res.body, /0101011234/);
    const notFound = await http.inject({ url: '/nothing/0101011234' });
    assert.doesNotMatch(notFound.body, /0101011234/, 'the 404 text does not echo it');
    await http.close();
    const log = lines.join('');
    assert.ok(lines.length >= 3, log);
    assert.match(log, /\[CPR\]/);
    assert.doesNotMatch(log, /0101011234|010101-1234/);
    assert.doesNotMatch(log, /secret-token|secret-cookie/);
    assert.match(log, /\[REDACTED\]/);
  });
});

describe('TLS', () => {
  it('serves HTTPS from the certificate files, with HSTS', async (t) => {
    const dir = mkdtempSync(join(tmpdir(), 'kerne-tls-'));
    t.after(() => rmSync(dir, { recursive: true, force: true }));
    const cert = join(dir, 'cert.pem');
    const key = join(dir, 'key.pem');
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', cert, '-days', '1', '-subj', '/CN=localhost'], { stdio: 'ignore' });
    const http = createHttpServer(loadConfig({ logLevel: 'silent', tlsCert: cert, tlsKey: key }, {}));
    const address = await http.listen({ port: 0, host: '127.0.0.1' });
    try {
      assert.match(address, /^https:\/\//);
      const res = await new Promise<{ status: number; headers: Record<string, unknown> }>((resolve, reject) => {
        request(`${address}/healthz`, { rejectUnauthorized: false }, (r) => {
          r.resume();
          r.on('end', () => resolve({ status: r.statusCode ?? 0, headers: r.headers }));
        })
          .on('error', reject)
          .end();
      });
      assert.equal(res.status, 200);
      assert.match(String(res.headers['strict-transport-security']), /max-age=31536000/);
      assert.match(String(res.headers['content-security-policy']), /upgrade-insecure-requests/);
    } finally {
      await http.close();
    }
  });
});
