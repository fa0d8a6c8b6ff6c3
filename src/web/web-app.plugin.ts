/**
 * Serves the web app's build (web/dist) at /app/: hashed assets with a long cache lifetime, and
 * index.html (never cached) for every client route under /app/, so a reload of /app/patient/123
 * works. `/` and `/app` redirect to `/app/`. Without a build, /app/ says how to make one.
 * Registered as an encapsulated plugin: @fastify/static's decorations stay inside it.
 */
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { WEB_DIST } from './paths.ts';

export interface WebAppOptions {
  /** The built app (default: web/dist). */
  readonly distDir?: string;
}

const IMMUTABLE = 'public, max-age=31536000, immutable';

export async function webAppPlugin(app: FastifyInstance, options: WebAppOptions): Promise<void> {
  const distDir = resolve(options.distDir ?? WEB_DIST);
  const toApp = (req: FastifyRequest, reply: FastifyReply) => reply.redirect(`/app/${queryOf(req.url)}`);
  app.get('/', toApp);
  app.get('/app', toApp);

  await app.register(
    async (scope) => {
      await scope.register(fastifyStatic, {
        root: distDir,
        prefix: '/',
        decorateReply: false,
        index: false,
        dotfiles: 'ignore',
        cacheControl: false,
        suppressWarning: true, // a missing build is answered below, not warned about at start
        setHeaders(reply, path) {
          reply.header('Cache-Control', path.includes('/assets/') ? IMMUTABLE : 'no-cache');
        },
      });
      scope.get('/', { prefixTrailingSlash: 'slash' }, (_req, reply) => sendIndex(reply, distDir));
      // Anything @fastify/static has no file for: a client route gets index.html; a missing asset is a 404.
      scope.setNotFoundHandler((req, reply) => {
        if ((req.method === 'GET' || req.method === 'HEAD') && isClientRoute(req)) return sendIndex(reply, distDir);
        return reply
          .code(404)
          .type('application/fhir+json')
          .send(JSON.stringify({ resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: 'not-found', details: { text: `No file ${req.url.split('?')[0]}` } }] }));
      });
    },
    { prefix: '/app' },
  );
}

const queryOf = (url: string) => {
  const i = url.indexOf('?');
  return i < 0 ? '' : url.slice(i);
};

/**
 * True for a path the app's router handles (e.g. /app/patient/123, also with dots in a FHIR id);
 * false under /app/assets/ and for a file name (/app/robots.txt) unless the browser asks for a page.
 */
export function isClientRoute(req: Pick<FastifyRequest, 'url' | 'headers'>): boolean {
  const path = req.url.split('?')[0] ?? '';
  if (path.startsWith('/app/assets/')) return false;
  const last = path.slice(path.lastIndexOf('/') + 1);
  return !last.includes('.') || (req.headers.accept ?? '').includes('text/html');
}

async function sendIndex(reply: FastifyReply, distDir: string) {
  let html: string;
  try {
    html = await readFile(join(distDir, 'index.html'), 'utf8');
  } catch {
    return reply.code(503).header('Cache-Control', 'no-store').type('text/html; charset=utf-8').send(NOT_BUILT);
  }
  return reply.header('Cache-Control', 'no-cache').type('text/html; charset=utf-8').send(html);
}

const NOT_BUILT = `<!doctype html>
<html lang="da">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Kerne: web-appen er ikke bygget</title></head>
<body>
<main>
<h1>Kernes web-app er ikke bygget</h1>
<p>Byg den med <code>npm run build:web</code> og genindlæs siden.</p>
<p lang="en">Kerne's web app has not been built. Run <code>npm run build:web</code> and reload this page.</p>
</main>
</body>
</html>
`;
