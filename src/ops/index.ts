/** Operations: metrics, health. */
export { metricsPlugin, interactionOf, type MetricsOptions } from './metrics.ts';
export { createHttpServer } from './http-server.ts';
