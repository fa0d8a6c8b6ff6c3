/**
 * Vite configuration of Kerne's web app (web/): React, served by the Kerne server under /app/.
 * `npm run build:web` writes web/dist; `npx vite` runs a dev server that proxies the API to a
 * Kerne on http://127.0.0.1:8080 (or KERNE_DEV_API).
 * @see https://vite.dev/config/
 */
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const api = process.env.KERNE_DEV_API ?? 'http://127.0.0.1:8080';

export default defineConfig({
  root: fileURLToPath(new URL('./web', import.meta.url)),
  base: '/app/',
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: true,
  },
  server: {
    proxy: Object.fromEntries(['/fhir', '/api', '/oauth2', '/.well-known'].map((path) => [path, { target: api, changeOrigin: false }])),
  },
});
