/**
 * `ensureWebAppBuilt()`: builds the web app with Vite's build() API when web/dist/index.html is
 * missing or older than the newest source (web/src, web/index.html, web/public, vite.config.ts).
 * Safe to call from several processes at once (a lock directory; the build goes to a temporary
 * folder that replaces web/dist by rename, so a running server never sees half a build).
 * Vite is a dev dependency: without it a stale build is kept (and said so through `log`), and a
 * missing build is a readable error.
 * @see https://vite.dev/guide/api-javascript.html#build
 */
import { mkdir, readdir, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { VITE_CONFIG, WEB_BUILD_INPUTS, WEB_DIR, WEB_DIST, WEB_SRC } from './paths.ts';

export interface EnsureWebAppOptions {
  /** Build even when the build is up to date. */
  readonly force?: boolean;
  /** Told when a build starts and ends. */
  readonly log?: (message: string) => void;
}

export interface EnsureWebAppResult {
  /** True when this call ran a build; false when it was up to date (or another process built it). */
  readonly built: boolean;
  readonly distDir: string;
}

const LOCK = join(WEB_DIR, '.dist-lock');
const STALE_LOCK_MS = 5 * 60_000;

export async function ensureWebAppBuilt(options: EnsureWebAppOptions = {}): Promise<EnsureWebAppResult> {
  const result = (built: boolean): EnsureWebAppResult => ({ built, distDir: WEB_DIST });
  if (!(await exists(WEB_SRC))) return result(false); // an installation without sources: serve what is there
  if (!options.force && (await isUpToDate())) return result(false);

  await acquireLock();
  try {
    if (!options.force && (await isUpToDate())) return result(false); // built meanwhile by another process
    const vite = await import('vite').catch(() => undefined);
    if (!vite) {
      const message = 'Building the web app needs Vite, a dev dependency: run `npm install` (or `npm run build:web` where it is installed).';
      if (!(await exists(join(WEB_DIST, 'index.html')))) throw new Error(message);
      options.log?.(`${message} Serving the older build in ${WEB_DIST}.`);
      return result(false);
    }
    options.log?.('building the web app (vite build) …');
    const started = Date.now();
    await viteBuild(vite);
    options.log?.(`web app built in ${Date.now() - started} ms: ${WEB_DIST}`);
    return result(true);
  } finally {
    await rm(LOCK, { recursive: true, force: true });
  }
}

async function viteBuild(vite: typeof import('vite')): Promise<void> {
  const tmp = join(WEB_DIR, `.dist-build-${process.pid}-${Date.now()}`);
  const old = join(WEB_DIR, `.dist-old-${process.pid}-${Date.now()}`);
  try {
    await vite.build({ configFile: VITE_CONFIG, logLevel: 'warn', build: { outDir: tmp, emptyOutDir: true } });
    if (await exists(WEB_DIST)) await rename(WEB_DIST, old);
    await rename(tmp, WEB_DIST);
  } finally {
    await rm(tmp, { recursive: true, force: true });
    await rm(old, { recursive: true, force: true });
  }
}

/** True when web/dist/index.html is at least as new as every build input. */
export async function isUpToDate(): Promise<boolean> {
  const built = await mtime(join(WEB_DIST, 'index.html'));
  if (built === undefined) return false;
  const newest = Math.max(await newestMtime(WEB_SRC), ...(await Promise.all(WEB_BUILD_INPUTS.map(newestMtime))));
  return built >= newest;
}

async function newestMtime(path: string): Promise<number> {
  const s = await stat(path).catch(() => undefined);
  if (!s) return 0;
  if (!s.isDirectory()) return s.mtimeMs;
  let newest = s.mtimeMs; // a deleted file changes its directory's mtime
  for (const entry of await readdir(path)) newest = Math.max(newest, await newestMtime(join(path, entry)));
  return newest;
}

async function acquireLock(): Promise<void> {
  for (;;) {
    try {
      await mkdir(LOCK);
      return;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
    const since = await mtime(LOCK);
    if (since !== undefined && Date.now() - since > STALE_LOCK_MS) {
      await rm(LOCK, { recursive: true, force: true }); // left by a process that died while building
      continue;
    }
    await new Promise((r) => setTimeout(r, 200));
  }
}

const mtime = async (path: string) => (await stat(path).catch(() => undefined))?.mtimeMs;
const exists = async (path: string) => (await stat(path).catch(() => undefined)) !== undefined;
