/** Operations: metrics, health, the HTTP server and its hygiene (security headers, CPR-free logs and URLs). */
export { metricsPlugin, interactionOf, type MetricsOptions } from './metrics.ts';
export { createHttpServer, type HttpServerOptions } from './http-server.ts';
export { redactCpr, queryHasCpr } from './redact-cpr.ts';
export { cspHeader } from './security-headers.ts';
export type { LogStream } from './log-options.ts';
