/** The web app: served at /app/ by the Kerne server, built by Vite (see web/README.md). */
export { webAppPlugin, isClientRoute, type WebAppOptions } from './web-app.plugin.ts';
export { ensureWebAppBuilt, isUpToDate, type EnsureWebAppOptions, type EnsureWebAppResult } from './build-web-app.ts';
export { WEB_DIST } from './paths.ts';
